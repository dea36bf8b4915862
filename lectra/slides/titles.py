"""Titles at one size a deck, never cut with '…': a title too long is shortened at a clause."""

import re
from functools import lru_cache

from lectra.slides.fonts import text_length
from lectra.slides.textfit import PX_PER_PT, Fit, fit_or_truncate, fit_text

TITLE_PT = (32, 44)  # one size per deck in this range where every title fits two lines
TITLE_MIN_PT = 28  # a title too long for two lines at the deck size may shrink to this
TITLE_LINES = 2
# where a title may end early: after a clause, before a parenthesis or a dash
_CLAUSE = re.compile(r"\s*(?:[:;,\u2013\u2014]|\s-\s|\s\(|[：；，、。])\s*")
_SMALL_WORDS = {
    "and", "or", "of", "the", "a", "an", "to", "for", "in", "on", "with", "that", "which",
    "und", "oder", "der", "die", "das", "den", "des", "ein", "eine", "für", "mit", "von", "zu",
    "et", "ou", "le", "la", "les", "de", "du", "pour", "avec", "y", "o", "el", "los",
    "las", "para", "con", "del",
}  # fmt: skip


@lru_cache(maxsize=64)
def deck_title_pt(titles: tuple[str, ...], font: str, width: int, height: int) -> int:
    """The one title size of a deck: the largest at which every title fits on two lines."""
    best = TITLE_PT[1]
    for title in titles:
        fit = fit_text([title], font, width, height, best, TITLE_PT[0], True, TITLE_LINES)
        best = fit.size_pt if fit is not None else TITLE_PT[0]
    return best


def _fits(text: str, font: str, width: int, size: int, height: int) -> Fit | None:
    return fit_text([text], font, width, height, size, TITLE_MIN_PT, True, TITLE_LINES)


def _word_cut(text: str, font: str, width: int, size: int, height: int) -> str:
    """The longest whole-word start of text that fits, not ending on a small word."""
    spaced = " " in text.strip()
    words = text.split() if spaced else list(text)
    for n in range(len(words) - 1, 0, -1):
        head = words[:n]
        while spaced and len(head) > 1 and head[-1].lower() in _SMALL_WORDS:
            head = head[:-1]
        short = (" " if spaced else "").join(head).rstrip(" ,;:-\u2013\u2014")
        if _fits(short, font, width, size, height):
            return short
    return words[0]


def short_title(text: str, font: str, width: int, size: int, height: int = 10_000) -> str:
    """text when it fits two lines at size (or a little smaller); else its longest start
    that ends at a clause boundary and fits, else at a word boundary. Never an ellipsis."""
    if _fits(text, font, width, size, height):
        return text
    cuts = [m.start() for m in _CLAUSE.finditer(text) if m.start() > 0]
    for cut in reversed(cuts):
        head = text[:cut].rstrip()
        if head and _fits(head, font, width, size, height):
            return head
    return _word_cut(text, font, width, size, height)


def fit_title(text: str, font: str, width: int, size: int, height: int = 10_000) -> Fit:
    """A title at the deck's size on two lines, else smaller, down to TITLE_MIN_PT, at which
    short_title guarantees it fits (a box too low for even one word gets its floor size)."""
    fit = fit_text([text], font, width, height, size, size, True, TITLE_LINES)
    if fit is None and size > TITLE_MIN_PT:
        fit = _fits(text, font, width, size - 1, height)
    if fit is None:
        fit = _fits(short_title(text, font, width, size, height), font, width, size, height)
    return fit or fit_or_truncate(text, font, width, 10_000, TITLE_MIN_PT, TITLE_MIN_PT, True)


def short_numbered(
    title: str, suffix: str, font: str, width: int, size: int, height: int = 10_000
) -> str:
    """A split slide's title with its number (' (2/3)') kept: the title shortened to leave
    it room."""
    whole = title + suffix
    if not suffix or short_title(whole, font, width, size, height) == whole:
        return short_title(whole, font, width, size, height)
    room = width - round(text_length(font, size * PX_PER_PT, True, suffix))
    return short_title(title, font, room, size, height) + suffix
