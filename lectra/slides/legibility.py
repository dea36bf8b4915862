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


GRID = 4  # the body box is judged cell by cell: art may be dark at one edge, light mid-page


def _bands(page: Image.Image, box: Box | None) -> list[tuple[float, float, float]]:
    if box is None:
        return []
    w, h = max(1, box.w // GRID), max(1, box.h // GRID)
    cells = [
        _under(page, Box(x=box.x + i * w, y=box.y + j * h, w=w, h=h))
        for i in range(GRID)
        for j in range(GRID)
    ]
    return [cell for cell in cells if cell is not None]


def _body(color: str, bands: list[tuple[float, float, float]]) -> tuple[str, str]:
    """A body colour readable on every band, and '' for no panel; else the template's colour
    on a panel of black or white, whichever it stands out from."""
    for candidate in (color, "#000000", "#FFFFFF"):
        if all(contrast(rgb(candidate), band) >= MIN_CONTRAST for band in bands):
            return candidate, ""
    dark = _luminance(rgb(color)) < 0.4
    return color, "#FFFFFF" if dark else "#000000"


def legible(design: Design, art: dict[str, Path] | None) -> Design:
    """The design with each style's title and body colours readable on its background: a
    body over art too varied for any one colour gets a panel behind its text."""
    if not art:
        return design
    styles: dict[str, Style] = {}
    for kind, style in design.styles.items():
        with Image.open(art[kind]) as image:
            page = image.convert("RGB").resize((design.width, design.height))
        body = style.body or style.subtitle
        footer = design.footer_boxes(kind)[0]
        body_color, panel = _body(style.body_color, _bands(page, body))
        styles[kind] = style.model_copy(
            update={
                "title_color": _readable(style.title_color, _under(page, style.title)),
                "body_color": body_color,
                "panel": panel,
                "footer_color": _readable(style.body_color, _under(page, footer)),
            }
        )
    return design.model_copy(update={"styles": styles})
