"""Simulated services: an Ollama-protocol LLM on loopback, and edge-tts and ddgs replaced at
their library entry points with the seeds' latencies. Everything after them runs for real."""

import asyncio
import io
import json
import re
import subprocess
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from PIL import Image, ImageDraw

from bench.costs import NOTE_WORDS, WORDS_PER_SECOND, Costs

FILLER = "clean energy grows when people and places share the work fairly".split()  # noqa: SIM905


def _notes(words: int, seed: int) -> str:
    text = [FILLER[(seed + k) % len(FILLER)] for k in range(words)]
    return " ".join(text).capitalize() + "."


def _answer(body: dict[str, Any]) -> str:
    ask = next(m["content"] for m in body["messages"] if m["role"] == "user")
    if "slides" in body.get("format", {}).get("properties", {}):
        count = re.search(r"exactly (\d+) short titles", ask)
        n = int(count.group(1)) if count else 0
        return json.dumps(
            {"title": "Benchmark Deck", "slides": [f"Part {i + 1}" for i in range(n)]}
        )
    number = re.search(r"Write slide (\d+)", ask)
    index = int(number.group(1)) if number else 0
    words = NOTE_WORDS if index else NOTE_WORDS // 2
    return json.dumps(
        {
            "bullets": [f"Point {k} of part {index}" for k in (1, 2, 3)],
            "notes": _notes(words, index),
            "image_query": f"part {index}",
        }
    )


class OneAtATime:
    """A model server's single worker, as llama.cpp and Ollama run on a laptop: requests take
    turns, and queue_peak is the most that waited in its queue at once (0: each was sent
    when the server was free)."""

    def __init__(self) -> None:
        self.queue_peak = 0
        self._waiting = 0
        self._count = threading.Lock()
        self._worker = threading.Lock()

    @contextmanager
    def turn(self) -> Iterator[None]:
        """Wait for the worker, then hold it for the block."""
        with self._count:
            self._waiting += 1
            self.queue_peak = max(self.queue_peak, self._waiting - 1)
        with self._worker:
            with self._count:
                self._waiting -= 1
            yield


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """handler served on a free loopback port in a background thread; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _picture(n: int) -> bytes:
    image = Image.new("RGB", (800, 600), ((n * 37) % 256, (n * 91) % 256, (n * 53) % 256))
    ImageDraw.Draw(image).ellipse((200, 150, 600, 450), fill=(240, 240, 240))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


@contextmanager
def llm_and_images(costs: Costs, at_once: int = 1) -> Iterator[str]:
    """An Ollama-protocol server that answers at_once requests at a time (1: a single-GPU
    Ollama), plus /img/N.jpg."""
    gpu = threading.Semaphore(at_once)
    pictures: dict[int, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if self.path == "/api/tags":
                self._send(
                    json.dumps({"models": [{"name": "sim:latest"}]}).encode(), "application/json"
                )
                return
            n = int(re.sub(r"\D", "", self.path) or 0)
            self._send(pictures.setdefault(n, _picture(n)), "image/jpeg")

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            outline = "slides" in body.get("format", {}).get("properties", {})
            with gpu:
                time.sleep(costs.outline() if outline else costs.script())
            reply = {"message": {"role": "assistant", "content": _answer(body)}, "done": True}
            self._send(json.dumps(reply).encode(), "application/json")

        def log_message(self, format: str, *args: object) -> None:
            pass

    with serving(Handler) as url:
        yield url


@lru_cache(maxsize=64)
def _speech(seconds: float) -> bytes:
    return subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            f"sine=f=220:r=24000:d={seconds:.3f}",  # a sound: the voice trims silence
            "-c:a",
            "libmp3lame",
            "-b:a",
            "48k",
            "-write_xing",
            "0",
            "-f",
            "mp3",
            "-",
        ],
        capture_output=True,
        check=True,
    ).stdout


def install(costs: Costs, base_url: str) -> None:
    """Replace edge_tts.Communicate and ddgs' image search with the simulated services."""
    import edge_tts
    from ddgs.ddgs import DDGS

    class SimCommunicate:
        def __init__(self, text: str, voice: str = "", **options: Any) -> None:
            self.text = text

        async def stream(self) -> AsyncIterator[dict[str, Any]]:
            began = time.perf_counter()
            seconds = round(max(0.5, len(self.text.split()) / WORDS_PER_SECOND), 2)
            audio = _speech(seconds)  # the service's latency covers making it
            await asyncio.sleep(max(0.0, costs.narration(seconds) - (time.perf_counter() - began)))
            yield {"type": "audio", "data": audio}

    counter = iter(range(1, 1_000_000))
    lock = threading.Lock()

    def images(self: Any, query: str, **kwargs: Any) -> list[dict[str, Any]]:
        time.sleep(costs.image())
        with lock:
            n = next(counter)
        return [{"image": f"{base_url}/img/{n}.jpg", "url": f"{base_url}/page/{n}", "title": query}]

    edge_tts.Communicate = SimCommunicate  # type: ignore[misc,assignment]
    DDGS.images = images  # type: ignore[method-assign]
