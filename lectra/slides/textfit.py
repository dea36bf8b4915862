"""Word wrapping and font fitting, measured with the real fonts."""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

from lectra.models import text_height
from lectra.slides.fonts import autospace, font_spec, script_changes, text_length
from lectra.text.spans import Span, join_runs, line_text
from lectra.text.tokens import CJK_CHAR, NO_END, NO_START, SPACE
from lectra.text.tokens import tokens as split_tokens

PX_PER_PT = 2  # a 1920 px wide frame is a 13.333 in slide: 144 px per inch, 72 pt per inch
LINE_PITCH = 1.2  # line spacing as a multiple of the font size, used by both renderers
PARA_GAP = 0.5  # space after a paragraph, as a multiple of the font size


Paragraph = str | list[Span]


@dataclass(frozen=True)
class Fit:
    """Wrapped paragraphs at the font size that fits, and their pixel metrics."""

    size_pt: int
    paragraphs: list[list[list[Span]]]  # each paragraph's lines, each line's runs
    line_px: int
    gap_px: int

    @property
    def height_px(self) -> int:
        """Total height of the wrapped text."""
        return text_height(self.paragraphs, self.line_px, self.gap_px)

    @property
    def lines(self) -> list[list[str]]:
        """Each paragraph's lines as plain text."""
        return [[line_text(line) for line in para] for para in self.paragraphs]


def line_px(size_pt: int) -> int:
    """Distance between baselines for a font size."""
    return round(size_pt * PX_PER_PT * LINE_PITCH)


def gap_px(size_pt: int) -> int:
    """Space after a paragraph for a font size."""
    return round(size_pt * PX_PER_PT * PARA_GAP)


def as_runs(paragraph: Paragraph) -> list[Span]:
    """A paragraph as runs; a plain string is one regular run."""
    return [Span(text=paragraph)] if isinstance(paragraph, str) else paragraph


def _width(tokens: list[tuple[str, bool]], font_key: str, size_px: int) -> float:
    """Width of a line of tokens, measured run by run as the renderers draw it, with the
    space LibreOffice adds between Asian and other script."""
    total, start = 0.0, 0
    for end in range(1, len(tokens) + 1):
        if end == len(tokens) or tokens[end][1] != tokens[start][1]:
            text = "".join(t for t, _ in tokens[start:end])
            if end == len(tokens):
                text = text.rstrip()
            total += text_length(font_key, size_px, tokens[start][1], text)
            start = end
    gap = autospace(font_key, size_px, False)
    if not gap:
        return total
    return total + gap * script_changes("".join(t for t, _ in tokens).rstrip())


def _as_line(tokens: list[tuple[str, bool]]) -> list[Span]:
    return join_runs(tokens) or [Span(text="")]


Tokens = list[tuple[str, bool]]


def _last_mark(line: Tokens) -> str:
    """The line's last character that is not a space ('' for none)."""
    return next((t.rstrip()[-1] for t, _ in reversed(line) if t.strip()), "")


def _widowed(lines: list[Tokens]) -> bool:
    """Whether a paragraph's last line is one CJK character (with its marks) under others."""
    if len(lines) < 2 or len(lines[-2]) < 2 or not CJK_CHAR.match(lines[-2][-1][0][-1]):
        return False
    last = "".join(t for t, _ in lines[-1]).strip()
    return bool(CJK_CHAR.match(last[:1])) and len(last.strip(NO_START)) <= 1


def _joined(before: str, token: str) -> bool:
    """Whether token, in the next run, may not start a line after before: it continues a word
    ('**Term**:'), or kinsoku keeps it (a closing mark; an opening one before it)."""
    if token[0] in NO_START or before[-1] in NO_END:
        return True
    return not (before[-1].isspace() or CJK_CHAR.match(before[-1]) or CJK_CHAR.match(token[0]))


def wrap_runs(
    paragraph: Paragraph,
    font_key: str,
    size_pt: int,
    width_px: int,
    bold: bool = False,
    edges: list[tuple[float, float]] | None = None,
) -> list[list[Span]]:
    """Greedy word wrap of runs to a pixel width; CJK breaks between characters (Japanese and
    Chinese between short phrases), following kinsoku, never leaving one character on a last
    line; long words break by letter.

    edges, when given, receives each line's width and the width it would have had with the
    next line's first word (infinite for a paragraph's last line).
    """
    size_px = size_pt * PX_PER_PT
    phrases = font_spec(font_key).phrases
    gap = autospace(font_key, size_px, False)
    tokens = [
        (token, run.bold or bold)
        for run in as_runs(paragraph)
        for token in split_tokens(re.sub(f"[{SPACE}]+", " ", run.text), phrases)
    ]
    while tokens and not tokens[0][0].strip():
        tokens.pop(0)
    lines: list[Tokens] = []
    found: list[tuple[float, float]] = []
    line: Tokens = []
    line_sum = 0.0  # the line's width as the sum of its tokens' widths
    for token in tokens:
        size = _token_width(font_key, size_px, token[1], token[0])
        if not token[0].strip():  # trailing space is never measured: it always fits
            line.append(token)
            line_sum += size
            continue
        if gap and line:
            size += gap * script_changes(token[0], _last_mark(line))
        candidate = [*line, token]
        blank = not line
        held = bool(line) and _joined(line[-1][0], token[0])
        fits = blank or _fits(candidate, line_sum + size, font_key, size_px, width_px)
        if held and not fits and any(t.strip() for t, _ in line[:-1]):
            moved = line.pop()  # the word the mark belongs to goes down with it
            found.append((_width(line, font_key, size_px), _width(candidate, font_key, size_px)))
            lines.append(line)
            line = [moved, token]
            line_sum = _token_width(font_key, size_px, moved[1], moved[0]) + size
            continue
        if fits or held:
            line, line_sum = candidate, line_sum + size
            if blank and size > width_px:  # a single word wider than the box
                measure = partial(text_length, font_key, size_px, token[1])
                *full, last = _break_word(token[0], measure, width_px)
                lines.extend([(piece, token[1])] for piece in full)
                # a forced break: the box must still hold the piece
                found.extend((measure(piece), float("inf")) for piece in full)
                line = [(last, token[1])]
                line_sum = _token_width(font_key, size_px, token[1], last)
            continue
        found.append((_width(line, font_key, size_px), _width(candidate, font_key, size_px)))
        lines.append(line)
        line, line_sum = [token], size
    if line:
        found.append((_width(line, font_key, size_px), float("inf")))
        lines.append(line)
    if _widowed(lines):
        moved = lines[-2].pop()
        lines[-1].insert(0, moved)
        found[-2:] = [
            (_width(lines[-2], font_key, size_px), _width([*lines[-2], moved], font_key, size_px)),
            (_width(lines[-1], font_key, size_px), float("inf")),
        ]
    if edges is not None:
        edges.extend(found)
    return [_as_line(line) for line in lines] or [[Span(text="")]]


