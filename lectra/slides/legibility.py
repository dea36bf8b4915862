"""Text colours a reader can read on the template's art: a colour too close to what lies
under its box is replaced by black or white, whichever stands out more."""

from pathlib import Path

from PIL import Image, ImageStat

from lectra.models import Box
from lectra.slides.design import Design, Style

MIN_CONTRAST = 3.0  # WCAG's ratio for large text


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """The WCAG contrast ratio of two colours."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def rgb(color: str) -> tuple[int, int, int]:
    """A '#RRGGBB' colour as a tuple."""
    color = color.lstrip("#")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def _under(art: Image.Image, box: Box | None) -> tuple[float, float, float] | None:
    if box is None or box.w <= 0 or box.h <= 0:
        return None
    crop = art.crop((box.x, box.y, box.x + box.w, box.y + box.h))
    r, g, b = ImageStat.Stat(crop).mean[:3]
    return r, g, b


def _readable(color: str, under: tuple[float, float, float] | None) -> str:
    if under is None or contrast(rgb(color), under) >= MIN_CONTRAST:
        return color
    white, black = contrast((255, 255, 255), under), contrast((0, 0, 0), under)
    return "#FFFFFF" if white >= black else "#000000"


def legible(design: Design, art: dict[str, Path] | None) -> Design:
    """The design with each style's title and body colours readable on its background."""
    if not art:
        return design
    styles: dict[str, Style] = {}
    for kind, style in design.styles.items():
        with Image.open(art[kind]) as image:
            page = image.convert("RGB").resize((design.width, design.height))
        body = style.body or style.subtitle
        footer = design.footer_boxes(kind)[0]
        styles[kind] = style.model_copy(
            update={
                "title_color": _readable(style.title_color, _under(page, style.title)),
                "body_color": _readable(style.body_color, _under(page, body)),
                "footer_color": _readable(style.body_color, _under(page, footer)),
            }
        )
    return design.model_copy(update={"styles": styles})
