"""Each deck slide's geometry on its design, computed once and drawn by both renderers."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lectra.models import Box, Outline, Page, PageLayout, RectBlock, TextBlock
from lectra.slides.bodyfit import BULLET_INDENT_PX, GUTTER, BodyPlan, body_fits, plan_body
from lectra.slides.design import Design, Style
from lectra.slides.fonts import face_key
from lectra.slides.legibility import contrast, rgb
from lectra.slides.tables import table_layout
from lectra.slides.textfit import Fit, Paragraph, fit_or_truncate, fit_text, settle
from lectra.slides.titles import deck_title_pt, fit_title, short_numbered, short_title
from lectra.text.languages import get_language
from lectra.text.sources import SOURCES
from lectra.text.spans import Span

FOOTER_PT, SOURCE_PT = 14, 16
FOOTER_H, SOURCE_H = 40, 44
CARD_ALPHA = 0.08  # a card is the body's ink at this strength over the background
PANEL_ALPHA = 0.8  # a panel or card over art too varied for text is nearly opaque
CARD_BAR = 6
PANEL_PAD = 20
TITLE_PICTURE_SHARE = 0.38  # of the page's width, for the title slide's picture


def fonts(design: Design, lang: str) -> tuple[str, str]:
    """The font keys of titles and body text in a design and language."""
    script = get_language(lang).font
    return face_key(design.title_face, script), face_key(design.body_face, script)


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


def outline_title_pt(outline: Outline, lang: str, design: Design) -> int:
    """The deck's one title size, from every content slide's title."""
    font = fonts(design, lang)[0]
    box = design.styles["content"].title
    return deck_title_pt(tuple(outline.slide_titles[1:]), font, box.w, box.h)


def numbered_title(title: str, part: int, parts: int) -> str:
    """A page's title, numbered when its slide is split: 'Benefits (2/3)'."""
    return title if parts == 1 else f"{title} ({part + 1}/{parts})"


def page_title(page: Page) -> str:
    """A page's title, numbered when its slide is split."""
    if page.kind == "closing":
        return page.title
    return numbered_title(page.title, page.part, page.parts)


def page_number(number: int, page: Page) -> str:
    """The footer number: 7 for a whole slide, 7a, 7b for the pages of a split one."""
    return str(number) if page.parts == 1 else f"{number}{chr(ord('a') + page.part % 26)}"


def body_area(design: Design, source: bool = False) -> Box:
    """Where a content slide's body goes; a line at its foot kept for a cited source."""
    body = design.styles["content"].body
    assert body is not None  # read_design gives every content style a body
    return Box(x=body.x, y=body.y, w=body.w, h=body.h - (SOURCE_H if source else 0))


def page_fits(
    title: str, bullets: list[str], lang: str, design: Design, beside: bool = False
) -> bool:
    """Whether a page's bullets fit some layout at the floor size in the design's body
    (beside a picture, for beside)."""
    area = body_area(design, source=True)
    return body_fits(bullets, fonts(design, lang)[1], area, design.body_pt, beside)


def cover(area: Box, width: int, height: int) -> tuple[float, float, float, float]:
    """The crop (left, top, right, bottom fractions) that makes an image fill area."""
    scale = max(area.w / width, area.h / height)
    spare_x, spare_y = 1 - area.w / (width * scale), 1 - area.h / (height * scale)
    return (spare_x / 2, spare_y / 2, spare_x / 2, spare_y / 2)


@dataclass(frozen=True)
class Picture:
    """A slide's picture: its file and pixel size, alt text, and whether it is drawn art
    (marked decorative, no alt text)."""

    path: Path
    size: tuple[int, int]
    alt: str = ""
    decorative: bool = False
    whole: bool = False  # a document's figure: shown whole, never cropped


def _shown(picture: Picture | None) -> Picture | None:
    """The picture, if it has pixels to show."""
    return picture if picture is not None and min(picture.size) > 0 else None


