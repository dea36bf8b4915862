"""The offline image source: an abstract illustration drawn with Pillow from the slide."""

import colorsys
import hashlib
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from lectra.providers.base import ImageInfo, ImageSource
from lectra.providers.options import ImageOptions
from lectra.runtime.errors import ImageError
from lectra.runtime.files import atomic_path
from lectra.slides.fonts import load_font
from lectra.slides.textfit import wrap
from lectra.text.languages import get_language

SIZE = (1200, 900)


def _rgb(h: float, s: float, v: float) -> tuple[int, int, int]:
    r, g, b = colorsys.hsv_to_rgb(h % 1.0, s, v)
    return round(r * 255), round(g * 255), round(b * 255)


def illustration(query: str, title: str, lang: str) -> Image.Image:
    """A gradient with soft shapes and flowing lines in a palette seeded by the query, captioned."""
    seed = int.from_bytes(hashlib.sha256(f"{query}|{title}".encode()).digest()[:8], "big")
    rng = random.Random(seed)
    hue = rng.random()
    width, height = SIZE
    top, bottom = _rgb(hue, 0.55, 0.92), _rgb(hue + 0.1, 0.75, 0.45)
    mask = Image.linear_gradient("L").resize(SIZE).rotate(rng.choice([0, 30, -30]), expand=False)
    image = Image.composite(Image.new("RGB", SIZE, bottom), Image.new("RGB", SIZE, top), mask)

    shapes = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(shapes)
    for _ in range(7):
        r = rng.randint(60, 260)
        x, y = rng.randint(0, width), rng.randint(0, height - 200)
        draw.ellipse(
            (x - r, y - r, x + r, y + r),
            fill=(*_rgb(hue + rng.uniform(-0.15, 0.15), 0.35, 1.0), 70),
        )
    shapes = shapes.filter(ImageFilter.GaussianBlur(6))
    lines = ImageDraw.Draw(shapes)
    for k in range(5):
        amp, phase, base = rng.uniform(20, 60), rng.uniform(0, math.tau), 180 + k * 110
        points = [(x, base + amp * math.sin(x / 160 + phase)) for x in range(0, width + 20, 20)]
        lines.line(points, fill=(255, 255, 255, 110), width=4)
    image = Image.alpha_composite(image.convert("RGBA"), shapes)

    band = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    ImageDraw.Draw(band).rectangle((0, height - 170, width, height), fill=(15, 23, 42, 170))
    image = Image.alpha_composite(image, band).convert("RGB")
    font_key = get_language(lang).font
    caption = wrap(title, font_key, 22, width - 120, bold=True)[:2]
    font = load_font(font_key, 44, bold=True)
    text = ImageDraw.Draw(image)
    y = height - 170 + (170 - 56 * len(caption)) // 2
    for line in caption:
        text.text((60, y + 44), line, font=font, fill=(255, 255, 255), anchor="ls")
        y += 56
    return image


class GeneratedImages:
    """Draws an illustration for every slide; never touches the network."""

    name = "generated"

    def fetch(self, query: str, title: str, lang: str, path: Path) -> ImageInfo:
        """Draw the slide's illustration as a JPEG at path."""
        image = illustration(query, title, lang)
        try:
            with atomic_path(path) as tmp:
                image.save(tmp, format="JPEG", quality=88)
        except OSError as exc:
            raise ImageError(f"cannot write {path.name}: {exc.strerror or exc}") from exc
        return ImageInfo(
            source="generated", url="generated", width=image.width, height=image.height
        )


def build(opts: ImageOptions, run: str) -> ImageSource:
    """Illustrations drawn here."""
    return GeneratedImages()
