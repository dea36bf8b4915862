"""The offline image source: decorative art drawn with Pillow in the deck's colours, a motif
chosen by the slide, and no text (the slide already says it)."""

import hashlib
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from lectra.providers.base import ImageInfo, ImageSource
from lectra.providers.options import ImageOptions
from lectra.runtime.errors import ImageError
from lectra.runtime.files import atomic_path
from lectra.slides.legibility import rgb

SIZE = (1200, 900)
DEFAULT_PALETTE = ["#2563EB", "#0EA5E9", "#14B8A6", "#F59E0B", "#8B5CF6", "#EF4444"]
RGB = tuple[int, int, int]


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _rings(draw: ImageDraw.ImageDraw, rng: random.Random, colors: list[RGB]) -> None:
    cx, cy = rng.randint(300, 900), rng.randint(250, 650)
    for k in range(9, 0, -1):
        r = k * 70
        draw.ellipse(
            (cx - r, cy - r, cx + r, cy + r), outline=(*colors[k % len(colors)], 150), width=18
        )


def _bars(draw: ImageDraw.ImageDraw, rng: random.Random, colors: list[RGB]) -> None:
    width, height = SIZE
    bars = rng.randint(5, 8)
    step = width // (bars + 1)
    for k in range(bars):
        h = rng.randint(height // 5, height * 3 // 4)
        x = step // 2 + k * step
        draw.rounded_rectangle(
            (x, height - h, x + step * 2 // 3, height + 20),
            24,
            fill=(*colors[k % len(colors)], 210),
        )


def _waves(draw: ImageDraw.ImageDraw, rng: random.Random, colors: list[RGB]) -> None:
    width, height = SIZE
    for k in range(6):
        amp, phase, base = rng.uniform(30, 80), rng.uniform(0, math.tau), 140 + k * 130
        top = [(x, base + amp * math.sin(x / 170 + phase)) for x in range(0, width + 40, 40)]
        draw.polygon([*top, (width, height), (0, height)], fill=(*colors[k % len(colors)], 90))


def _grid(draw: ImageDraw.ImageDraw, rng: random.Random, colors: list[RGB]) -> None:
    width, height = SIZE
    cell = rng.choice([100, 150])
    for y in range(0, height, cell):
        for x in range(0, width, cell):
            if rng.random() < 0.55:
                color = (*colors[rng.randrange(len(colors))], rng.randint(90, 220))
                shape = rng.choice(["circle", "square", "quarter"])
                box = (x + 10, y + 10, x + cell - 10, y + cell - 10)
                if shape == "circle":
                    draw.ellipse(box, fill=color)
                elif shape == "square":
                    draw.rounded_rectangle(box, 16, fill=color)
                else:
                    draw.pieslice(
                        (x - cell + 10, y + 10, x + cell - 10, y + 2 * cell - 10),
                        270,
                        360,
                        fill=color,
                    )


MOTIFS = [_rings, _bars, _waves, _grid]


def illustration(query: str, title: str, palette: list[str] | None = None) -> Image.Image:
    """Decorative art for a slide: a soft field of the palette's first colour and a motif
    (rings, bars, waves or a grid of shapes) in its others, both chosen by the slide."""
    seed = int.from_bytes(hashlib.sha256(f"{query}|{title}".encode()).digest()[:8], "big")
    rng = random.Random(seed)
    colors = [rgb(c) for c in (palette or DEFAULT_PALETTE)]
    base = colors[seed % len(colors)]
    others = [c for c in colors if c != base] or [base]
    light, deep = _mix(base, (255, 255, 255), 0.82), _mix(base, (255, 255, 255), 0.55)
    mask = Image.linear_gradient("L").resize(SIZE).rotate(rng.choice([0, 45, -45, 90]))
    image = Image.composite(Image.new("RGB", SIZE, deep), Image.new("RGB", SIZE, light), mask)
    art = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    MOTIFS[seed % len(MOTIFS)](ImageDraw.Draw(art), rng, [base, *others[:3]])
    art = art.filter(ImageFilter.GaussianBlur(1.5))
    return Image.alpha_composite(image.convert("RGBA"), art).convert("RGB")


class GeneratedImages:
    """Draws decorative art for every slide; never touches the network."""

    name = "generated"

    def __init__(self, palette: list[str] | None = None) -> None:
        self.palette = palette

    def fetch(self, query: str, title: str, lang: str, path: Path) -> ImageInfo:
        """Draw the slide's art as a JPEG at path."""
        image = illustration(query, title, self.palette)
        try:
            with atomic_path(path) as tmp:
                image.save(tmp, format="JPEG", quality=88)
        except OSError as exc:
            raise ImageError(f"cannot write {path.name}: {exc.strerror or exc}") from exc
        return ImageInfo(
            source="generated", url="generated", width=image.width, height=image.height
        )


def build(opts: ImageOptions, run: str) -> ImageSource:
    """Art drawn here, in the deck's colours."""
    return GeneratedImages(opts.palette or None)
