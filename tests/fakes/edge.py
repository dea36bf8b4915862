"""edge_tts.Communicate replaced at the library boundary: real mp3 and WordBoundary events."""

from collections.abc import AsyncIterator
from typing import Any, ClassVar

import aiohttp
import pytest
from edge_tts.exceptions import NoAudioReceived
from multidict import CIMultiDict, CIMultiDictProxy
from yarl import URL

from tests.fakes.images import mp3_of

SECONDS_PER_WORD = 0.3


class FakeCommunicate:
    """Speaks each word for 0.3 s of tone and reports its boundary, as edge does."""

    calls: ClassVar[list[dict[str, Any]]] = []

    def __init__(self, text: str, voice: str = "", **options: Any) -> None:
        self.text, self.voice, self.options = text, voice, options
        FakeCommunicate.calls.append({"text": text, "voice": voice, **options})

    async def stream(self) -> AsyncIterator[dict[str, Any]]:
        words = self.text.split()
        for n, word in enumerate(words):
            yield {
                "type": "WordBoundary",
                "offset": n * SECONDS_PER_WORD * 1e7,
                "duration": 0.25 * 1e7,
                "text": word,
            }
        yield {"type": "audio", "data": mp3_of(max(1, len(words)) * SECONDS_PER_WORD)}


WSS = URL("wss://speech.platform.bing.com/consumer/speech/synthesize/readaloud/edge/v1")
HANDSHAKE = aiohttp.RequestInfo(WSS, "GET", CIMultiDictProxy(CIMultiDict()), WSS)


class ThrottledCommunicate(FakeCommunicate):
    """Fails as edge does when it throttles: HTTP 503 on the websocket handshake."""

    async def stream(self) -> AsyncIterator[dict[str, Any]]:
        raise aiohttp.ClientResponseError(
            request_info=HANDSHAKE, history=(), status=503, message="Service Unavailable"
        )
        yield {}


class SilentCommunicate(FakeCommunicate):
    """Fails as edge does when the service sends nothing."""

    async def stream(self) -> AsyncIterator[dict[str, Any]]:
        raise NoAudioReceived(
            "No audio was received. Please verify that your parameters are correct."
        )
        yield {}


def fake_edge(
    monkeypatch: pytest.MonkeyPatch, cls: type[FakeCommunicate] = FakeCommunicate
) -> list[dict[str, Any]]:
    """Install cls as edge_tts.Communicate; returns the record of calls."""
    import edge_tts

    FakeCommunicate.calls = []
    monkeypatch.setattr(edge_tts, "Communicate", cls)
    return FakeCommunicate.calls
