"""Word wrapping, font fitting and sentence splitting, measured with the real fonts."""

import re
from dataclasses import dataclass

from lectra.fonts import load_font

PX_PER_PT = 2  # a 1920 px wide frame is a 13.333 in slide: 144 px per inch, 72 pt per inch
LINE_PITCH = 1.2  # line spacing as a multiple of the font size, used by both renderers
PARA_GAP = 0.5  # space after a paragraph, as a multiple of the font size

_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u3040-\u30ff"
_CLOSING = "、。，．！？：；）」』】〕》”’"
# a CJK character keeps its closing punctuation, so no line starts with "。"
_TOKEN = re.compile(rf"[{_CJK}][{_CLOSING}]*|[^\s{_CJK}]+|\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?।])\s+|(?<=[。！？])\s*")


@dataclass(frozen=True)
class Fit:
    """Wrapped paragraphs at the font size that fits, and their pixel metrics."""

    size_pt: int
    paragraphs: list[list[str]]
    line_px: int
    gap_px: int

    @property
    def height_px(self) -> int:
        """Total height of the wrapped text."""
        return text_height(self.paragraphs, self.line_px, self.gap_px)


def text_height(paragraphs: list[list[str]], line_px: int, gap_px: int) -> int:
    """Height of wrapped paragraphs: their lines at line_px, with gap_px between paragraphs."""
    lines = sum(len(p) for p in paragraphs)
    return lines * line_px + max(0, len(paragraphs) - 1) * gap_px


def line_px(size_pt: int) -> int:
    """Distance between baselines for a font size."""
    return round(size_pt * PX_PER_PT * LINE_PITCH)


def gap_px(size_pt: int) -> int:
    """Space after a paragraph for a font size."""
    return round(size_pt * PX_PER_PT * PARA_GAP)


def wrap(text: str, font_key: str, size_pt: int, width_px: int, bold: bool = False) -> list[str]:
    """Greedy word wrap to a pixel width; CJK breaks between characters, long words by letter."""
    font = load_font(font_key, size_pt * PX_PER_PT, bold)
    lines: list[str] = []
    line = ""
    for token in _TOKEN.findall(" ".join(text.split())):
        candidate = line + token
        if font.getlength(candidate.rstrip()) <= width_px or not line.strip():
            line = candidate
            if font.getlength(line.rstrip()) > width_px:  # a single token wider than the box
                *full, line = _break_word(line.strip(), font, width_px)
                lines.extend(full)
            continue
        lines.append(line.rstrip())
        line = token.lstrip()
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _break_word(word: str, font: object, width_px: int) -> list[str]:
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and font.getlength(current + ch) > width_px:  # type: ignore[attr-defined]
            pieces.append(current)
            current = ""
        current += ch
    return [*pieces, current]


def fit_text(
    paragraphs: list[str],
    font_key: str,
    width_px: int,
    height_px: int,
    max_pt: int,
    min_pt: int,
    bold: bool = False,
    max_lines: int | None = None,
) -> Fit | None:
    """The largest size in [min_pt, max_pt] at which the paragraphs fit the box, else None."""

    def attempt(size: int) -> Fit | None:
        wrapped = [wrap(p, font_key, size, width_px, bold) for p in paragraphs]
        fit = Fit(size, wrapped, line_px(size), gap_px(size))
        too_many = max_lines is not None and sum(len(p) for p in wrapped) > max_lines
        return fit if fit.height_px <= height_px and not too_many else None

    # Wrapped height grows with the font size, so a binary search finds the largest fit.
    best = attempt(min_pt)
    low, high = min_pt + 1, max_pt
    while best is not None and low <= high:
        mid = (low + high) // 2
        fit = attempt(mid)
        if fit is None:
            high = mid - 1
        else:
            best, low = fit, mid + 1
    return best


def fit_or_truncate(
    text: str, font_key: str, width_px: int, height_px: int, max_pt: int, min_pt: int, bold: bool
) -> Fit:
    """Fit one paragraph, shrinking first; at the smallest size cut it with an ellipsis."""
    fit = fit_text([text], font_key, width_px, height_px, max_pt, min_pt, bold)
    if fit is not None:
        return fit
    max_lines = max(1, height_px // line_px(min_pt))
    lines = wrap(text, font_key, min_pt, width_px, bold)[:max_lines]
    font = load_font(font_key, min_pt * PX_PER_PT, bold)
    last = lines[-1]
    while last and font.getlength(last + "…") > width_px:
        last = last[:-1]
    lines[-1] = last.rstrip() + "…"
    return Fit(min_pt, [lines], line_px(min_pt), gap_px(min_pt))


def split_sentences(text: str) -> list[str]:
    """Split text after sentence-ending punctuation (Latin, Devanagari and CJK)."""
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s and s.strip()]


def split_words(text: str, max_chars: int) -> list[str]:
    """Split text at word (or CJK character) boundaries into pieces of at most max_chars."""
    pieces: list[str] = []
    current = ""
    for token in _TOKEN.findall(" ".join(text.split())):
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


def pack_sentences(text: str, max_chars: int, sep: str = " ") -> list[str]:
    """Group whole sentences into pieces of at most max_chars; overlong sentences split by word."""
    pieces: list[str] = []
    for sentence in split_sentences(text):
        for part in split_words(sentence, max_chars) if len(sentence) > max_chars else [sentence]:
            if pieces and len(pieces[-1]) + len(sep) + len(part) <= max_chars:
                pieces[-1] += sep + part
            else:
                pieces.append(part)
    return pieces
