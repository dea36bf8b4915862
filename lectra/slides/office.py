"""A PPTX as LibreOffice draws it: PDF through soffice, then one PNG a page through pdftoppm."""

import os
import shutil
from pathlib import Path

from lectra.runtime.errors import MediaError, ToolMissingError
from lectra.runtime.processes import run_bounded
from lectra.slides.fonts import FONTCONFIG

SOFFICE_TIMEOUT_S = 180


def office_available() -> bool:
    """Whether LibreOffice and poppler are here."""
    return bool(shutil.which("soffice") and shutil.which("pdftoppm"))


def office_pages(pptx: Path, out: Path, size: tuple[int, int]) -> list[Path]:
    """PNG pages of pptx at size, as LibreOffice renders it with Lectra's font aliases (the
    frames' fonts for the faces the PPTX names); written under out."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        raise ToolMissingError(
            "LibreOffice and poppler are needed: apt-get install libreoffice-impress poppler-utils"
        )
    out.mkdir(parents=True, exist_ok=True)
    env = os.environ | {"FONTCONFIG_FILE": str(FONTCONFIG), "HOME": str(out)}
    profile = f"-env:UserInstallation=file://{out / 'profile'}"
    cmd = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(pptx)]
    done = run_bounded(cmd, None, SOFFICE_TIMEOUT_S, env=env)
    pdf = out / pptx.with_suffix(".pdf").name
    if done.returncode != 0 or not pdf.exists():
        raise MediaError(f"LibreOffice could not draw {pptx.name}")
    scale = ["-scale-to-x", str(size[0]), "-scale-to-y", str(size[1])]
    run_bounded([pdftoppm, *scale, "-png", str(pdf), str(out / "page")], None, 120)
    return sorted(out.glob("page-*.png"))
