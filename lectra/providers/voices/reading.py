"""No voice: each sentence gets the time it takes to read, in silence, for subtitles to carry."""

from lectra.media.pcm import Pcm, to_wav
from lectra.models import SentenceMark
from lectra.providers.base import Slot, Utterance, Voice
from lectra.providers.options import VoiceOptions
from lectra.providers.voices.speaking import SENTENCE_GAP_S, Recall, sentences
from lectra.text.sentences import reading_seconds

RATE = 16_000


class ReadingVoice:
    """Times text at reading speed and says nothing."""

    name = "reading"

    def speak(self, text: str, lang: str) -> Utterance:
        """Silence as long as text takes to read, with each sentence's time in it."""
        marks, at = [], 0.0
        for sentence in sentences(text) or [text.strip()]:
            end = at + reading_seconds(sentence, lang)
            marks.append(SentenceMark(text=sentence, start_s=round(at, 3), end_s=round(end, 3)))
            at = end + SENTENCE_GAP_S
        frames = round(marks[-1].end_s * RATE)
        return Utterance(audio=to_wav(Pcm(RATE, 1, bytes(2 * frames))), sentences=marks)


def build(opts: VoiceOptions, slot: Slot, recall: Recall | None = None) -> Voice:
    """The reading-speed timer (local: no slot; timing costs nothing to recall)."""
    return ReadingVoice()
