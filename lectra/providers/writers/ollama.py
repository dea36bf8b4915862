"""Ollama's HTTP API as a chat function, and the check that the model is pulled."""

import json
from typing import Any

import httpx

from lectra.providers.base import Writer
from lectra.providers.http import probe
from lectra.providers.options import WriterOptions
from lectra.providers.writers.llm import ChatWriter, HttpChat
from lectra.runtime.errors import WriterError
from lectra.runtime.secrets import masked


def _content(response: httpx.Response) -> str:
    """The answer's text, from one JSON body or from NDJSON lines if the server streamed."""
    text = response.text.strip()
    try:
        return str(json.loads(text)["message"]["content"])
    except (ValueError, KeyError, TypeError):
        pass
    parts = []
    for line in text.splitlines():
        try:
            parts.append(str(json.loads(line)["message"]["content"]))
        except (ValueError, KeyError, TypeError):
            reply = masked(line, 80)
            raise WriterError(f"ollama sent something that is not a chat reply: {reply}") from None
    return "".join(parts)


def model_names(body: Any) -> set[str]:
    """The model names /api/tags lists, each with and without its ':latest' tag."""
    names = {str(m.get("name", "")) for m in body.get("models", []) if isinstance(m, dict)}
    return names | {n.removesuffix(":latest") for n in names}


class OllamaChat(HttpChat):
    """POST /api/chat with stream false and the answer's JSON schema as 'format'."""

    def refuse(self, response: httpx.Response) -> None:
        """A model that is not pulled: say how to pull it."""
        if response.status_code == 404 and "not found" in response.text:
            raise WriterError(
                f"{self.label}: the model is not pulled; run: ollama pull {self.opts.model}"
            )

    def __call__(
        self,
        messages: list[dict[str, str]],
        schema: dict[str, Any],
        temperature: float,
        max_tokens: int,
    ) -> str:
        """One chat round trip, the schema as 'format' and the answer capped at max_tokens
        (num_predict); WriterError (transient for 5xx) on failure."""
        payload = {
            "model": self.opts.model,
            "messages": messages,
            "stream": False,
            "format": schema,
            "options": {
                "temperature": temperature,
                "num_ctx": self.opts.num_ctx,
                "num_predict": max_tokens,
            },
        }
        return _content(self.post("/api/chat", payload))


def ollama_unready(opts: WriterOptions, timeout_s: float) -> str | None:
    """None when Ollama answers /api/tags within timeout_s and lists the model, else why not."""
    who = f"ollama at {opts.url}"
    answer = probe(opts.url.rstrip("/") + "/api/tags", timeout_s, who)
    if isinstance(answer, str):
        return answer
    try:
        answer.raise_for_status()
        names = model_names(answer.json())
    except (httpx.HTTPError, ValueError, AttributeError) as exc:
        return f"{who} unreachable ({type(exc).__name__})"
    if opts.model not in names:
        return f"{who} has no model {opts.model} (ollama pull {opts.model})"
    return None


def build(opts: WriterOptions) -> Writer:
    """A writer asking an Ollama server."""
    return ChatWriter("ollama", opts.label, OllamaChat(opts), opts.repairs, opts.temperature)
