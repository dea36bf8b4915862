"""The PPTX as LibreOffice draws it, and where ink lands on a page."""

import re
import subprocess
import unicodedata
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PIL import Image, ImageChops

from lectra.models import Box, PageLayout
from lectra.slides import office

INK = 96  # summed channel difference from the background that counts as drawn
XHTML = "{http://www.w3.org/1999/xhtml}"
MARGIN = 12  # px around a text box that its ink may reach (antialiasing, accents)


def office_pages(pptx: Path, out: Path, size: tuple[int, int] = (1920, 1080)) -> list[Path]:
    """PNG pages of pptx as LibreOffice renders it, at the frames' size."""
    if not office.office_available():
        pytest.fail("LibreOffice and poppler are needed: make setup-test installs them")
    return office.office_pages(pptx, out, size)


def ink_box(image: Image.Image, box: Box, background: str) -> tuple[int, int, int, int] | None:
    """The bounding box of what is drawn in and around box, or None when it is blank."""
    region = (
        max(0, box.x - MARGIN),
        max(0, box.y - MARGIN),
        min(image.width, box.x + box.w + MARGIN),
        min(image.height, box.y + box.h + MARGIN),
    )
    crop = image.crop(region)
    diff = ImageChops.difference(crop, Image.new("RGB", crop.size, background)).convert("L")
    found = diff.point(lambda v: 255 if v * 3 > INK else 0).getbbox()
    if found is None:
        return None
    return found[0] + region[0], found[1] + region[1], found[2] + region[0], found[3] + region[1]


def ink_outside(image: Image.Image, layout: PageLayout, backdrop: Path | None = None) -> int:
    """Pixels drawn where the layout puts nothing (over its background colour, or over the
    template's art where it has some): text escaping its box."""
    mask = Image.new("L", image.size, 255)
    boxes = [b.box for b in layout.texts] + [r.box for r in layout.rects]
    if layout.picture is not None:
        boxes.append(layout.picture)
    for box in boxes:
        mask.paste(
            0, (box.x - MARGIN, box.y - MARGIN, box.x + box.w + MARGIN, box.y + box.h + MARGIN)
        )
    if backdrop is not None:
        with Image.open(backdrop) as art:
            under = art.convert("RGB").resize(image.size)
    else:
        under = Image.new("RGB", image.size, layout.background)
    diff = ImageChops.difference(image, under)
    ink = diff.convert("L").point(lambda v: 255 if v * 3 > INK else 0)
    return sum(ImageChops.multiply(ink, mask).histogram()[1:])  # pixels that are not 0


def office_lines(pdf: Path) -> list[list[str]]:
    """Each page's lines of text as LibreOffice set them (pdftotext's word boxes), with spaces
    and bullets dropped so that lines compare across scripts."""
    done = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", done.stdout))
    pages = []
    for page in root.iter(f"{XHTML}page"):
        lines = []
        for line in page.iter(f"{XHTML}line"):
            words = "".join(w.text or "" for w in line.iter(f"{XHTML}word"))
            lines.append(squeezed(words))
        pages.append(lines)
    return pages


def squeezed(text: str) -> str:
    """text without spaces (any kind) or bullets, its compatibility forms folded."""
    return re.sub(r"[\s•\u00a0\u202f]", "", unicodedata.normalize("NFKC", text))
