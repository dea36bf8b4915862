"""The edge-tts voice: Microsoft Edge's online neural voices, with word timings."""

import asyncio

import aiohttp
import edge_tts
from edge_tts.exceptions import EdgeTTSException

from lectra.models import WordMark
from lectra.providers.base import Slot, Utterance, Voice, free_slot
from lectra.providers.http import transient_status
from lectra.providers.options import VoiceOptions
from lectra.providers.voices.speaking import sentences_from_words
from lectra.runtime.errors import VoiceError
from lectra.text.languages import get_language
from lectra.text.sentences import pack_sentences

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
MAX_CHUNK_CHARS = 5000
EDGE_BITS_PER_S = 48_000  # edge streams audio-24khz-48kbitrate-mono-mp3, constant bit rate
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
    """Speaks with edge-tts; long notes go as concurrent chunks of at most 5000 characters."""

    name = "edge"

    def __init__(self, opts: VoiceOptions, slot: Slot = free_slot) -> None:
        self.opts = opts
        self.slot = slot

    async def _chunk(self, text: str, voice: str) -> tuple[bytes, list[WordMark]]:
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

    async def _all(self, chunks: list[str], voice: str) -> list[tuple[bytes, list[WordMark]]]:
        jobs = asyncio.gather(*(self._chunk(chunk, voice) for chunk in chunks))
        return await asyncio.wait_for(jobs, self.opts.timeout_s)

    def speak(self, text: str, lang: str) -> Utterance:
        """text spoken as mp3; its word timings come along, and sentence timings from them."""
        voice = voice_for(lang, self.opts.voice)
        sep = " " if get_language(lang).spaced else ""
        chunks = pack_sentences(text, MAX_CHUNK_CHARS, sep) or [text]
        try:
            with self.slot():
                parts = asyncio.run(self._all(chunks, voice))
        except ValueError as exc:  # edge-tts validates voice, rate and pitch
            raise VoiceError(f"edge-tts rejected the voice settings: {exc}") from None
        except Exception as exc:
            raise as_voice_error(exc, voice, self.opts.timeout_s) from None
        audio, words, shift = bytearray(), [], 0.0
        for data, marks in parts:
            if not data:
                raise VoiceError(f"edge-tts ({voice}): No audio was received", transient=True)
            words += [
                WordMark(text=w.text, start_s=w.start_s + shift, end_s=w.end_s + shift)
                for w in marks
            ]
            audio += data
            shift += len(data) * 8 / EDGE_BITS_PER_S
        return Utterance(bytes(audio), words, sentences_from_words(text, words))


def build(opts: VoiceOptions, slot: Slot) -> Voice:
    """edge-tts, each call holding slot."""
    return EdgeVoice(opts, slot)
