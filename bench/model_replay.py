"""A real model's answers, recorded and replayed: a recording proxy in front of an
OpenAI-compatible server, and a loopback server that answers as it did, at its pace, one
request at a time (as llama.cpp and Ollama serve on a laptop).

Record (a real server running, e.g. llama-cpp-python's on port 8000):
    python -m bench.model_replay record --upstream http://127.0.0.1:8000/v1 \
        --out tests/data/smollm2_answers.json --lang en --lang es --lang de -- --slides 6
Each deck runs the CLI through the proxy; answers go to the file with their seconds.
"""

import argparse
import itertools
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import httpx

from bench.services import OneAtATime, serving
from lectra.text.languages import LANGUAGES

FORWARDED = {"content-type", "authorization", "accept"}
_LANGUAGE = re.compile(r"Write in ([A-Z][a-z]+)\.")
_SLIDE = re.compile(r"Write slide (\d+),")


def request_key(body: dict[str, Any]) -> dict[str, Any]:
    """What a chat request asks, as recordings are matched: kind, language, slide, attempt
    and the structured-output form."""
    messages = body.get("messages", [])
    user = next((m["content"] for m in messages if m.get("role") == "user"), "")
    form = (body.get("response_format") or {}).get("type", "none")
    names = {language.name: code for code, language in LANGUAGES.items()}
    found = _LANGUAGE.search(user)
    slide = _SLIDE.search(user)
    if '{"ok": true}' in user:
        kind = "smoke"
    elif "short titles" in user or "Leave 'slides' empty" in user:
        kind = "outline"
    elif slide is None:
        kind = "title"
    else:
        kind = "script"
    return {
        "kind": kind,
        "lang": names.get(found.group(1), "en") if found else "en",
        "slide": int(slide.group(1)) - 1 if slide else 0,
        "attempt": sum(m.get("role") == "assistant" for m in messages),
        "form": form,
    }


class Recordings:
    """Recorded answers, handed out for the requests that match them best, in turn."""

    def __init__(self, path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        self.answers: list[dict[str, Any]] = data["answers"]
        self._turns: dict[tuple[Any, ...], Iterator[dict[str, Any]]] = {}
        self._lock = threading.Lock()

    def answer(self, key: dict[str, Any]) -> dict[str, Any]:
        """The recorded answer to a request like key: the same kind, language, form and
        attempt (and slide, when recorded), each such answer given in turn."""
        fields = ("kind", "lang", "form", "attempt", "slide")
        for size in (5, 4, 3, 2, 1):
            wanted = tuple(key[f] for f in fields[:size])
            found = [a for a in self.answers if tuple(a[f] for f in fields[:size]) == wanted]
            if found:
                with self._lock:
                    turn = self._turns.setdefault(wanted, itertools.cycle(found))
                    return next(turn)
        raise LookupError(f"nothing recorded for {key}")


class Replay(OneAtATime):
    """A running replay server: its /v1 base URL, and its queue (OneAtATime)."""

    url = ""


@contextmanager
def replay_server(path: Path, pace: float = 1.0) -> Iterator[Replay]:
    """An OpenAI-compatible server on loopback answering as the recording did, one request at
    a time, each taking its recorded seconds times pace. An answer whose client gave up is
    still written to the end, as a real server does."""
    recordings = Recordings(path)
    replay = Replay()

    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def do_GET(self) -> None:
            self._send(200, {"object": "list", "data": [{"id": "recorded", "object": "model"}]})

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            recorded = recordings.answer(request_key(body))
            with replay.turn():
                time.sleep(recorded["seconds"] * pace)
            if recorded["status"] != 200:
                self._send(recorded["status"], {"error": {"message": recorded["content"]}})
                return
            message = {"role": "assistant", "content": recorded["content"]}
            self._send(200, {"object": "chat.completion", "choices": [{"message": message}]})

        def log_message(self, format: str, *args: object) -> None:
            pass

    with serving(Handler) as url:
        replay.url = f"{url}/v1"
        yield replay


@contextmanager
def recording_proxy(upstream: str, answers: list[dict[str, Any]]) -> Iterator[str]:
    """A loopback proxy to upstream's /v1 that appends each chat answer to answers."""
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def _relay(self, method: str) -> None:
            size = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(size) if size else b""
            began = time.monotonic()
            path = self.path.removeprefix("/v1")
            sent = {k: v for k, v in self.headers.items() if k.lower() in FORWARDED}
            url = upstream.rstrip("/") + path
            reply = httpx.request(method, url, content=raw, headers=sent, timeout=900)
            seconds = time.monotonic() - began
            if method == "POST" and path.startswith("/chat/completions"):
                body = json.loads(raw)
                try:
                    content = reply.json()["choices"][0]["message"]["content"]
                except (ValueError, KeyError, IndexError, TypeError):
                    content = reply.text[:2000]
                with lock:
                    answers.append(
                        {
                            **request_key(body),
                            "status": reply.status_code,
                            "seconds": round(seconds, 3),
                            "max_tokens": body.get("max_tokens"),
                            "content": content,
                        }
                    )
            self.send_response(reply.status_code)
            self.send_header("Content-Type", reply.headers.get("content-type", "text/plain"))
            self.send_header("Content-Length", str(len(reply.content)))
            self.end_headers()
            self.wfile.write(reply.content)

        def do_GET(self) -> None:
            self._relay("GET")

        def do_POST(self) -> None:
            self._relay("POST")

        def log_message(self, format: str, *args: object) -> None:
            pass

    with serving(Handler) as url:
        yield f"{url}/v1"


def record(args: argparse.Namespace) -> int:
    """Run one deck per language through the proxy and save every answer."""
    answers: list[dict[str, Any]] = []
    codes = []
    with recording_proxy(args.upstream, answers) as proxy:
        for lang in args.lang:
            env = {**os.environ, "LECTRA_OPENAI_BASE_URL": proxy, "LECTRA_WRITER": "openai"}
            cmd = [sys.executable, "-m", "flows.presentation", args.topic, "--lang", lang]
            done = subprocess.run([*cmd, *args.cli], env=env, text=True, capture_output=True)
            codes.append(done.returncode)
            print(f"{lang}: exit {done.returncode}; {done.stderr.strip().splitlines()[-1:]}")
    Path(args.out).write_text(
        json.dumps({"model": args.model, "answers": answers}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    print(f"{len(answers)} answers in {args.out}")
    return max(codes, default=0)


def main(argv: list[str] | None = None) -> int:
    """The record command."""
    parser = argparse.ArgumentParser(prog="python -m bench.model_replay")
    commands = parser.add_subparsers(dest="command", required=True)
    rec = commands.add_parser("record", help="Record a real server's answers to Lectra decks.")
    rec.add_argument("--upstream", required=True, help="The real server's /v1 base URL.")
    rec.add_argument("--out", required=True, help="The recordings file to write.")
    rec.add_argument("--model", default="", help="The model's name, for the file.")
    rec.add_argument("--topic", default="How Solar Panels Work")
    rec.add_argument("--lang", action="append", default=[], help="A deck language (repeat).")
    rec.add_argument("cli", nargs="*", help="More CLI options, after --.")
    args = parser.parse_args(argv)
    args.lang = args.lang or ["en"]
    return record(args)


if __name__ == "__main__":
    sys.exit(main())
