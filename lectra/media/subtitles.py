"""Subtitle cues from the narration's sentence and word timings, as SRT and WebVTT."""

import html
import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from lectra.models import PageAudio, SentenceMark, WordMark
from lectra.text.cleantext import no_cue_syntax
from lectra.text.languages import get_language
from lectra.text.tokens import NO_START, tokens
from lectra.text.typography import typeset

LINE_CHARS = 42  # the usual limit for a subtitle line (BBC, Netflix)
UNSPACED_LINE_CHARS = 16  # Chinese and Japanese: characters a line
MAX_LINES = 2
MIN_CUE_S, MAX_CUE_S = 1.0, 7.0
BRIDGE_S = 0.5  # a cue stays up across a shorter silence, so the text does not flicker
# marks after which a sentence reads well split: a phrase ends there
_PHRASE_END = tuple(",;:\u2014\u2013、，；：")  # em and en dash, CJK commas and colons
# markup a player would take for styling (<b>, <font color=...>, <i>): subtitles are plain text
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_BLANK = "\u200b"
# a unit is a word with its trailing space (unspaced text: a phrase, see _units)
_SPACED_UNIT = re.compile(r"\S+\s*")


@dataclass(frozen=True)
class Cue:
    """One subtitle: shown from start to end (seconds), at most two lines."""

    start: float
    end: float
    lines: tuple[str, ...]

    @property
    def seconds(self) -> float:
        """How long it shows."""
        return self.end - self.start


def untagged(text: str) -> str:
    """text with every markup tag blanked out by as many zero-width spaces (part of the word
    beside it, left out when written): the offsets that time a cue stay where the voice
    says them."""
    return _TAG.sub(lambda tag: _BLANK * len(tag.group()), text)


def _shown(line: str) -> str:
    """A cue's line as written: no cue syntax, no blanked tag."""
    return no_cue_syntax(line).replace(_BLANK, "")


def line_chars(lang: str) -> int:
    """The longest line a cue may have in this language, in characters."""
    return LINE_CHARS if get_language(lang).spaced else UNSPACED_LINE_CHARS


def _units(text: str, lang: str, width: int) -> list[str]:
    """text cut where a line or a cue may break; a unit longer than a line is cut to fit."""
    if get_language(lang).spaced:
        units = _SPACED_UNIT.findall(text.strip())
    else:  # phrases (CJK characters where no phrase is known), Latin words whole
        units = []
        for token in tokens(text.strip(), lang):
            if units and (not token.strip() or token[0] in NO_START):
                units[-1] += token  # a space or a closing mark stays on the unit before it
            else:
                units.append(token)
    return [piece for unit in units for piece in _cut(unit, width)]


def _cut(unit: str, width: int) -> list[str]:
    """A unit longer than a line in line-long pieces, its trailing space on the last."""
    word = unit.rstrip()
    if len(word) <= width:
        return [unit]
    pieces = [word[i : i + width] for i in range(0, len(word), width)]
    pieces[-1] += unit[len(word) :]
    return pieces


def wrapped(units: Sequence[str], width: int) -> tuple[str, ...] | None:
    """units as one line, or two balanced lines (a phrase end preferred); None if too long."""
    whole = "".join(units).strip()
    if len(whole) <= width:
        return (whole,)
    best: tuple[float, tuple[str, ...]] | None = None
    for k in range(1, len(units)):
        top, bottom = "".join(units[:k]).strip(), "".join(units[k:]).strip()
        if len(top) > width or len(bottom) > width:
            continue
        score = max(len(top), len(bottom)) - (8 if top.endswith(_PHRASE_END) else 0)
        if best is None or score < best[0]:
            best = (score, (top, bottom))
    return best[1] if best else None


def _clock(sentence: SentenceMark, words: Sequence[WordMark]) -> Callable[[int], float]:
    """The time each character offset of a sentence is heard: from its words where known,
    else spread evenly over the sentence."""
    anchors = [(0, sentence.start_s)]
    pos = 0
    for word in words:
        found = sentence.text.find(word.text, pos) if word.text else -1
        if found < 0 or not sentence.start_s <= word.start_s <= sentence.end_s + 0.05:
            continue
        anchors += [(found, word.start_s), (found + len(word.text), word.end_s)]
        pos = found + len(word.text)
    anchors.append((len(sentence.text), sentence.end_s))
    anchors.sort()

    def at(offset: int) -> float:
        for (a, ta), (b, tb) in itertools.pairwise(anchors):
            if a <= offset <= b:
                return ta if b == a else ta + (tb - ta) * (offset - a) / (b - a)
        return sentence.end_s

    return at


