"""The PPTX as LibreOffice draws it: PDF through soffice, then one PNG a page through pdftoppm."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from lectra.fonts import FONTCONFIG

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
