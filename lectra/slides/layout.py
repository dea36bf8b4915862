"""Each deck slide's geometry, computed once and drawn by both renderers."""

from functools import lru_cache
from pathlib import Path

from lectra.models import Box, Outline, Page, PageLayout, RectBlock, TextBlock
from lectra.slides.bodyfit import (
    BODY_BOTTOM,
    BULLET_INDENT_PX,
    LEFT,
    RIGHT,
    BodyPlan,
    body_fits,
    plan_body,
)
from lectra.slides.textfit import Fit, fit_or_truncate, fit_text, settle, wrap
from lectra.text.languages import get_language
from lectra.text.spans import Span

WIDTH, HEIGHT = 1920, 1080
EMU_PER_PX = 6350  # 12192000 EMU (13.333 in) / 1920 px
TITLE_PT = (32, 44)  # one size per deck in this range where every title fits two lines
TITLE_MIN_PT = 26  # a title too long for two lines at the deck size may shrink to this
TITLE_Y, TITLE_W = 64, RIGHT - LEFT
RULE_GAP, RULE_H, BODY_GAP = 20, 6, 40  # title, then the accent rule, then the body
FOOTER_Y, FOOTER_H = 1010, 40


class Theme:
    """The one built-in theme: white content slides, a navy title slide, a blue accent."""

    accent = "#2563EB"
    ink = "#0F172A"
    body = "#334155"
    muted = "#64748B"
    paper = "#FFFFFF"
    title_bg = "#0F172A"
    title_fg = "#FFFFFF"
    subtitle_fg = "#CBD5E1"


def _block(
    role: str, box: Box, runs: list[list[Span]], fit: Fit, font: str, color: str, **kw: object
) -> TextBlock:
    return TextBlock(
        role=role,
        runs=runs,
        box=box,
        font=font,
        size_pt=fit.size_pt,
        color=color,
        paragraphs=fit.lines,
        line_px=fit.line_px,
        gap_px=fit.gap_px,
        **kw,
    )


def _runs_of(fit: Fit, text: str, lang: str, bold: bool) -> list[list[Span]]:
    """The paragraph a fit shows: the text itself, or its cut when it had to be cut."""
    lines = fit.lines[0]
    if lines[-1].endswith("…") and not text.endswith("…"):
        text = (" " if get_language(lang).spaced else "").join(lines)
    return [[Span(text=text, bold=bold)]]


@lru_cache(maxsize=64)
def deck_title_pt(titles: tuple[str, ...], lang: str) -> int:
    """The one title size of a deck: the largest at which every title fits on two lines."""
    font = get_language(lang).font
    best = TITLE_PT[1]
    for title in titles:
        fit = fit_text([title], font, TITLE_W, 10_000, best, TITLE_PT[0], True, 2)
        best = fit.size_pt if fit is not None else TITLE_PT[0]
    return best


def outline_title_pt(outline: Outline, lang: str) -> int:
    """The deck's one title size, from every content slide's title."""
    return deck_title_pt(tuple(outline.slide_titles[1:]), lang)


def fit_title(text: str, lang: str, size_pt: int) -> Fit:
    """A content title at the deck's size on two lines, else smaller, else cut with '…'."""
    font = get_language(lang).font
    fit = fit_text([text], font, TITLE_W, 10_000, size_pt, size_pt, True, 2)
    if fit is None:
        fit = fit_text([text], font, TITLE_W, 10_000, size_pt - 1, TITLE_MIN_PT, True, 2)
    if fit is None:
        height = 3 * round(TITLE_MIN_PT * 2.4)
        fit = fit_or_truncate(text, font, TITLE_W, height, TITLE_MIN_PT, TITLE_MIN_PT, True)
    return fit


def balanced_width(text: str, font: str, size_pt: int, width: int, bold: bool) -> int:
    """The narrowest width that wraps text into as few lines as width does: no lone last word."""
    lines = len(wrap(text, font, size_pt, width, bold))
    if lines == 1:
        return width
    low, high = width // 2, width
    while high - low > 8:
        mid = (low + high) // 2
        low, high = (mid, high) if len(wrap(text, font, size_pt, mid, bold)) > lines else (low, mid)
    return min(width, high)


def body_top(title: Fit) -> int:
    """Where the body starts below a title: right under its accent rule."""
    return TITLE_Y + title.height_px + RULE_GAP + RULE_H + BODY_GAP


def page_fits(title: str, bullets: list[str], lang: str, title_pt: int) -> bool:
    """Whether a page's bullets fit some layout at the floor size under its title."""
    top = body_top(fit_title(title, lang, title_pt))
    return body_fits(bullets, get_language(lang).font, top)


