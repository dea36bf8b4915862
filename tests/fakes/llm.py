"""Fake LLM servers speaking Ollama's and OpenAI's chat protocols, quirks included."""

import json
import re
import time
from collections import deque
from typing import Any

from bench.services import OneAtATime
from tests.fakes.loopback import Reply, Request, Server, key_refused


def good_answer(messages: list[dict[str, str]], schema: dict[str, Any]) -> str:
    """A valid answer to what the prompt asks: an outline or one slide's script."""
    ask = messages[-1]["content"] if messages else ""
    first_ask = next((m["content"] for m in messages if m["role"] == "user"), ask)
    if "slides" in schema.get("properties", {}):
        count = re.search(r"exactly (\d+) short titles", first_ask)
        topic = re.search(r"presentation about: (.*)", first_ask)
        n = int(count.group(1)) if count else 0
        name = topic.group(1).strip() if topic else "Topic"
        return json.dumps(
            {
                "title": f"{name}: A Model's View",
                "subtitle": "Written by a fake model",
                "slides": [f"Model Section {i + 1}" for i in range(n)],
            }
        )
    title = re.search(r"Write slide \d+, '([^']*)'", first_ask)
    name = title.group(1) if title else "Welcome"
    return json.dumps(
        {
            "bullets": [f"{name} point one", f"{name} point two", f"{name} point three"],
            "notes": f"This slide is about {name}. The model explains it in two sentences.",
            "image_query": f"{name} photo",
        }
    )


class FakeLLM(Server):
    """Answers chat requests from a queue of scripted replies, then with good answers."""

    def __init__(self, models: tuple[str, ...] = ("llama3.1:latest",)) -> None:
        super().__init__()
        self.models = list(models)
        self.script: deque[Any] = deque()  # str answers, or Reply objects sent as they are
        self.chats: list[dict[str, Any]] = []
        self.hold_after: int | None = None  # chats after this many are answered hold_s late
        self.hold_s = 0.0
        # a local server at laptop speed: one answer at a time, each taking answer_s, queued
        # requests waiting their turn, and an answer still written when its client gave up
        self.answer_s = 0.0
        self.worker = OneAtATime()

    def next_answer(self, body: dict[str, Any], schema: dict[str, Any]) -> str | Reply:
        if self.answer_s:
            with self.worker.turn():
                time.sleep(self.answer_s)
        self.chats.append(body)
        if self.script:
            return self.script.popleft()
        return good_answer(body.get("messages", []), schema)


class FakeOllama(FakeLLM):
    """Ollama: /api/tags, and /api/chat streaming NDJSON unless stream is false."""

    def __init__(self, models: tuple[str, ...] = ("llama3.1:latest",)) -> None:
        super().__init__(models)
        self.route(
            "GET", "/api/tags", lambda _: Reply(body={"models": [{"name": m} for m in self.models]})
        )
        self.route("POST", "/api/chat", self._chat)

    def _chat(self, request: Request) -> Reply:
        body = request.json or {}
        if body.get("model") not in {m.removesuffix(":latest") for m in self.models} | set(
            self.models
        ):
            return Reply(
                404, {"error": f'model "{body.get("model")}" not found, try pulling it first'}
            )
        answer = self.next_answer(body, body.get("format") or {})
        if isinstance(answer, Reply):
            return answer
        if self.hold_after is not None and len(self.chats) > self.hold_after:
            reply = {"message": {"role": "assistant", "content": answer}, "done": True}
            return Reply(body=reply, delay_s=self.hold_s)
        if body.get("stream", True) is not False:
            pieces = [answer[i : i + 7] for i in range(0, len(answer), 7)]
            lines = [
                {"message": {"role": "assistant", "content": p}, "done": False} for p in pieces
            ]
            lines.append({"message": {"role": "assistant", "content": ""}, "done": True})
            text = "\n".join(json.dumps(line) for line in lines) + "\n"
            return Reply(body=text, content_type="application/x-ndjson")
        return Reply(
            body={
                "model": body["model"],
                "message": {"role": "assistant", "content": answer},
                "done": True,
            }
        )


class FakeOpenAI(FakeLLM):
    """An OpenAI-compatible server: /v1/models and /v1/chat/completions behind a bearer key."""

    def __init__(
        self, key: str | None = None, formats: tuple[str, ...] = ("json_schema", "json_object")
    ) -> None:
        super().__init__()
        self.key = key
        self.formats = formats  # the response_format types it takes; llama-cpp-python's
        # server answers HTTP 500 to json_schema and takes json_object with a schema
        self.route(
            "GET", "/v1/models", lambda r: self._guard(r) or Reply(body={"data": [{"id": "m"}]})
        )
        self.route("POST", "/v1/chat/completions", self._chat)

    def _guard(self, request: Request) -> Reply | None:
        return key_refused(self.key, request)

    def _chat(self, request: Request) -> Reply:
        denied = self._guard(request)
        if denied:
            return denied
        body = request.json or {}
        asked = body.get("response_format") or {}
        if asked and asked.get("type") not in self.formats:
            return Reply(500, {"error": {"message": "Internal Server Error"}})
        schema = asked.get("schema") or asked.get("json_schema", {}).get("schema")
        if schema is None:
            text = body["messages"][0]["content"].split("JSON schema:\n", 1)
            schema = json.loads(text[1]) if len(text) == 2 else {}
        answer = self.next_answer(body, schema)
        if isinstance(answer, Reply):
            return answer
        choice = {"index": 0, "message": {"role": "assistant", "content": answer}}
        return Reply(body={"id": "x", "object": "chat.completion", "choices": [choice]})
