"""The PPTX as LibreOffice draws it: PDF through soffice, then one PNG a page through pdftoppm."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from lectra.models import Box, PageLayout
from lectra.slides.fonts import FONTCONFIG

INK = 96  # summed channel difference from the background that counts as drawn
MARGIN = 12  # px around a text box that its ink may reach (antialiasing, accents)
DPI = 144  # a 13.333 in slide at 144 dpi is 1920 px wide, the frames' size


def office_pages(pptx: Path, out: Path) -> list[Path]:
    """PNG pages of pptx as LibreOffice renders it, with the frames' fonts for the PPTX's faces."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        pytest.fail("LibreOffice and poppler are needed: make setup-test installs them")
    out.mkdir(parents=True, exist_ok=True)
    env = os.environ | {"FONTCONFIG_FILE": str(FONTCONFIG), "HOME": str(out)}
    profile = f"-env:UserInstallation=file://{out / 'profile'}"
    subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(pptx)],
        check=True,
        capture_output=True,
        env=env,
        timeout=180,
    )
    pdf = out / pptx.with_suffix(".pdf").name
    subprocess.run(
        [pdftoppm, "-r", str(DPI), "-png", str(pdf), str(out / "page")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return sorted(out.glob("page-*.png"))


def ink_box(image: Image.Image, box: Box, background: str) -> tuple[int, int, int, int] | None:
    """The bounding box of what is drawn in and around box, or None when it is blank."""
    region = (
        max(0, box.x - MARGIN),
        max(0, box.y - MARGIN),
        min(1920, box.x + box.w + MARGIN),
        min(1080, box.y + box.h + MARGIN),
    )
    crop = image.crop(region)
    diff = ImageChops.difference(crop, Image.new("RGB", crop.size, background)).convert("L")
    found = diff.point(lambda v: 255 if v * 3 > INK else 0).getbbox()
    if found is None:
        return None
    return found[0] + region[0], found[1] + region[1], found[2] + region[0], found[3] + region[1]


def ink_outside(image: Image.Image, layout: PageLayout) -> int:
    """Pixels drawn where the layout puts nothing: text escaping its box."""
    mask = Image.new("L", image.size, 255)
    boxes = [b.box for b in layout.texts] + [r.box for r in layout.rects]
    if layout.picture is not None:
        boxes.append(layout.picture)
    for box in boxes:
        mask.paste(
            0, (box.x - MARGIN, box.y - MARGIN, box.x + box.w + MARGIN, box.y + box.h + MARGIN)
        )
    diff = ImageChops.difference(image, Image.new("RGB", image.size, layout.background))
    ink = diff.convert("L").point(lambda v: 255 if v * 3 > INK else 0)
    return sum(ImageChops.multiply(ink, mask).histogram()[1:])  # pixels that are not 0
