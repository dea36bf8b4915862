"""Where a content slide's bullets and picture go in its body area: a few layouts, each
fitted at the deck's type scale, the best chosen."""

import dataclasses
import math
import re
from dataclasses import dataclass, field

from lectra.models import Box
from lectra.slides.textfit import Fit, fit_text, line_px, settle
from lectra.text.cleantext import spans
from lectra.text.spans import Span, line_text

BODY_PT = (24, 28)  # the deck's body sizes: one type scale, at most one step apart
BULLET_INDENT_PX = 48
PICTURE_SHARE = 0.4  # of the body's width, for a picture beside the text
GUTTER = 64
MIN_BAND_H = 300  # the least height worth giving a picture under the text
IMAGE_BONUS_PT = 4  # a layout that keeps the picture wins over one up to this much larger
MIN_COLUMN_BULLETS = 6  # fewer bullets never go into two columns
MAX_COLUMN_CHARS = 70  # nor bullets longer than this
CARDS = (2, 6)  # bullets that may go on cards
STACKED_CARDS = 4  # at most this many stacked beside a picture
MAX_CARD_CHARS = 140
CARD_PAD = 28
FIGURE_PT = 60  # a figure leading a bullet, drawn large on its card
# a bullet that leads with a figure: 'Over 90% of ...', '1.2 GW ...', '$40 billion ...'
_FIGURE = re.compile(
    r"^\s*((?:(?:over|about|nearly|almost|around|more than|up to|less than|über|fast|rund|"
    r"mehr als|bis zu|plus de|près de|environ|más de|casi)\s+)?[$€£¥]?\d[\d.,]*\s?"
    r"(?:%|x|\u00d7|GW|MW|kW|GWh|MWh|kWh|TWh|bn|billion|million|Mrd\.?|Mio\.?|°C|km|kg|t)?)"
    r"(?=[\s:,\u2013-]|$)",
    re.IGNORECASE,
)
SPREAD = 1.0  # spare height may widen the gap between bullets up to this many lines


@dataclass(frozen=True)
class BodyPlan:
    """The chosen layout of a slide's body: text boxes with their fits, the picture area,
    and on cards each card's box and the figures drawn large on them."""

    kind: str  # beside, below, text, columns or cards
    boxes: list[tuple[Box, list[list[Span]], Fit]]
    picture_area: Box | None
    cards: list[Box] = field(default_factory=list)
    figures: list[tuple[Box, list[list[Span]], Fit]] = field(default_factory=list)


def bullet_runs(bullets: list[str]) -> list[list[Span]]:
    """Each bullet as runs: markdown bold becomes bold, other marks go."""
    return [spans(b) for b in bullets]


def lead_figure(text: str) -> tuple[str, str] | None:
    """A bullet's leading figure and the rest of it ('Over 90%', 'of storage is ...')."""
    found = _FIGURE.match(text)
    if not found or not any(ch.isdigit() for ch in found.group(1)):
        return None
    rest = text[found.end() :].lstrip(" :,\u2013-")
    return (found.group(1).strip(), rest) if rest else None


Sizes = tuple[int, int]


def _fit(runs: list[list[Span]], font: str, box: Box, sizes: Sizes) -> Fit | None:
    return fit_text(runs, font, box.w - BULLET_INDENT_PX, box.h, sizes[1], sizes[0])


def _columns(runs: list[list[Span]], area: Box) -> list[tuple[Box, list[list[Span]]]]:
    half = (len(runs) + 1) // 2
    width = (area.w - GUTTER) // 2
    return [
        (Box(x=area.x, y=area.y, w=width, h=area.h), runs[:half]),
        (Box(x=area.x + width + GUTTER, y=area.y, w=width, h=area.h), runs[half:]),
    ]


def _text_only(runs: list[list[Span]], font: str, area: Box, sizes: Sizes) -> list[BodyPlan]:
    plans = []
    fit = _fit(runs, font, area, sizes)
    if fit is not None:
        plans.append(BodyPlan("text", [(area, runs, fit)], None))
    short = all(len(line_text(r)) <= MAX_COLUMN_CHARS for r in runs)
    if len(runs) >= MIN_COLUMN_BULLETS and short:
        placed = [(box, part, _fit(part, font, box, sizes)) for box, part in _columns(runs, area)]
        boxes = [(box, part, fit) for box, part, fit in placed if fit is not None]
        if len(boxes) == 2:  # _settled brings both columns to one size
            plans.append(BodyPlan("columns", boxes, None))
    return plans