def contain(area: Box, width: int, height: int, anchor: str = "center") -> Box:
    """The largest box of the image's aspect ratio in an area, centred or at its top."""
    scale = min(area.w / width, area.h / height)
    w, h = round(width * scale), round(height * scale)
    y = area.y if anchor == "top" else area.y + (area.h - h) // 2
    return Box(x=area.x + (area.w - w) // 2, y=y, w=w, h=h)


def layout_title_page(page: Page, slide: int, subtitle: str, lang: str) -> PageLayout:
    """The title slide: large title and subtitle on the navy background."""
    font = get_language(lang).font
    title_box = Box(x=160, y=230, w=1600, h=300)
    sub_box = Box(x=160, y=600, w=1600, h=220)
    title = fit_or_truncate(page.title, font, title_box.w, title_box.h, 64, 36, True)
    texts = [
        _block(
            "title",
            title_box,
            _runs_of(title, page.title, lang, True),
            title,
            font,
            Theme.title_fg,
            bold=True,
        )
    ]
    if subtitle:
        sub = fit_or_truncate(subtitle, font, sub_box.w, sub_box.h, 30, 20, False)
        runs = _runs_of(sub, subtitle, lang, False)
        texts.append(_block("subtitle", sub_box, runs, sub, font, Theme.subtitle_fg))
    accent = RectBlock(box=Box(x=160, y=560, w=220, h=10), color=Theme.accent)
    return PageLayout(
        slide=slide,
        part=page.part,
        kind="title",
        lang=lang,
        background=Theme.title_bg,
        rects=[accent],
        texts=texts,
        notes=page.notes,
    )


def numbered_title(title: str, part: int, parts: int) -> str:
    """A page's title, numbered when its slide is split: 'Benefits (2/3)'."""
    return title if parts == 1 else f"{title} ({part + 1}/{parts})"


def page_title(page: Page) -> str:
    """A page's title, numbered when its slide is split."""
    return numbered_title(page.title, page.part, page.parts)


def page_number(number: int, page: Page) -> str:
    """The footer number: 7 for a whole slide, 7a, 7b for the pages of a split one."""
    return str(number) if page.parts == 1 else f"{number}{chr(ord('a') + page.part % 26)}"


def _footer(text: str, box: Box, lang: str, align: str = "left") -> TextBlock:
    font = get_language(lang).font
    fit = fit_or_truncate(text, font, box.w, box.h, 14, 14, False)
    runs = _runs_of(fit, text, lang, False)
    return _block("footer", box, runs, fit, font, Theme.muted, align=align)


def _body_blocks(plan: BodyPlan, font: str) -> list[TextBlock]:
    return [
        _block("body", box, runs, fit, font, Theme.body, bullet=True, indent_px=BULLET_INDENT_PX)
        for box, runs, fit in plan.boxes
    ]


def layout_content_page(
    page: Page,
    slide: int,
    number: int,
    deck_title: str,
    lang: str,
    title_pt: int = TITLE_PT[1],
    image_path: Path | None = None,
    image_size: tuple[int, int] = (0, 0),
    image_alt: str = "",
) -> PageLayout:
    """A content slide: title, rule, bullets, and the picture where it fits best.

    Continuation pages of a split slide leave the picture to the first page.
    """
    font = get_language(lang).font
    with_image = image_path is not None and min(image_size) > 0 and page.part == 0
    text = page_title(page)
    title = fit_title(text, lang, title_pt)
    runs = _runs_of(title, text, lang, True)
    shown = runs[0][0].text
    balanced = balanced_width(shown, font, title.size_pt, TITLE_W, True)
    title, width = settle(runs, font, title, min(TITLE_W, balanced + 48), True) or (
        title,
        TITLE_W,
    )
    title_box = Box(x=LEFT, y=TITLE_Y, w=width, h=title.height_px)
    texts = [_block("title", title_box, runs, title, font, Theme.ink, bold=True)]
    top = body_top(title)
    plan = plan_body(page.bullets, font, top, with_image)
    if plan is None:  # pagination guarantees a fit; this keeps the promise if it did not
        joined = " ".join(page.bullets)
        box = Box(x=LEFT, y=top, w=RIGHT - LEFT, h=BODY_BOTTOM - top)
        body = fit_or_truncate(joined, font, box.w - BULLET_INDENT_PX, box.h, 20, 20, False)
        plan = BodyPlan("text", [(box, _runs_of(body, joined, lang, False), body)], None)
    texts += _body_blocks(plan, font)
    texts.append(_footer(deck_title, Box(x=LEFT, y=FOOTER_Y, w=1400, h=FOOTER_H), lang))
    label = page_number(number, page)
    texts.append(_footer(label, Box(x=1600, y=FOOTER_Y, w=200, h=FOOTER_H), lang, "right"))
    rule_y = TITLE_Y + title.height_px + RULE_GAP
    rects = [
        RectBlock(box=Box(x=0, y=0, w=24, h=HEIGHT), color=Theme.accent),
        RectBlock(box=Box(x=LEFT, y=rule_y, w=160, h=RULE_H), color=Theme.accent),
    ]
    picture = None
    if with_image and plan.picture_area is not None:
        picture = contain(plan.picture_area, *image_size, anchor="top")
    return PageLayout(
        slide=slide,
        part=page.part,
        kind=plan.kind,
        lang=lang,
        background=Theme.paper,
        rects=rects,
        texts=texts,
        picture=picture,
        image_path=image_path if picture is not None else None,
        image_alt=image_alt if picture is not None else "",
        notes=page.notes,
    )
