"""The edge-tts voice: Microsoft Edge's online neural voices, with word timings."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import aiohttp
import edge_tts
from edge_tts.exceptions import EdgeTTSException

from lectra.media.ffmpeg import decoded
from lectra.models import WordMark
from lectra.providers.base import Slot, Utterance, Voice, free_slot
from lectra.providers.http import transient_status
from lectra.providers.options import VoiceOptions
from lectra.providers.voices.speaking import Recall, Said, spoken_by_sentence
from lectra.runtime.errors import VoiceError

VOICES = {
    "en": "en-US-AriaNeural",
    "es": "es-ES-ElviraNeural",
    "fr": "fr-FR-DeniseNeural",
    "de": "de-DE-KatjaNeural",
    "hi": "hi-IN-SwaraNeural",
    "zh": "zh-CN-XiaoxiaoNeural",
    "ja": "ja-JP-NanamiNeural",
    "ko": "ko-KR-SunHiNeural",
}
MAX_SENTENCE_CHARS = 1000  # longer sentences go in parts cut at words (4096 bytes of CJK is 1365)
TICKS_PER_S = 10_000_000  # edge reports offsets in 100 ns ticks


def voice_for(lang: str, chosen: str | None) -> str:
    """The voice set by the user, or the language's default."""
    return chosen or VOICES[lang]


def as_voice_error(exc: BaseException, voice: str, timeout_s: float) -> VoiceError:
    """An edge-tts failure as a VoiceError; 403, 429, 5xx, lost connections, no audio retry."""
    who = f"edge-tts ({voice})"
    if isinstance(exc, aiohttp.ClientResponseError):
        retry = exc.status == 403 or transient_status(exc.status)
        return VoiceError(f"{who}: HTTP {exc.status}", transient=retry)
    if isinstance(exc, asyncio.TimeoutError):
        return VoiceError(f"{who}: no audio within {timeout_s:g} s", transient=True)
    if isinstance(exc, aiohttp.ClientError | EdgeTTSException):
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return VoiceError(f"{who}: {detail}", transient=True)
    return VoiceError(f"{who}: {exc}")


class EdgeVoice:
    """Speaks with edge-tts, one request per sentence, a slide's sentences at once, each
    within a slot."""

    name = "edge"

    def __init__(
        self, opts: VoiceOptions, slot: Slot = free_slot, recall: Recall | None = None
    ) -> None:
        self.opts = opts
        self.slot = slot
        self.recall = recall

    async def _stream(self, text: str, voice: str) -> tuple[bytes, list[WordMark]]:
        talk = edge_tts.Communicate(
            text, voice, rate=self.opts.rate, pitch=self.opts.pitch, boundary="WordBoundary"
        )
        audio = bytearray()
        words: list[WordMark] = []
        async for item in talk.stream():
            if item["type"] == "audio":
                audio += item.get("data", b"")
            elif item["type"] == "WordBoundary":
                start = item.get("offset", 0.0) / TICKS_PER_S
                end = start + item.get("duration", 0.0) / TICKS_PER_S
                words.append(WordMark(text=item.get("text", ""), start_s=start, end_s=end))
        return bytes(audio), words

    def _sentence(self, text: str, voice: str) -> Said:
        try:
            with self.slot():
                audio, words = asyncio.run(
                    asyncio.wait_for(self._stream(text, voice), self.opts.timeout_s)
                )
        except ValueError as exc:  # edge-tts validates voice, rate and pitch
            raise VoiceError(f"edge-tts rejected the voice settings: {exc}") from None
        except Exception as exc:
            raise as_voice_error(exc, voice, self.opts.timeout_s) from None
        if not audio:
            raise VoiceError(f"edge-tts ({voice}): No audio was received", transient=True)
        return Said(decoded(audio), tuple(words))

    def speak(self, text: str, lang: str) -> Utterance:
        """text spoken as audio with each word's and each sentence's timing."""
        voice = voice_for(lang, self.opts.voice)

        def at_once(said: list[str]) -> list[Said]:
            with ThreadPoolExecutor(max_workers=max(1, min(len(said), self.opts.parallel))) as pool:
                return list(pool.map(lambda s: self._sentence(s, voice), said))

        return spoken_by_sentence(text, at_once, MAX_SENTENCE_CHARS, self.recall)


def build(opts: VoiceOptions, slot: Slot, recall: Recall | None = None) -> Voice:
    """edge-tts, each call holding slot."""
    return EdgeVoice(opts, slot, recall)
