"""What every voice engine shares: sentences to speak, and their timings in the audio."""

import re
from collections.abc import Callable

from lectra.media.pcm import Pcm, join_sentences, to_wav
from lectra.models import SentenceMark, WordMark
from lectra.providers.base import Utterance
from lectra.text.sentences import split_sentences, split_words

SENTENCE_GAP_S = 0.35  # the pause a reader makes between sentences
_LETTERS = re.compile(r"\w", re.UNICODE)


def sentences(text: str, max_chars: int = 600) -> list[str]:
    """text's sentences, any longer than max_chars cut at word (or CJK character) boundaries."""
    out: list[str] = []
    for sentence in split_sentences(text) or [text.strip()]:
        out += split_words(sentence, max_chars) if len(sentence) > max_chars else [sentence]
    return [s for s in out if _LETTERS.search(s)]


def spoken_by_sentence(
    text: str, speak: Callable[[list[str]], list[Pcm]], max_chars: int = 600
) -> Utterance:
    """text spoken sentence by sentence (speak gets them all, returns their audio in order).

    The sentences are joined with SENTENCE_GAP_S between them, so each one's start and end
    are known to the sample.
    """
    said = sentences(text, max_chars) or [text.strip()]
    pcm, marks = join_sentences(list(zip(said, speak(said), strict=True)), SENTENCE_GAP_S)
    return Utterance(audio=to_wav(pcm), sentences=marks)


def sentences_from_words(text: str, words: list[WordMark]) -> list[SentenceMark]:
    """Sentence timings from word timings: each sentence spans the words its letters cover."""
    marks: list[SentenceMark] = []
    said = split_sentences(text)
    need = [len(_LETTERS.findall(s)) for s in said]
    i = 0
    for sentence, letters in zip(said, need, strict=True):
        first, got = i, 0
        while i < len(words) and (got < letters or i == first):
            got += len(_LETTERS.findall(words[i].text))
            i += 1
        if first < i:
            start, end = words[first].start_s, words[i - 1].end_s
            marks.append(SentenceMark(text=sentence, start_s=start, end_s=end))
    return marks
