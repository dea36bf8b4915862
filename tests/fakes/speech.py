"""A fake OpenAI-compatible speech server: POST /v1/audio/speech answers with a real WAV."""

import math
import struct
import threading
import time
from collections import deque
from typing import Any

from tests.fakes.loopback import Reply, Request, Server, key_refused

RATE = 24000  # OpenAI's wav and pcm formats are 24 kHz mono
SECONDS_PER_CHAR = 0.04


def tone_wav(seconds: float, amplitude: float = 0.3, streamed: bool = False) -> bytes:
    """A WAV of a 300 Hz tone; streamed writes the sizes as 0xFFFFFFFF, as streaming servers do."""
    frames = round(seconds * RATE)
    data = b"".join(
        struct.pack("<h", round(32767 * amplitude * math.sin(2 * math.pi * 300 * i / RATE)))
        for i in range(frames)
    )
    riff = 0xFFFFFFFF if streamed else 36 + len(data)
    size = 0xFFFFFFFF if streamed else len(data)
    header = struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF",
        riff,
        b"WAVE",
        b"fmt ",
        16,
        1,
        1,
        RATE,
        RATE * 2,
        2,
        16,
        b"data",
        size,
    )
    return header + data


class FakeSpeechServer(Server):
    """Speaks each input as SECONDS_PER_CHAR of tone per character, after delay_s."""

    def __init__(self, key: str | None = None, max_chars: int = 4096, delay_s: float = 0.0) -> None:
        super().__init__()
        self.key, self.max_chars, self.delay_s = key, max_chars, delay_s
        self.failures: deque[Reply] = deque()  # sent first, one per request
        self.inputs: list[str] = []
        self.active = 0
        self.peak = 0
        self._lock = threading.Lock()
        self.route("GET", "/v1/models", lambda r: self._guard(r) or Reply(body={"data": []}))
        self.route("POST", "/v1/audio/speech", self._speech)

    def _guard(self, request: Request) -> Reply | None:
        return key_refused(self.key, request)

    def _speech(self, request: Request) -> Reply:
        denied = self._guard(request)
        if denied:
            return denied
        body: dict[str, Any] = request.json or {}
        with self._lock:
            if self.failures:
                return self.failures.popleft()
            self.active += 1
            self.peak = max(self.peak, self.active)
        try:
            time.sleep(self.delay_s)  # held while "speaking", so overlapping calls are seen
            text = str(body.get("input", ""))
            if len(text) > self.max_chars:
                message = f"input is longer than {self.max_chars} characters"
                return Reply(400, {"error": {"message": message}})
            if body.get("response_format") != "wav":
                return Reply(400, {"error": {"message": "this fake only speaks wav"}})
            self.inputs.append(text)
            wav = tone_wav(len(text) * SECONDS_PER_CHAR, streamed=True)
            return Reply(body=wav, content_type="audio/wav")
        finally:
            with self._lock:
                self.active -= 1
