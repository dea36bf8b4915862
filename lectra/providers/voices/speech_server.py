"""Any OpenAI-compatible speech server (OpenAI, Kokoro-FastAPI, LocalAI): POST /audio/speech."""

from concurrent.futures import ThreadPoolExecutor

import httpx

from lectra.media.pcm import read_wav
from lectra.providers.base import Slot, Utterance, Voice, free_slot
from lectra.providers.http import as_provider_error, bearer, bounded, models_unready
from lectra.providers.options import VoiceOptions
from lectra.providers.voices.speaking import Recall, Said, spoken_by_sentence
from lectra.runtime.errors import VoiceError


class SpeechServerVoice:
    """One request per sentence, a slide's sentences requested at once, each within a slot."""

    name = "openai"

    def __init__(
        self, opts: VoiceOptions, slot: Slot = free_slot, recall: Recall | None = None
    ) -> None:
        self.opts = opts
        self.slot = slot
        self.recall = recall
        self.who = f"speech server {opts.speech_model} at {opts.speech_url}"

    def _sentence(self, text: str) -> Said:
        payload = {
            "model": self.opts.speech_model,
            "voice": self.opts.speech_voice,
            "input": text,
            "response_format": "wav",
        }
        url = self.opts.speech_url.rstrip("/") + "/audio/speech"
        try:
            with self.slot():
                response = bounded(
                    "POST",
                    url,
                    self.opts.timeout_s,
                    json=payload,
                    headers=bearer(self.opts.speech_api_key),
                )
            if response.status_code in {401, 403}:
                raise VoiceError(f"{self.who}: the API key was refused")
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise as_provider_error(exc, self.who, VoiceError, self.opts.timeout_s) from None
        try:
            return Said(read_wav(response.content))
        except Exception as exc:
            raise VoiceError(f"{self.who}: the answer is not WAV audio ({exc})") from None

    def speak(self, text: str, lang: str) -> Utterance:
        """text spoken sentence by sentence, the sentences requested in parallel."""

        def at_once(said: list[str]) -> list[Said]:
            with ThreadPoolExecutor(max_workers=max(1, min(len(said), self.opts.parallel))) as pool:
                return list(pool.map(self._sentence, said))

        return spoken_by_sentence(text, at_once, self.opts.speech_max_chars, self.recall)


def speech_unready(opts: VoiceOptions, timeout_s: float) -> str | None:
    """None when the server answers GET {base}/models within timeout_s, else why not."""
    who = f"speech server at {opts.speech_url}"
    return models_unready(opts.speech_url, opts.speech_api_key, timeout_s, who)


def build(opts: VoiceOptions, slot: Slot, recall: Recall | None = None) -> Voice:
    """An OpenAI-compatible speech server, each call holding slot."""
    return SpeechServerVoice(opts, slot, recall)
