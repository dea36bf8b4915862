"""What every voice engine shares: sentences to speak, and their timings in the audio."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from lectra.media.pcm import Pcm, join_sentences, to_wav
from lectra.models import WordMark
from lectra.providers.base import Utterance
from lectra.text.sentences import split_sentences, split_words

SENTENCE_GAP_S = 0.35  # the pause a reader makes between sentences
_LETTERS = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class Said:
    """One sentence's audio, and its words' timings in it when the engine gives them."""

    pcm: Pcm
    words: tuple[WordMark, ...] = ()


class Recall:
    """Where sentences spoken before are kept: speak asks the engine only for the others."""

    def spoken(self, said: list[str], speak: Callable[[list[str]], list[Said]]) -> list[Said]:
        """Each of said's audio, kept or spoken now (speak gets those not kept, in order)."""
        return speak(said)


def sentences(text: str, max_chars: int = 600) -> list[str]:
    """text's sentences, any longer than max_chars cut at word (or CJK character) boundaries."""
    out: list[str] = []
    for sentence in split_sentences(text) or [text.strip()]:
        out += split_words(sentence, max_chars) if len(sentence) > max_chars else [sentence]
    return [s for s in out if _LETTERS.search(s)]


def spoken_by_sentence(
    text: str,
    speak: Callable[[list[str]], list[Said]],
    max_chars: int = 600,
    recall: Recall | None = None,
) -> Utterance:
    """text spoken sentence by sentence (speak gets them all, returns their audio in order).

    The sentences are joined with SENTENCE_GAP_S between them, so each one's start and end
    are known to the sample; recall, when given, answers for sentences spoken before.
    """
    said = sentences(text, max_chars) or [text.strip()]
    audio = (recall or Recall()).spoken(said, speak)
    parts = [(s, a.pcm, a.words) for s, a in zip(said, audio, strict=True)]
    pcm, marks, words = join_sentences(parts, SENTENCE_GAP_S)
    return Utterance(audio=to_wav(pcm), words=words, sentences=marks)
