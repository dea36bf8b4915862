"""The fallback voice: espeak-ng, one process per sentence; robotic but always there."""

from lectra.media.ffmpeg import require_tool
from lectra.media.pcm import Pcm, read_wav
from lectra.providers.base import Slot, Utterance, Voice
from lectra.providers.options import VoiceOptions
from lectra.providers.voices.speaking import Recall, Said, spoken_by_sentence
from lectra.runtime.errors import ToolTimeoutError, VoiceError
from lectra.runtime.processes import run_bounded
from lectra.text.languages import get_language

# espeak-ng reads kanji as "Chinese letter" and Chinese as pinyin with tone numbers
POOR_LANGUAGES = {"ja", "zh"}
# espeak-ng says a sentence in well under a second; a stuck one is stopped after this
SENTENCE_BASE_S = 20.0
SECONDS_PER_CHAR = 0.02


class EspeakVoice:
    """Speaks with the espeak-ng executable found on PATH."""

    name = "espeak"

    def __init__(self, speed_wpm: int = 165, recall: Recall | None = None) -> None:
        self.speed_wpm = speed_wpm
        self.recall = recall

    def _sentence(self, text: str, lang: str) -> Pcm:
        voice = get_language(lang).espeak_voice
        cmd = [require_tool("espeak-ng"), "-v", voice, "-s", str(self.speed_wpm), "--stdout"]
        # text goes in on stdin so that notes starting with '-' are never read as options
        limit = SENTENCE_BASE_S + SECONDS_PER_CHAR * len(text)
        try:
            proc = run_bounded(cmd, text.encode(), limit)
        except ToolTimeoutError as exc:
            raise VoiceError(str(exc)) from None
        if proc.returncode != 0 or not proc.stdout:
            detail = proc.stderr.decode(errors="replace").strip().splitlines()
            raise VoiceError(f"espeak-ng failed: {detail[-1] if detail else 'no audio'}")
        return read_wav(proc.stdout)

    def speak(self, text: str, lang: str) -> Utterance:
        """text spoken sentence by sentence, with each sentence's timing."""
        return spoken_by_sentence(
            text, lambda said: [Said(self._sentence(s, lang)) for s in said], recall=self.recall
        )


def speaks_well(lang: str) -> bool:
    """Whether espeak-ng is intelligible in lang (its phonemes for zh and ja are not words)."""
    return lang not in POOR_LANGUAGES


def build(opts: VoiceOptions, slot: Slot, recall: Recall | None = None) -> Voice:
    """espeak-ng at the options' speed (local: no slot)."""
    return EspeakVoice(opts.espeak_speed, recall)
