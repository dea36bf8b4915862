"""Draw a page layout into a 1920x1080 PNG with Pillow."""

from pathlib import Path

from PIL import Image, ImageDraw

from lectra.runtime.files import atomic_path
from lectra.slides.fonts import load_font
from lectra.slides.layout import HEIGHT, WIDTH, PageLayout, TextBlock
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
            fonts = [load_font(block.font, size_px, block.bold or run.bold) for run in line]
            widths = [f.getlength(run.text) for f, run in zip(fonts, line, strict=True)]
            x = float(left)
            if block.align != "left":
                spare = width - sum(widths)
                x += spare if block.align == "right" else spare / 2
            for font, run, run_w in zip(fonts, line, widths, strict=True):
                draw.text((round(x), base), run.text, font=font, fill=block.color, anchor="ls")
                x += run_w
            y += block.line_px
        y += block.gap_px


def render_frame(layout: PageLayout, path: Path) -> Path:
    """Render one page to a PNG at path, written atomically."""
    image = Image.new("RGB", (WIDTH, HEIGHT), layout.background)
    draw = ImageDraw.Draw(image)
    for rect in layout.rects:
        b = rect.box
        draw.rectangle((b.x, b.y, b.x + b.w - 1, b.y + b.h - 1), fill=rect.color)
    if layout.picture is not None and layout.image_path is not None:
        with Image.open(layout.image_path) as src:
            pic = src.convert("RGB").resize(
                (layout.picture.w, layout.picture.h), Image.Resampling.LANCZOS
            )
        image.paste(pic, (layout.picture.x, layout.picture.y))
    for block in layout.texts:
        _draw_text(draw, block)
    with atomic_path(path) as tmp:
        image.save(tmp, format="PNG", compress_level=1)
    return path