@lru_cache(maxsize=65536)
def _token_width(font_key: str, size_px: int, bold: bool, token: str) -> float:
    gap = autospace(font_key, size_px, False)
    gaps = gap * script_changes(token) if gap else 0.0
    return float(text_length(font_key, size_px, bold, token)) + gaps


def _fits(
    candidate: list[tuple[str, bool]], approx: float, font_key: str, size_px: int, width_px: int
) -> bool:
    """Whether a line fits; the sum of token widths decides unless it is within kerning's reach."""
    if abs(approx - width_px) > 4:
        return approx < width_px
    return _width(candidate, font_key, size_px) <= width_px


def wrap(text: str, font_key: str, size_pt: int, width_px: int, bold: bool = False) -> list[str]:
    """Greedy word wrap of plain text to a pixel width, as lines of text."""
    return [line_text(line) for line in wrap_runs(text, font_key, size_pt, width_px, bold)]


def forced_breaks(text: str, lines: Sequence[str]) -> list[int]:
    """Where in text the wrapped lines break other than at a space: inside a word (an office
    app breaks a URL at '/', a long word elsewhere) or between CJK characters (where each app
    has its own rules), so the PPTX must say them."""
    cuts, pos = [], 0
    for line in lines[:-1]:
        start = text.find(line.strip(), pos)
        if start < 0:
            return []
        pos = start + len(line.strip())
        pair = text[pos - 1 : pos + 1]
        if 0 < pos < len(text) and not any(ch.isspace() for ch in pair):
            cuts.append(pos)
    return cuts


def _break_word(word: str, measure: Callable[[str], float], width_px: int) -> list[str]:
    """A token wider than the box in pieces that fit: a CJK phrase between the characters
    kinsoku lets part, anything else between letters."""
    units = split_tokens(word)
    pieces: list[str] = []
    current = ""
    for ch in units if len(units) > 1 else word:
        if current and measure(current + ch) > width_px:
            pieces.append(current)
            current = ""
        current += ch
    return [*pieces, current]


def fit_text(
    paragraphs: Sequence[Paragraph],
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
        wrapped = [wrap_runs(p, font_key, size, width_px, bold) for p in paragraphs]
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


def settle(
    paragraphs: Sequence[Paragraph],
    font_key: str,
    fit: Fit,
    width_px: int,
    bold: bool = False,
    clear_px: int = 10,
    max_height: int | None = None,
) -> tuple[Fit, int] | None:
    """The fit rewrapped so that every line ends at least clear_px inside the box and every
    break is one that clear_px more room would not undo; and that box's width.

    Office apps measure text a few pixels differently from Pillow; with this margin on both
    sides of each break they wrap at the same words. The text may take up to max_height
    (default: the height it has); None when no width does it.
    """
    limit = fit.height_px if max_height is None else max_height
    for step in (0, 1, -1, 2, -2, 3, -3, 4, -4, 6, -6, 8, -8, 10, -10, 12):
        width = width_px - clear_px + step * 8
        if width > width_px - clear_px:
            continue
        edges: list[tuple[float, float]] = []
        wrapped = [wrap_runs(p, font_key, fit.size_pt, width, bold, edges) for p in paragraphs]
        settled = Fit(fit.size_pt, wrapped, fit.line_px, fit.gap_px)
        if settled.height_px > limit:
            continue
        longest = max(w for w, _ in edges)
        nearest = min(b for _, b in edges)
        if nearest - longest >= 2 * clear_px:
            return settled, min(width_px, round(longest) + clear_px)
    return None


def fit_or_truncate(
    text: str, font_key: str, width_px: int, height_px: int, max_pt: int, min_pt: int, bold: bool
) -> Fit:
    """Fit one paragraph, shrinking first; at the smallest size cut it with an ellipsis.

    The cut text is what the Fit holds, so every renderer draws the same cut.
    """
    fit = fit_text([text], font_key, width_px, height_px, max_pt, min_pt, bold)
    if fit is not None:
        return fit
    max_lines = max(1, height_px // line_px(min_pt))
    lines = wrap(text, font_key, min_pt, width_px, bold)[:max_lines]
    last = lines[-1]
    while last and text_length(font_key, min_pt * PX_PER_PT, bold, last + "…") > width_px:
        last = last[:-1]
    lines[-1] = last.rstrip() + "…"
    wrapped = [[Span(text=line, bold=bold)] for line in lines]
    return Fit(min_pt, [wrapped], line_px(min_pt), gap_px(min_pt))
