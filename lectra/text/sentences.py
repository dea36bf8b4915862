"""Sentences and words: where text splits, and about how long it takes to say."""

import re

from lectra.text.tokens import TOKEN

_SENTENCE_END = re.compile(r"(?<=[.!?।])\s+|(?<=[。！？])\s*")
WORDS_PER_SECOND = 2.6  # a narrator's pace, for estimates before any audio exists
CJK_CHARS_PER_SECOND = 6.0
MIN_PAGE_S = 1.5
# subtitle reading speeds a viewer keeps up with (as subtitling guides set them)
READING_CHARS_PER_SECOND = {"zh": 7.0, "ja": 5.0, "ko": 10.0}
READING_WORDS_PER_SECOND = 2.8


def spoken_seconds(text: str, lang: str) -> float:
    """About how long text takes to say."""
    if lang in {"zh", "ja"}:
        return max(MIN_PAGE_S, len(text.strip()) / CJK_CHARS_PER_SECOND)
    return max(MIN_PAGE_S, len(text.split()) / WORDS_PER_SECOND)


def reading_seconds(text: str, lang: str) -> float:
    """About how long a viewer takes to read text as a subtitle."""
    if lang in READING_CHARS_PER_SECOND:
        letters = len("".join(text.split()))
        return max(MIN_PAGE_S, letters / READING_CHARS_PER_SECOND[lang])
    return max(MIN_PAGE_S, len(text.split()) / READING_WORDS_PER_SECOND)


def split_sentences(text: str) -> list[str]:
    """Split text after sentence-ending punctuation (Latin, Devanagari and CJK)."""
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s and s.strip()]


def split_words(text: str, max_chars: int) -> list[str]:
    """Split text at word (or CJK character) boundaries into pieces of at most max_chars."""
    pieces: list[str] = []
    current = ""
    for token in TOKEN.findall(" ".join(text.split())):
        if len((current + token).strip()) > max_chars and current.strip():
            pieces.append(current.strip())
            current = token.lstrip()
        else:
            current += token
        while len(current) > max_chars:
            pieces.append(current[:max_chars])
            current = current[max_chars:]
    if current.strip():
        pieces.append(current.strip())
    return pieces


def share_out(sentences: list[str], weights: list[int], sep: str = " ") -> list[str]:
    """Give each of len(weights) pages a run of sentences in proportion to its weight."""
    pages = len(weights)
    if pages == 1:
        return [sep.join(sentences)]
    total_w = sum(weights) or pages
    lengths = [len(s) for s in sentences]
    total_len = sum(lengths) or 1
    out: list[str] = []
    start = 0
    cum_w = 0
    for j in range(pages - 1):
        cum_w += weights[j] or 1
        target = total_len * cum_w / total_w
        end = start
        # leave at least one sentence for every remaining page when there are enough
        limit = len(sentences) - (pages - 1 - j) if len(sentences) >= pages else len(sentences)
        while end < limit and (
            end == start
            or abs(sum(lengths[: end + 1]) - target) <= abs(sum(lengths[:end]) - target)
        ):
            end += 1
        out.append(sep.join(sentences[start:end]))
        start = end
    out.append(sep.join(sentences[start:]))
    return out
