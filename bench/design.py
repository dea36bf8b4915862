"""The design check: a deck's type scale, empty bands, titles and sources, and its frames
against LibreOffice's rendering of its PPTX, page by page.

    python -m bench.design --lang en --theme default --theme dark --template my.pptx

builds the realistic 8-slide deck (the loopback model that writes as real models do) on each
theme and template, and prints one line of figures for each; --sheets DIR also writes a
sheet (each frame beside LibreOffice's page) per deck, --gallery DIR a contact sheet of each
look (`make themes` makes docs/themes/*.png so).
"""

import argparse
import json
import statistics
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageStat

from lectra.models import PageLayout
from lectra.slides.design import Design
from lectra.slides.layout import body_area
from lectra.slides.office import office_pages

GREY_SIZE = (192, 108)  # the page size the frame and LibreOffice's page are compared at


def grey_difference(frame: Path, page: Path) -> float:
    """Mean absolute difference of two pages, grey and downscaled to 192x108 (0-255)."""
    a, b = (
        Image.open(p).convert("L").resize(GREY_SIZE, Image.Resampling.BOX) for p in (frame, page)
    )
    return float(ImageStat.Stat(ImageChops.difference(a, b)).mean[0])


def empty_below(layout: PageLayout, design: Design) -> float:
    """The share of a content page's body area left empty below its lowest text, card or
    picture."""
    area = body_area(design)
    bottoms = [b.box.y + b.height_px for b in layout.texts if b.role in {"body", "figure"}]
    bottoms += [r.box.y + r.box.h for r in layout.rects if r.box.y >= area.y]
    if layout.picture is not None:
        bottoms.append(layout.picture.y + layout.picture.h)
    if not bottoms:
        return 1.0
    return max(0.0, (area.y + area.h - max(bottoms)) / area.h)


@dataclass
class DeckFigures:
    """One deck's design figures."""

    name: str
    lang: str
    pages: int
    size: tuple[int, int]
    median_difference: float
    worst_difference: float
    body_pt: list[int]
    cut_titles: list[str]
    most_empty_below: float
    bold_lead_ins: int
    sources_shown: int
    kinds: list[str]


def figures(
    name: str,
    lang: str,
    design: Design,
    layouts: list[PageLayout],
    frames: list[Path],
    pages: list[Path],
) -> DeckFigures:
    """The figures of a deck from its layouts, frames and LibreOffice pages."""
    content = [lay for lay in layouts if lay.kind not in {"title", "closing"}]
    diffs = [grey_difference(f, p) for f, p in zip(frames, pages, strict=True)]
    titles = [b for lay in layouts for b in lay.texts if b.role == "title"]
    return DeckFigures(
        name=name,
        lang=lang,
        pages=len(pages),
        size=(layouts[0].width, layouts[0].height),
        median_difference=round(statistics.median(diffs), 2),
        worst_difference=round(max(diffs), 2),
        body_pt=sorted({b.size_pt for lay in content for b in lay.texts if b.role == "body"}),
        cut_titles=[
            t.source[0] for t in titles if any("…" in line for p in t.paragraphs for line in p)
        ],
        most_empty_below=round(max((empty_below(lay, design) for lay in content), default=0), 3),
        bold_lead_ins=sum(
            1
            for lay in content
            for b in lay.texts
            if b.role == "body"
            for r in b.runs
            if r and r[0].bold
        ),
        sources_shown=sum(1 for lay in content for b in lay.texts if b.role == "source"),
        kinds=[lay.kind for lay in layouts],
    )


def contact_sheet(frames: list[Path], pages: list[Path], path: Path, width: int = 480) -> Path:
    """Each frame beside LibreOffice's page of the same slide, one row a page."""
    with Image.open(frames[0]) as first:
        height = round(width * first.height / first.width)
    sheet = Image.new("RGB", (2 * width + 12, len(frames) * (height + 12)), "#777777")
    for row, pair in enumerate(zip(frames, pages, strict=True)):
        for col, p in enumerate(pair):
            with Image.open(p) as im:
                sheet.paste(
                    im.convert("RGB").resize((width, height)),
                    (col * (width + 12), row * (height + 12)),
                )
    sheet.save(path)
    return path


def gallery(frames: list[Path], path: Path, columns: int = 3, width: int = 400) -> Path:
    """The deck's first pages as a grid of thumbnails: a theme's contact sheet for the docs."""
    shown = frames[: columns * 3]
    with Image.open(shown[0]) as first:
        height = round(width * first.height / first.width)
    rows = -(-len(shown) // columns)
    sheet = Image.new("RGB", (columns * (width + 8) + 8, rows * (height + 8) + 8), "#E5E7EB")
    for n, frame in enumerate(shown):
        with Image.open(frame) as im:
            thumb = im.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)
        sheet.paste(thumb, (8 + (n % columns) * (width + 8), 8 + (n // columns) * (height + 8)))
    sheet.save(path, optimize=True)
    return path


def check(
    lang: str, sheets: Path | None = None, gallery_dir: Path | None = None, **settings: object
) -> DeckFigures:
    """Build the realistic deck with settings (theme or template) and measure it."""
    from tests.lectra.realistic_deck import build  # the loopback model the tests use

    work = Path(tempfile.mkdtemp(prefix="design-"))
    made = build(work, lang, **settings)  # type: ignore[arg-type]
    layouts = [lay for f in made.frames for lay in f.layouts]
    frames = [p for f in made.frames for p in f.paths]
    pages = office_pages(made.pptx, work / "office", (layouts[0].width, layouts[0].height))
    name = Path(str(settings.get("template") or settings.get("theme") or "default")).stem
    if sheets is not None:
        sheets.mkdir(parents=True, exist_ok=True)
        contact_sheet(frames, pages, sheets / f"{name}_{lang}.png")
    if gallery_dir is not None:
        gallery_dir.mkdir(parents=True, exist_ok=True)
        gallery(frames, gallery_dir / f"{name}.png")
    return figures(name, lang, made.cfg.design, layouts, frames, pages)


def main() -> None:
    """Print the figures of each theme and template asked for."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", action="append", default=[])
    parser.add_argument("--theme", action="append", default=[])
    parser.add_argument("--template", action="append", default=[])
    parser.add_argument("--sheets", type=Path, help="a folder for frame/LibreOffice sheets")
    parser.add_argument("--gallery", type=Path, help="a folder for each look's contact sheet")
    args = parser.parse_args()
    looks = [{"theme": t} for t in args.theme] + [{"template": t} for t in args.template]
    for lang in args.lang or ["en"]:
        for look in looks or [{"theme": "default"}]:
            found = check(lang, args.sheets, args.gallery, **look)
            print(json.dumps(asdict(found), ensure_ascii=False))


if __name__ == "__main__":
    main()
