"""Each kind of slide's background as LibreOffice draws the template's layout without text,
made once per template and size and kept: the video's frames are drawn on it."""

import shutil
import tempfile
import threading
from pathlib import Path

from lectra.runtime.errors import MediaError
from lectra.runtime.files import atomic_path
from lectra.slides.deckfile import add_slide, drop_placeholders, empty_deck
from lectra.slides.design import KINDS, Design
from lectra.slides.office import office_available, office_pages

_LOCK = threading.Lock()


def draw_backdrops(design: Design, folder: Path) -> dict[str, Path]:
    """Render every kind's empty slide through LibreOffice into folder as <kind>.png."""
    prs = empty_deck(design)
    for kind in KINDS:
        drop_placeholders(add_slide(prs, design, kind))
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="backdrops-") as tmp:
        work = Path(tmp)
        prs.save(str(work / "empty.pptx"))
        pages = office_pages(work / "empty.pptx", work / "pages", (design.width, design.height))
        if len(pages) != len(KINDS):
            raise MediaError(f"LibreOffice drew {len(pages)} of template {design.name}'s pages")
        made = {}
        for kind, page in zip(KINDS, pages, strict=True):
            with atomic_path(folder / f"{kind}.png") as out:
                shutil.copyfile(page, out)
            made[kind] = folder / f"{kind}.png"
    return made


def backdrops(design: Design, cache_dir: Path) -> dict[str, Path] | None:
    """Each kind's background PNG: shipped with a built-in theme, else drawn once into the
    cache; None when LibreOffice is not here to draw them."""
    if design.builtin:
        return {kind: design.backdrop(kind) for kind in KINDS}
    folder = cache_dir / "designs" / f"{design.sha[:24]}-{design.width}"
    wanted = {kind: folder / f"{kind}.png" for kind in KINDS}
    with _LOCK:  # the slides' frame tasks ask at once; the first draws them
        if all(p.exists() for p in wanted.values()):
            return wanted
        if not office_available():
            return None
        return draw_backdrops(design, folder)
