"""Each deck slide's geometry, computed once and drawn by both renderers."""

from pathlib import Path

from lectra.languages import get_language
from lectra.models import Box, Page, PageLayout, RectBlock, TextBlock
from lectra.textfit import Fit, fit_or_truncate, fit_text

WIDTH, HEIGHT = 1920, 1080
EMU_PER_PX = 6350  # 12192000 EMU (13.333 in) / 1920 px


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


# Content-slide geometry, in pixels.
TITLE_BOX = Box(x=120, y=50, w=1680, h=220)
BODY_TOP, BODY_H = 330, 660
BODY_FULL = Box(x=120, y=BODY_TOP, w=1680, h=BODY_H)
BODY_BESIDE = Box(x=120, y=BODY_TOP, w=900, h=BODY_H)
PICTURE_AREA = Box(x=1100, y=BODY_TOP, w=700, h=BODY_H)
TITLE_PT, BODY_PT = (44, 28), (30, 18)
BULLET_INDENT_PX = 48


def body_box(with_image: bool) -> Box:
    """The bullet box of a content slide, beside an image or full width."""
    return BODY_BESIDE if with_image else BODY_FULL


def fit_body(bullets: list[str], font: str, with_image: bool) -> Fit | None:
    """Bullets wrapped at the largest size that fits the body box, or None."""
    box = body_box(with_image)
    return fit_text(bullets, font, box.w - BULLET_INDENT_PX, box.h, *BODY_PT)


def _block(
    role: str, box: Box, source: list[str], fit: Fit, font: str, color: str, **kw: object
) -> TextBlock:
    return TextBlock(
        role=role,  # type: ignore[arg-type]
        source=source,
        box=box,
        font=font,
        size_pt=fit.size_pt,
        color=color,
        paragraphs=fit.paragraphs,
        line_px=fit.line_px,
        gap_px=fit.gap_px,
        **kw,  # type: ignore[arg-type]
    )


def contain(area: Box, width: int, height: int) -> Box:
    """The largest box of the image's aspect ratio centred in an area."""
    scale = min(area.w / width, area.h / height)
    w, h = round(width * scale), round(height * scale)
    return Box(x=area.x + (area.w - w) // 2, y=area.y + (area.h - h) // 2, w=w, h=h)


def layout_title_page(page: Page, slide: int, subtitle: str, lang: str) -> PageLayout:
    """The title slide: large title and subtitle on the navy background."""
    font = get_language(lang).font
    title_box = Box(x=160, y=230, w=1600, h=300)
    sub_box = Box(x=160, y=600, w=1600, h=220)
    title = fit_or_truncate(page.title, font, title_box.w, title_box.h, 64, 36, True)
    texts = [_block("title", title_box, [page.title], title, font, Theme.title_fg, bold=True)]
    if subtitle:
        sub = fit_or_truncate(subtitle, font, sub_box.w, sub_box.h, 30, 20, False)
        texts.append(_block("subtitle", sub_box, [subtitle], sub, font, Theme.subtitle_fg))
    accent = RectBlock(box=Box(x=160, y=560, w=220, h=10), color=Theme.accent)
    return PageLayout(
        slide=slide,
        part=page.part,
        background=Theme.title_bg,
        rects=[accent],
        texts=texts,
        notes=page.notes,
    )


def layout_content_page(
    page: Page,
    slide: int,
    number: int,
    deck_title: str,
    lang: str,
    image_path: Path | None = None,
    image_size: tuple[int, int] = (0, 0),
) -> PageLayout:
    """A content slide: title, divider, bullets, and the image beside them when there is one."""
    font = get_language(lang).font
    with_image = image_path is not None and min(image_size) > 0
    title_text = page.title if page.parts == 1 else f"{page.title} ({page.part + 1}/{page.parts})"
    title = fit_or_truncate(title_text, font, TITLE_BOX.w, TITLE_BOX.h, *TITLE_PT, True)
    texts = [_block("title", TITLE_BOX, [title_text], title, font, Theme.ink, bold=True)]
    if page.bullets:
        box = body_box(with_image)
        source = page.bullets
        body = fit_body(source, font, with_image)
        if body is None:  # pagination guarantees a fit; this keeps the promise if it did not
            joined = " ".join(source)
            body = fit_or_truncate(joined, font, box.w - BULLET_INDENT_PX, box.h, *BODY_PT, False)
            source = [" ".join(body.paragraphs[0])]
        texts.append(
            _block(
                "body", box, source, body, font, Theme.body, bullet=True, indent_px=BULLET_INDENT_PX
            )
        )
    footer_font = "dejavu" if font == "dejavu" else font
    footer = fit_or_truncate(deck_title, footer_font, 1400, 40, 14, 14, False)
    texts.append(
        _block(
            "footer",
            Box(x=120, y=1010, w=1400, h=40),
            [deck_title],
            footer,
            footer_font,
            Theme.muted,
        )
    )
    num = fit_or_truncate(str(number), "dejavu", 200, 40, 14, 14, False)
    texts.append(
        _block(
            "footer",
            Box(x=1600, y=1010, w=200, h=40),
            [str(number)],
            num,
            "dejavu",
            Theme.muted,
            align="right",
        )
    )
    rects = [
        RectBlock(box=Box(x=0, y=0, w=24, h=HEIGHT), color=Theme.accent),
        RectBlock(box=Box(x=120, y=288, w=160, h=6), color=Theme.accent),
    ]
    picture = contain(PICTURE_AREA, *image_size) if with_image else None
    return PageLayout(
        slide=slide,
        part=page.part,
        background=Theme.paper,
        rects=rects,
        texts=texts,
        picture=picture,
        image_path=image_path if with_image else None,
        notes=page.notes,
    )