def contained(area: Box, width: int, height: int) -> Box:
    """The largest box of the picture's shape inside area, centred."""
    scale = min(area.w / width, area.h / height)
    w, h = round(width * scale), round(height * scale)
    return Box(x=area.x + (area.w - w) // 2, y=area.y + (area.h - h) // 2, w=w, h=h)


def _picture(area: Box, picture: Picture) -> dict[str, Any]:
    """The layout fields that place picture in area, cropped to fill it (or whole in it)."""
    if picture.whole:
        return {
            "picture": contained(area, *picture.size),
            "image_path": picture.path,
            "image_alt": picture.alt,
        }
    return {
        "picture": area,
        "crop": cover(area, *picture.size),
        "image_path": picture.path,
        "image_alt": picture.alt,
        "decorative": picture.decorative,
    }


def _footers(
    style: Style, design: Design, deck_title: str, label: str, lang: str
) -> list[TextBlock]:
    left, right = design.footer_boxes("content")
    font = fonts(design, lang)[1]
    color = style.footer_color or style.body_color
    out = []
    for text, box, align in ((deck_title, left, "left"), (label, right, "right")):
        box = Box(x=box.x, y=box.y + max(0, (box.h - FOOTER_H) // 2), w=box.w, h=FOOTER_H)
        fit = fit_or_truncate(text, font, box.w, box.h, FOOTER_PT, FOOTER_PT, False)
        runs = _runs_of(fit, text, lang, False)
        out.append(_block("footer", box, runs, fit, font, color, align=align))
    return out


def _page(
    page: Page,
    slide: int,
    lang: str,
    design: Design,
    kind: Any,
    style: str,
    texts: list[TextBlock],
    rects: list[RectBlock] | None = None,
    **extra: Any,
) -> PageLayout:
    """A page's layout on the design: its kind, the design's style and size, its notes."""
    return PageLayout(
        slide=slide,
        part=page.part,
        kind=kind,
        lang=lang,
        style=style,
        width=design.width,
        height=design.height,
        background=design.styles[style].background,
        rects=rects or [],
        texts=texts,
        notes=page.notes,
        **extra,
    )


def _big_title(text: str, font: str, box: Box) -> tuple[str, Fit]:
    """A title slide's or closing page's title in its box at 60-32 pt, else shortened at a
    clause and fitted down to 24 pt; and the text shown."""
    width = box.w - OFFICE_MARGIN_PX
    fit = fit_text([text], font, width, box.h, 60, 32, True)
    if fit is None:
        text = short_title(text, font, width, 32)
        fit = fit_or_truncate(text, font, width, box.h, 32, 24, True)
    return text, _steady([text], font, fit, box, True)


OFFICE_MARGIN_PX = 20  # room left at the end of a line for office apps' own measuring


def _steady(runs: list[Paragraph], font: str, fit: Fit, box: Box, bold: bool = False) -> Fit:
    """fit rewrapped so that office apps break its lines where the frames do (settle), when
    the box holds that; else as it is (and a fit cut with '…' as it is)."""
    if fit.lines[-1][-1].endswith("…"):
        return fit
    settled = settle(runs, font, fit, box.w, bold, max_height=box.h)
    return settled[0] if settled else fit


def layout_title_page(
    page: Page,
    slide: int,
    subtitle: str,
    lang: str,
    design: Design,
    picture: Picture | None = None,
) -> PageLayout:
    """The title slide: the deck's title and subtitle in the template's places, and its
    picture down the right-hand side where there is one."""
    style = design.styles["title"]
    font = fonts(design, lang)[0]
    extra = {}
    title_box, sub_box = style.title, style.subtitle
    picture = _shown(picture)
    if picture is not None:
        pic_w = round(design.width * TITLE_PICTURE_SHARE)
        area = Box(x=design.width - pic_w, y=0, w=pic_w, h=design.height)
        edge = area.x - GUTTER
        title_box = Box(
            x=title_box.x, y=title_box.y, w=min(title_box.w, edge - title_box.x), h=title_box.h
        )
        if sub_box is not None:
            sub_box = Box(x=sub_box.x, y=sub_box.y, w=min(sub_box.w, edge - sub_box.x), h=sub_box.h)
        extra = _picture(area, picture)
    text, title = _big_title(page.title, font, title_box)
    align = style.title_align if not extra else "left"
    if design.builtin:  # the theme's title sits on its accent rule
        lift = title_box.h - title.height_px
        title_box = Box(x=title_box.x, y=title_box.y + lift, w=title_box.w, h=title.height_px)
    texts = [
        _block(
            "title",
            title_box,
            _runs_of(title, text, lang, True),
            title,
            font,
            style.title_color,
            bold=True,
            align=align,
        )
    ]
    if subtitle and sub_box is not None:
        body_font = fonts(design, lang)[1]
        room = sub_box.w - OFFICE_MARGIN_PX
        sub = fit_or_truncate(subtitle, body_font, room, sub_box.h, 30, 20, False)
        sub = _steady([subtitle], body_font, sub, sub_box)
        runs = _runs_of(sub, subtitle, lang, False)
        texts.append(
            _block("subtitle", sub_box, runs, sub, body_font, style.body_color, align=align)
        )
    return _page(page, slide, lang, design, "title", "title", texts, **extra)


def _body_blocks(
    plan: BodyPlan, font: str, style: Style, design: Design
) -> tuple[list[TextBlock], list[RectBlock]]:
    rects = []
    if style.panel and not plan.cards:  # the art under the body is too varied to read on
        for box, _, fit in plan.boxes:
            pad = PANEL_PAD
            behind = Box(x=box.x - pad, y=box.y - pad, w=box.w + 2 * pad, h=fit.height_px + 2 * pad)
            rects.append(RectBlock(box=behind, color=style.panel, alpha=PANEL_ALPHA))
    for card in plan.cards:
        fill, alpha = (style.panel, PANEL_ALPHA) if style.panel else (style.body_color, CARD_ALPHA)
        rects.append(RectBlock(box=card, color=fill, alpha=alpha))
        rects.append(
            RectBlock(box=Box(x=card.x, y=card.y, w=card.w, h=CARD_BAR), color=design.accents[0])
        )
    bullet = plan.kind != "cards"
    indent = BULLET_INDENT_PX if bullet else 0
    texts = [
        _block("body", box, runs, fit, font, style.body_color, bullet=bullet, indent_px=indent)
        for box, runs, fit in plan.boxes
    ]
    texts += [
        _block("figure", box, runs, fit, font, style.body_color, bold=True)
        for box, runs, fit in plan.figures
    ]
    return texts, rects


def _source_line(source: str, area: Box, font: str, lang: str, color: str) -> TextBlock:
    box = Box(x=area.x, y=area.y + area.h + 8, w=area.w, h=SOURCE_H - 8)
    fit = fit_or_truncate(source, font, box.w, box.h, SOURCE_PT, SOURCE_PT - 2, False)
    return _block("source", box, _runs_of(fit, source, lang, False), fit, font, color)


def layout_content_page(
    page: Page,
    slide: int,
    number: int,
    deck_title: str,
    lang: str,
    design: Design,
    title_pt: int,
    picture: Picture | None = None,
    source: str = "",
    table: list[list[str]] | None = None,
) -> PageLayout:
    """A content slide: its title, then bullets or cards in the body, the picture (or a
    source's table) in its share of the body, and the source the notes cite."""
    style = design.styles["content"]
    title_font, font = fonts(design, lang)
    picture = _shown(picture)
    with_image = picture is not None or bool(table)
    box = style.title
    suffix = page_title(page).removeprefix(page.title)  # ' (2/3)' on a split slide's pages
    text = short_numbered(page.title, suffix, title_font, box.w, title_pt, box.h)
    title = fit_title(text, title_font, box.w, title_pt, box.h)
    runs = [[Span(text=text, bold=True)]]
    title, width = settle(runs, title_font, title, box.w, True) or (title, box.w)
    height = title.height_px
    top = box.y + max(0, box.h - height)  # the title sits on the body
    title_box = Box(x=style.title.x, y=top, w=width, h=height)
    texts = [_block("title", title_box, runs, title, title_font, style.title_color, bold=True)]
    area = body_area(design, source=bool(source))
    rhythm = (slide + page.part) % 2 == 1 or not with_image  # cards every other slide
    essential = bool(table) or (picture is not None and picture.whole)  # the source's own
    plan = plan_body(
        page.bullets, font, area, with_image, design.body_pt, cards=rhythm, keep_picture=essential
    )
    if plan is None:  # pagination guarantees a fit; this keeps the promise if it did not
        joined = " ".join(page.bullets)
        body = fit_or_truncate(joined, font, area.w - BULLET_INDENT_PX, area.h, 20, 20, False)
        plan = BodyPlan("text", [(area, _runs_of(body, joined, lang, False), body)], None)
    body_texts, rects = _body_blocks(plan, font, style, design)
    texts += body_texts
    if source:
        texts.append(_source_line(source, area, font, lang, style.body_color))
    texts += _footers(style, design, deck_title, page_number(number, page), lang)
    extra: dict[str, Any] = {}
    if table and plan.picture_area is not None:
        extra = {"table": _table(table, plan.picture_area, font, style, design)}
    elif picture is not None and plan.picture_area is not None:
        extra = _picture(plan.picture_area, picture)
    return _page(page, slide, lang, design, plan.kind, "content", texts, rects, **extra)


def _table(rows: list[list[str]], area: Box, font: str, style: Style, design: Design) -> Any:
    """The table in area, its header on the design's first accent in the readable of
    white and the body text colour."""
    fill = design.accents[0] if design.accents else style.title_color
    white = "#FFFFFF"
    on_fill = max((white, style.body_color), key=lambda c: contrast(rgb(c), rgb(fill)))
    return table_layout(rows, area, font, style.body_color, fill, on_fill)


def layout_closing_page(page: Page, slide: int, lang: str, design: Design) -> PageLayout:
    """The closing page: 'Questions?' in the section layout's title place, and the sources
    the deck's notes cite below it, as text a reader can copy."""
    style = design.styles["section"]
    title_font, font = fonts(design, lang)
    text, title = _big_title(page.title, title_font, style.title)
    texts = [
        _block(
            "title",
            style.title,
            _runs_of(title, text, lang, True),
            title,
            title_font,
            style.title_color,
            bold=True,
            align=style.title_align,
        )
    ]
    if page.bullets:
        top = style.title.y + style.title.h + GUTTER // 2
        box = style.subtitle or Box(x=style.title.x, y=top, w=style.title.w, h=0)
        box = Box(x=box.x, y=box.y, w=box.w, h=max(box.h, design.height - 90 - box.y))
        label = SOURCES.get(lang, SOURCES["en"])
        lines = [[Span(text=label, bold=True)], *([Span(text=s)] for s in page.bullets)]
        fit = fit_text(lines, font, box.w, box.h, 24, 14)
        if fit is not None:
            texts.append(
                _block("subtitle", box, lines, fit, font, style.body_color, align=style.title_align)
            )
    return _page(page, slide, lang, design, "closing", "section", texts)
