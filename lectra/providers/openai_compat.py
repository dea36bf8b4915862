"""Any OpenAI-compatible /chat/completions endpoint as a chat function (vLLM, LM Studio, ...)."""

import httpx

from lectra.errors import WriterError
from lectra.providers.http import bearer, models_unready
from lectra.providers.llm import HttpChat
from lectra.providers.options import WriterOptions


class OpenAIChat(HttpChat):
    """POST {base}/chat/completions; the key goes in a header and nowhere else."""

    def refuse(self, response: httpx.Response) -> None:
        """A refused key: say so, without the key."""
        if response.status_code in {401, 403}:
            raise WriterError(f"{self.label}: the API key was refused")

    def __call__(self, messages: list[dict[str, str]], schema: dict[str, object]) -> str:
        """One chat round trip; the schema is already in the system prompt."""
        payload = {
            "model": self.opts.model,
            "messages": messages,
            "temperature": self.opts.temperature,
            "stream": False,
        }
        response = self.post("/chat/completions", payload, bearer(self.opts.api_key))
        try:
            return str(response.json()["choices"][0]["message"]["content"])
        except (ValueError, KeyError, IndexError, TypeError):
            raise WriterError(f"{self.label}: the answer is not a chat completion") from None


def openai_unready(opts: WriterOptions, timeout_s: float) -> str | None:
    """None when the endpoint answers GET {base}/models within timeout_s, else why not."""
    return models_unready(opts.url, opts.api_key, timeout_s, f"openai at {opts.url}")
