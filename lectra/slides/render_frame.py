"""Draw a page layout into a PNG with Pillow, on its design's background."""

from pathlib import Path

from PIL import Image, ImageDraw

from lectra.models import Box, TableLayout
from lectra.runtime.files import atomic_path
from lectra.slides.fonts import load_font, slot_runs
from lectra.slides.layout import PageLayout, TextBlock
from lectra.slides.legibility import rgb
from lectra.slides.pptx_table import RULE_PX
from lectra.slides.textfit import PX_PER_PT

BULLET_FONT = "latin"
BASELINE = 0.8  # a line's baseline sits this far down its pitch, as in the PPTX's exact spacing


def _draw_text(draw: ImageDraw.ImageDraw, block: TextBlock) -> None:
    size_px = block.size_pt * PX_PER_PT
    y = block.box.y
    left = block.box.x + block.indent_px
    width = block.box.w - block.indent_px
    for paragraph in block.line_runs():
        for i, line in enumerate(paragraph):
            base = y + round(block.line_px * BASELINE)
            if block.bullet and i == 0:  # in the Latin font, as the PPTX's buFont says
                font = load_font(BULLET_FONT, size_px, block.bold)
                draw.text((block.box.x, base), "•", font=font, fill=block.color, anchor="ls")
            pieces = [
                (load_font(key, size_px, block.bold or run.bold), piece)
                for run in line
                for key, piece in slot_runs(run.text, block.font)
            ]
            widths = [font.getlength(piece) for font, piece in pieces]
            x = float(left)
            if block.align != "left":
                spare = width - sum(widths)
                x += spare if block.align == "right" else spare / 2
            for (font, piece), piece_w in zip(pieces, widths, strict=True):
                draw.text((round(x), base), piece, font=font, fill=block.color, anchor="ls")
                x += piece_w
            y += block.line_px
        y += block.gap_px


def _draw_table(draw: ImageDraw.ImageDraw, table: TableLayout) -> None:
    """The header row filled, a rule above the table and under each row, then every cell."""
    b = table.box
    draw.rectangle((b.x, b.y, b.x + b.w - 1, b.y + table.rows[0] - 1), fill=table.header_color)
    y = b.y
    for height in [0, *table.rows]:
        y += height
        top = y - (RULE_PX // 2)
        draw.rectangle((b.x, top, b.x + b.w - 1, top + RULE_PX - 1), fill=table.line_color)
    for row in table.cells:
        for block in row:
            _draw_text(draw, block)


def _picture(path: Path, box: Box, crop: tuple[float, float, float, float]) -> Image.Image:
    with Image.open(path) as src:
        w, h = src.size
        left, top, right, bottom = crop
        region = (round(left * w), round(top * h), round(w - right * w), round(h - bottom * h))
        return src.convert("RGB").resize((box.w, box.h), Image.Resampling.LANCZOS, box=region)


def _canvas(layout: PageLayout, backdrop: Path | None) -> Image.Image:
    size = (layout.width, layout.height)
    if backdrop is None:
        return Image.new("RGB", size, layout.background)
    with Image.open(backdrop) as art:
        return art.convert("RGB").resize(size) if art.size != size else art.convert("RGB")


def render_frame(layout: PageLayout, path: Path, backdrop: Path | None = None) -> Path:
    """Render one page to a PNG at path, written atomically: the template's background (or
    the layout's colour), then shapes, picture and text."""
    image = _canvas(layout, backdrop).convert("RGBA")
    shapes = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(shapes)
    for rect in layout.rects:
        b = rect.box
        rgba = (*rgb(rect.color), round(rect.alpha * 255))
        draw.rectangle((b.x, b.y, b.x + b.w - 1, b.y + b.h - 1), fill=rgba)
    image = Image.alpha_composite(image, shapes).convert("RGB")
    if layout.picture is not None and layout.image_path is not None:
        image.paste(
            _picture(layout.image_path, layout.picture, layout.crop),
            (layout.picture.x, layout.picture.y),
        )
    draw_text = ImageDraw.Draw(image)
    if layout.table is not None:
        _draw_table(draw_text, layout.table)
    for block in layout.texts:
        _draw_text(draw_text, block)
    with atomic_path(path) as tmp:
        image.save(tmp, format="PNG", compress_level=1)
    return path