def _split(
    units: list[str], start: int, clock: Callable[[int], float], width: int
) -> list[tuple[list[str], int]]:
    """units (from character offset start) in pieces that each fit a cue: at most two lines
    and MAX_CUE_S, cut at the best place near even shares, a phrase end preferred."""
    chars = len("".join(units).rstrip())
    span = clock(start + chars) - clock(start)
    if len(units) == 1 or (wrapped(units, width) and span <= MAX_CUE_S):
        return [(units, start)]
    parts = max(2, math.ceil(chars / (MAX_LINES * width)), math.ceil(span / MAX_CUE_S))
    ideal = chars * (parts // 2) / parts
    offsets = [len("".join(units[:k])) for k in range(1, len(units))]
    k = 1 + min(
        range(len(offsets)),
        key=lambda i: (
            abs(offsets[i] - ideal) / chars
            - (0.15 if units[i].rstrip().endswith(_PHRASE_END) else 0)
        ),
    )
    cut = offsets[k - 1]
    return _split(units[:k], start, clock, width) + _split(units[k:], start + cut, clock, width)


def sentence_cues(
    sentence: SentenceMark, words: Sequence[WordMark], lang: str, width: int
) -> list[Cue]:
    """A sentence's cues: the whole sentence, or pieces of it, each timed as it is heard."""
    units = _units(untagged(sentence.text), lang, width)
    if not units:
        return []
    clock = _clock(sentence, words)
    cues = []
    for piece, offset in _split(units, 0, clock, width):
        text_len = len("".join(piece).rstrip())
        lines = wrapped(piece, width) or ("".join(piece).strip(),)
        shown = tuple(typeset(line, lang) for line in lines)
        cues.append(Cue(clock(offset), clock(offset + text_len), shown))
    return cues


def _merged(first: Cue, second: Cue, lang: str, width: int) -> Cue | None:
    """Two neighbouring cues as one, if the result still fits."""
    sep = " " if get_language(lang).spaced else ""
    text = sep.join(first.lines + second.lines)
    lines = wrapped(_units(text, lang, width), width)
    if lines is None or second.end - first.start > MAX_CUE_S:
        return None
    return Cue(first.start, second.end, lines)


def page_cues(page: PageAudio, lang: str) -> list[Cue]:
    """A page's cues in its chunk's time: 1-7 s each, never past the chunk's end."""
    width = line_chars(lang)
    cues = [c for s in page.sentences for c in sentence_cues(s, page.words, lang, width)]
    short = 0
    while short < len(cues):  # a cue too short to read joins a neighbour when they fit
        if cues[short].seconds < MIN_CUE_S and len(cues) > 1:
            after = short + 1 < len(cues) and _merged(cues[short], cues[short + 1], lang, width)
            before = short > 0 and _merged(cues[short - 1], cues[short], lang, width)
            if after:
                cues[short : short + 2] = [after]
                continue
            if before:
                cues[short - 1 : short + 1] = [before]
                continue
        short += 1
    return _timed(cues, page.duration_s)


def _timed(cues: list[Cue], page_end: float) -> list[Cue]:
    """Cues held across short silences and stretched to MIN_CUE_S where there is room."""
    out: list[Cue] = []
    for i, cue in enumerate(cues):
        limit = cues[i + 1].start if i + 1 < len(cues) else page_end
        floor = out[-1].end if out else 0.0
        end = cue.end
        if limit - end < BRIDGE_S or i + 1 == len(cues):
            end = min(end + BRIDGE_S, limit)
        end = max(end, min(cue.start + MIN_CUE_S, limit))
        start = max(min(cue.start, end - MIN_CUE_S), floor)
        end = min(end, start + MAX_CUE_S)
        out.append(replace(cue, start=round(start, 3), end=round(end, 3)))
    return out


def deck_cues(pages: Sequence[tuple[float, PageAudio]], lang: str) -> list[Cue]:
    """Every page's cues, each page's moved to where its chunk starts in the narration."""
    return [
        replace(c, start=round(c.start + at, 3), end=round(c.end + at, 3))
        for at, page in pages
        for c in page_cues(page, lang)
    ]


def _stamp(seconds: float, mark: str) -> str:
    ms = round(seconds * 1000)
    return (
        f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}{mark}{ms % 1000:03d}"
    )


def srt(cues: Sequence[Cue]) -> str:
    """The cues as SubRip (.srt)."""
    return "".join(
        f"{n}\n{_stamp(c.start, ',')} --> {_stamp(c.end, ',')}\n"
        + "\n".join(_shown(line) for line in c.lines)
        + "\n\n"
        for n, c in enumerate(cues, 1)
    )


def vtt(cues: Sequence[Cue]) -> str:
    """The cues as WebVTT (.vtt)."""
    return "WEBVTT\n\n" + "".join(
        f"{n}\n{_stamp(c.start, '.')} --> {_stamp(c.end, '.')}\n"
        + "\n".join(html.escape(_shown(line), quote=False) for line in c.lines)
        + "\n\n"
        for n, c in enumerate(cues, 1)
    )