def _split_beside(area: Box) -> tuple[Box, Box]:
    """The body cut into a text column and the picture's share on its right."""
    picture_w = round(area.w * PICTURE_SHARE)
    column = Box(x=area.x, y=area.y, w=area.w - picture_w - GUTTER, h=area.h)
    return column, Box(x=area.x + area.w - picture_w, y=area.y, w=picture_w, h=area.h)


def _with_picture(runs: list[list[Span]], font: str, area: Box, sizes: Sizes) -> list[BodyPlan]:
    plans = []
    beside, picture = _split_beside(area)
    fit = _fit(runs, font, beside, sizes)
    if fit is not None:
        plans.append(BodyPlan("beside", [(beside, runs, fit)], picture))
    room = Box(x=area.x, y=area.y, w=area.w, h=area.h - MIN_BAND_H - GUTTER // 2)
    fit = _fit(runs, font, room, sizes) if room.h > 0 else None
    if fit is not None:
        used = Box(x=area.x, y=area.y, w=area.w, h=fit.height_px)
        band_top = area.y + fit.height_px + GUTTER // 2
        band = Box(x=area.x, y=band_top, w=area.w, h=area.y + area.h - band_top)
        plans.append(BodyPlan("below", [(used, runs, fit)], band))
    return plans


def _grid(count: int, area: Box, stacked: bool) -> list[Box]:
    cols = 1 if stacked else (count if count <= 3 else (2 if count == 4 else 3))
    rows = math.ceil(count / cols)
    gap = GUTTER // 2
    w, h = (area.w - gap * (cols - 1)) // cols, (area.h - gap * (rows - 1)) // rows
    return [
        Box(x=area.x + (i % cols) * (w + gap), y=area.y + (i // cols) * (h + gap), w=w, h=h)
        for i in range(count)
    ]


def _cards(
    runs: list[list[Span]], font: str, area: Box, sizes: Sizes, picture: Box | None = None
) -> BodyPlan | None:
    """One card a bullet filling the body: in a grid, or stacked beside the picture; a
    leading figure drawn large."""
    most = STACKED_CARDS if picture is not None else CARDS[1]
    if not CARDS[0] <= len(runs) <= most:
        return None
    if any(len(line_text(r)) > MAX_CARD_CHARS for r in runs):
        return None
    cards = _grid(len(runs), area, stacked=picture is not None)
    split = [lead_figure(line_text(r)) for r in runs]
    figure_h = line_px(FIGURE_PT)
    for size in range(sizes[1], sizes[0] - 1, -1):
        boxes, figures = [], []
        for card, run, fig in zip(cards, runs, split, strict=True):
            inner = Box(x=card.x + CARD_PAD, y=card.y + CARD_PAD, w=card.w - 2 * CARD_PAD, h=0)
            top = inner.y
            if fig is not None:
                room = min(figure_h, (card.h - 2 * CARD_PAD) // 2)
                big = fit_text([fig[0]], font, inner.w, room, FIGURE_PT, size, True, 1)
                if big is None:
                    break
                figures.append(
                    (
                        Box(x=inner.x, y=top, w=inner.w, h=big.height_px),
                        [[Span(text=fig[0], bold=True)]],
                        big,
                    )
                )
                top += big.height_px + CARD_PAD // 2
                run = [Span(text=fig[1])]
            text_box = Box(x=inner.x, y=top, w=inner.w, h=card.y + card.h - CARD_PAD - top)
            fit = fit_text([run], font, text_box.w, text_box.h, size, size)
            found = fit and settle([run], font, fit, text_box.w, max_height=text_box.h)
            if not found:
                break
            boxes.append(
                (Box(x=text_box.x, y=text_box.y, w=found[1], h=text_box.h), [run], found[0])
            )
        else:
            return BodyPlan("cards", boxes, picture, cards, figures)
    return None


def _score(plan: BodyPlan) -> int:
    size = min(fit.size_pt for _, _, fit in plan.boxes)
    return size + (IMAGE_BONUS_PT if plan.picture_area is not None else 0)


def _stacked(runs: list[list[Span]], font: str, area: Box, sizes: Sizes) -> BodyPlan | None:
    column, picture = _split_beside(area)
    return _cards(runs, font, column, sizes, picture)


def plan_body(
    bullets: list[str],
    font: str,
    area: Box,
    with_image: bool,
    sizes: Sizes = BODY_PT,
    cards: bool = False,
    keep_picture: bool = False,
) -> BodyPlan | None:
    """The most readable layout of bullets in the body area, keeping the picture when it can
    (whenever any layout fits with it, for keep_picture: a source's figure or table).

    A few short bullets go on cards where cards is asked (every other slide, for rhythm)
    or where one leads with a figure: a grid without a picture, stacked beside one.
    None when the bullets fit no layout at the floor size: the page must be split.
    """
    runs = bullet_runs(bullets)
    if not runs:
        return BodyPlan("below" if with_image else "text", [], area if with_image else None)
    if cards or any(lead_figure(line_text(r)) for r in runs):
        carded = (
            _stacked(runs, font, area, sizes) if with_image else _cards(runs, font, area, sizes)
        )
        if carded is not None:
            return carded
    plans = _with_picture(runs, font, area, sizes) if with_image else []
    if not (keep_picture and plans):
        plans += _text_only(runs, font, area, sizes)
    if not plans:
        return None
    best = max(plans, key=_score)  # max keeps the first of equals: the picture layouts
    return BodyPlan(best.kind, _spread(_settled(best.boxes, font, sizes)), best.picture_area)


def _spread(
    boxes: list[tuple[Box, list[list[Span]], Fit]],
) -> list[tuple[Box, list[list[Span]], Fit]]:
    """Bullets spaced out over spare height, up to SPREAD lines between them."""
    out = []
    for box, runs, fit in boxes:
        gaps = len(fit.paragraphs) - 1
        spare = box.h - fit.height_px
        if gaps > 0 and spare > 0:
            extra = min(spare // gaps, round(SPREAD * fit.line_px))
            fit = dataclasses.replace(fit, gap_px=fit.gap_px + extra)
        out.append((box, runs, fit))
    return out


def _fit_at(runs: list[list[Span]], font: str, box: Box, size: int) -> Fit:
    fit = fit_text(runs, font, box.w - BULLET_INDENT_PX, box.h, size, size)
    assert fit is not None  # it fits at a size at least this large, so at this one
    return fit


def _settled(
    boxes: list[tuple[Box, list[list[Span]], Fit]], font: str, sizes: Sizes
) -> list[tuple[Box, list[list[Span]], Fit]]:
    """Each box narrowed to hug its text, every line break clear of its edge, all boxes at
    one size; a size smaller if that is what it takes."""
    common = min(fit.size_pt for _, _, fit in boxes)
    for size in range(common, sizes[0] - 1, -1):
        settled = []
        for box, runs, fit in boxes:
            width = box.w - BULLET_INDENT_PX
            sized = fit if fit.size_pt == size else fit_text(runs, font, width, box.h, size, size)
            found = sized and settle(runs, font, sized, width, max_height=box.h)
            if not found:
                break
            hugged = Box(x=box.x, y=box.y, w=found[1] + BULLET_INDENT_PX, h=box.h)
            settled.append((hugged, runs, found[0]))
        else:
            return settled
    return [(box, runs, _fit_at(runs, font, box, common)) for box, runs, _ in boxes]


def body_fits(
    bullets: list[str], font: str, area: Box, sizes: Sizes = BODY_PT, beside: bool = False
) -> bool:
    """Whether bullets fit some layout in the body area at the floor size or larger (one
    beside a picture, for beside)."""
    runs = bullet_runs(bullets)
    if not runs:
        return True
    return bool(
        _with_picture(runs, font, area, sizes) if beside else _text_only(runs, font, area, sizes)
    )
