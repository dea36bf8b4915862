"""A PPTX as LibreOffice draws it: PDF through soffice, then one PNG a page through pdftoppm.

soffice runs inside bubblewrap when it is here: no network, and nothing of the file system
but the programs, the fonts and its own input and output folders (a template is cleaned of
links before it gets here; this holds if one is missed)."""

import os
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from lectra.runtime.errors import MediaError, ToolMissingError
from lectra.runtime.processes import run_bounded
from lectra.slides.fonts import FONTCONFIG

SOFFICE_TIMEOUT_S = 180


def office_available() -> bool:
    """Whether LibreOffice and poppler are here."""
    return bool(shutil.which("soffice") and shutil.which("pdftoppm"))


def _system() -> list[str]:
    """bwrap's arguments that show the programs and fonts, read-only, and nothing else."""
    box = ["--ro-bind", "/usr", "/usr"]
    for link in ("lib", "lib64", "bin", "sbin"):
        if Path(f"/{link}").is_symlink():  # a merged /usr: the links its programs expect
            box += ["--symlink", f"usr/{link}", f"/{link}"]
    for shared in ("/etc/fonts", "/etc/libreoffice", "/etc/ld.so.cache", "/var/cache/fontconfig"):
        box += ["--ro-bind-try", shared, shared]
    return [*box, "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]


@lru_cache(maxsize=1)
def _bwrap() -> str | None:
    """bwrap, when it is installed and can make a sandbox here (it needs user namespaces)."""
    found = shutil.which("bwrap")
    if not found:
        return None
    probe = [found, "--unshare-all", *_system(), "true"]
    try:
        done = subprocess.run(probe, capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return found if done.returncode == 0 else None


def sandboxed(cmd: list[str], reads: list[Path], writes: list[Path]) -> list[str]:
    """cmd in a bubblewrap sandbox with no network that sees the programs and fonts, reads
    and writes alone (cmd as it is where bubblewrap cannot run)."""
    bwrap = _bwrap()
    if bwrap is None:
        return cmd
    box = [bwrap, "--unshare-all", "--die-with-parent", "--new-session", *_system()]
    for path in reads:
        box += ["--ro-bind", str(path), str(path)]
    for path in writes:
        box += ["--bind", str(path), str(path)]
    return [*box, "--", *cmd]


def office_pages(pptx: Path, out: Path, size: tuple[int, int]) -> list[Path]:
    """PNG pages of pptx at size, as LibreOffice renders it with Lectra's font aliases (the
    frames' fonts for the faces the PPTX names); written under out."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        raise ToolMissingError(
            "LibreOffice and poppler are needed: apt-get install libreoffice-impress poppler-utils"
        )
    out.mkdir(parents=True, exist_ok=True)
    out, pptx = out.resolve(), pptx.resolve()
    env = os.environ | {"FONTCONFIG_FILE": str(FONTCONFIG), "HOME": str(out)}
    profile = f"-env:UserInstallation=file://{out / 'profile'}"
    cmd = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(pptx)]
    cmd = sandboxed(cmd, [FONTCONFIG.parent, pptx], [out])
    done = run_bounded(cmd, None, SOFFICE_TIMEOUT_S, env=env)
    pdf = out / pptx.with_suffix(".pdf").name
    if done.returncode != 0 or not pdf.exists():
        raise MediaError(f"LibreOffice could not draw {pptx.name}")
    scale = ["-scale-to-x", str(size[0]), "-scale-to-y", str(size[1])]
    run_bounded([pdftoppm, *scale, "-png", str(pdf), str(out / "page")], None, 120)
    return sorted(out.glob("page-*.png"))
