"""Where a content slide's bullets and picture go: a few layouts, each fitted, the best chosen."""

from dataclasses import dataclass

from lectra.models import Box
from lectra.slides.textfit import Fit, fit_text, settle
from lectra.text.cleantext import spans
from lectra.text.spans import Span

LEFT, RIGHT = 120, 1800  # content margins, in frame pixels
BODY_BOTTOM = 975  # the footer starts at 1010
BODY_PT = (20, 32)  # body text floor and ceiling, in points
BULLET_INDENT_PX = 48
PICTURE_W = 640  # the picture column of the 'beside' layout
GUTTER = 64
MIN_BAND_H = 300  # the least height worth giving a picture under the text
IMAGE_BONUS_PT = 4  # a layout that keeps the picture wins over one up to this much larger
MIN_COLUMN_BULLETS = 6  # fewer bullets never go into two columns
MAX_COLUMN_CHARS = 70  # nor bullets longer than this


@dataclass(frozen=True)
class BodyPlan:
    """The chosen layout of a slide's body: text boxes with their fits, and the picture area."""

    kind: str  # beside, below, text or columns
    boxes: list[tuple[Box, list[list[Span]], Fit]]
    picture_area: Box | None


def bullet_runs(bullets: list[str]) -> list[list[Span]]:
    """Each bullet as runs: markdown bold becomes bold, other marks go."""
    return [spans(b) for b in bullets]


def _fit(runs: list[list[Span]], font: str, box: Box) -> Fit | None:
    return fit_text(runs, font, box.w - BULLET_INDENT_PX, box.h, BODY_PT[1], BODY_PT[0])


def _columns(runs: list[list[Span]], top: int, height: int) -> list[tuple[Box, list[list[Span]]]]:
    half = (len(runs) + 1) // 2
    width = (RIGHT - LEFT - GUTTER) // 2
    return [
        (Box(x=LEFT, y=top, w=width, h=height), runs[:half]),
        (Box(x=LEFT + width + GUTTER, y=top, w=width, h=height), runs[half:]),
    ]


def _text_only(runs: list[list[Span]], font: str, top: int) -> list[BodyPlan]:
    height = BODY_BOTTOM - top
    plans = []
    full = Box(x=LEFT, y=top, w=RIGHT - LEFT, h=height)
    fit = _fit(runs, font, full)
    if fit is not None:
        plans.append(BodyPlan("text", [(full, runs, fit)], None))
    short = all(len("".join(s.text for s in r)) <= MAX_COLUMN_CHARS for r in runs)
    if len(runs) >= MIN_COLUMN_BULLETS and short:
        placed = [(box, part, _fit(part, font, box)) for box, part in _columns(runs, top, height)]
        boxes = [(box, part, fit) for box, part, fit in placed if fit is not None]
        if len(boxes) == 2:  # _settled brings both columns to one size
            plans.append(BodyPlan("columns", boxes, None))
    return plans


def _fit_at(runs: list[list[Span]], font: str, box: Box, size: int) -> Fit:
    fit = fit_text(runs, font, box.w - BULLET_INDENT_PX, box.h, size, size)
    assert fit is not None  # it fits at a size at least this large, so at this one
    return fit


def _with_picture(runs: list[list[Span]], font: str, top: int) -> list[BodyPlan]:
    height = BODY_BOTTOM - top
    plans = []
    text_w = RIGHT - LEFT - PICTURE_W - GUTTER
    beside = Box(x=LEFT, y=top, w=text_w, h=height)
    fit = _fit(runs, font, beside)
    if fit is not None:
        area = Box(x=RIGHT - PICTURE_W, y=top, w=PICTURE_W, h=height)
        plans.append(BodyPlan("beside", [(beside, runs, fit)], area))
    room = Box(x=LEFT, y=top, w=RIGHT - LEFT, h=height - MIN_BAND_H - GUTTER // 2)
    fit = _fit(runs, font, room)
    if fit is not None:
        used = Box(x=LEFT, y=top, w=room.w, h=fit.height_px)
        band_top = top + fit.height_px + GUTTER // 2
        area = Box(x=LEFT, y=band_top, w=room.w, h=BODY_BOTTOM - band_top)
        plans.append(BodyPlan("below", [(used, runs, fit)], area))
    return plans


def _score(plan: BodyPlan) -> int:
    size = min(fit.size_pt for _, _, fit in plan.boxes)
    return size + (IMAGE_BONUS_PT if plan.picture_area is not None else 0)


def plan_body(bullets: list[str], font: str, top: int, with_image: bool) -> BodyPlan | None:
    """The most readable layout of bullets below top, keeping the picture when it can.

    None when the bullets fit no layout at the floor size: the page must be split.
    """
    runs = bullet_runs(bullets)
    if not runs:
        area = Box(x=LEFT, y=top, w=RIGHT - LEFT, h=BODY_BOTTOM - top)
        return BodyPlan("below" if with_image else "text", [], area if with_image else None)
    plans = _with_picture(runs, font, top) if with_image else []
    plans += _text_only(runs, font, top)
    if not plans:
        return None
    best = max(plans, key=_score)  # max keeps the first of equals: the picture layouts
    return BodyPlan(best.kind, _settled(best.boxes, font), best.picture_area)


def _settled(
    boxes: list[tuple[Box, list[list[Span]], Fit]], font: str
) -> list[tuple[Box, list[list[Span]], Fit]]:
    """Each box narrowed to hug its text, every line break clear of its edge, all boxes at
    one size; a size smaller if that is what it takes."""
    common = min(fit.size_pt for _, _, fit in boxes)
    for size in range(common, BODY_PT[0] - 1, -1):
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


def body_fits(bullets: list[str], font: str, top: int) -> bool:
    """Whether bullets fit some layout below top at the floor size or larger."""
    runs = bullet_runs(bullets)
    return bool(_text_only(runs, font, top)) if runs else True
