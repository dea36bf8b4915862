"""Any OpenAI-compatible /chat/completions endpoint as a chat function (vLLM, LM Studio,
llama.cpp, OpenAI), asking for the answer's structure in the form the server accepts."""

import threading
from typing import Any

import httpx

from lectra.providers.base import Writer
from lectra.providers.http import bearer, models_unready
from lectra.providers.options import WriterOptions
from lectra.providers.writers.llm import ChatWriter, HttpChat
from lectra.runtime.errors import WriterError

# How each form asks for the schema, best first. OpenAI, vLLM, LM Studio and llama.cpp's own
# server take json_schema; llama-cpp-python answers it with HTTP 500 and takes json_object
# with a schema; a server that takes neither gets the schema in the prompt alone.
FORMATS = ("json_schema", "json_object", "none")
_worked: dict[tuple[str, str], str] = {}  # (url, model) -> the form its server accepted
_lock = threading.Lock()


def response_format(form: str, schema: dict[str, Any]) -> dict[str, Any] | None:
    """The request's response_format asking for schema in form."""
    if form == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": "answer", "schema": schema}}
    if form == "json_object":
        return {"type": "json_object", "schema": schema}
    return None


def refused_form(response: httpx.Response) -> bool:
    """True for the answers a server gives to a response_format it does not take."""
    return response.status_code in {400, 422, 500, 501}


class OpenAIChat(HttpChat):
    """POST {base}/chat/completions; the key goes in a header and nowhere else."""

    def refuse(self, response: httpx.Response) -> None:
        """A refused key: say so, without the key."""
        if response.status_code in {401, 403}:
            raise WriterError(f"{self.label}: the API key was refused")

    def forms(self) -> list[str]:
        """The forms to try, in order: the one set, or the one this server took, or all."""
        if self.opts.response_format != "auto":
            return [self.opts.response_format]
        with _lock:
            known = _worked.get((self.opts.url, self.opts.model))
        return [known] if known else list(FORMATS)

    def __call__(
        self,
        messages: list[dict[str, str]],
        schema: dict[str, Any],
        temperature: float,
        max_tokens: int,
    ) -> str:
        """One chat round trip, asking for schema in the first form the server takes (and
        remembering it), the answer capped at max_tokens."""
        forms = self.forms()
        for form in forms:
            payload: dict[str, Any] = {
                "model": self.opts.model,
                "messages": messages,
                "temperature": temperature,
                "max_tokens": max_tokens,
                "stream": False,
            }
            if (asked := response_format(form, schema)) is not None:
                payload["response_format"] = asked
            response = self.send("/chat/completions", payload, bearer(self.opts.api_key))
            if form == forms[-1] or not refused_form(response):
                break
        self.checked(response)
        with _lock:
            _worked[(self.opts.url, self.opts.model)] = form
        try:
            return str(response.json()["choices"][0]["message"]["content"])
        except (ValueError, KeyError, IndexError, TypeError):
            raise WriterError(f"{self.label}: the answer is not a chat completion") from None


def openai_unready(opts: WriterOptions, timeout_s: float) -> str | None:
    """None when the endpoint answers GET {base}/models within timeout_s, else why not."""
    return models_unready(opts.url, opts.api_key, timeout_s, f"openai at {opts.url}")


def build(opts: WriterOptions) -> Writer:
    """A writer asking an OpenAI-compatible server."""
    return ChatWriter("openai", opts.label, OpenAIChat(opts), opts.repairs, opts.temperature)
