"""A deck to narrate (--narrate): read, made safe and kept in the cache by its hash before
anything is built; a PDF of slides becomes a deck of its pages first."""

import hashlib
import io
import shutil
import tempfile
from pathlib import Path

from pptx import Presentation
from pptx.util import Emu
from pydantic import BaseModel

from lectra.documents.read import parsed
from lectra.runtime.errors import InputError
from lectra.runtime.files import atomic_path, read_bounded, write_json
from lectra.runtime.jsondata import strict_json
from lectra.runtime.processes import run_bounded
from lectra.slides.userdeck import UserDeck, deck_file, read_deck

FOLDER = "decks"
MAX_PDF_PAGES = 500
PAGE_PX = 1920  # a PDF page's picture: as wide as a frame
SLIDE_EMU = 12192000  # a 16:9 slide's width; a page's height follows its shape


class DeckRef(BaseModel):
    """The deck a run narrates: its name and the hash its safe copy is kept under."""

    name: str
    sha256: str


def deck_folder(cache_dir: Path, sha: str) -> Path:
    """Where a narrated deck's safe copy, its slides and its pages are kept."""
    return cache_dir / FOLDER / sha


def kept_deck(cache_dir: Path, sha: str) -> UserDeck | None:
    """The deck kept under sha, or None."""
    found = deck_folder(cache_dir, sha) / "deck.json"
    if not found.is_file():
        return None
    try:
        return UserDeck.model_validate(strict_json(read_bounded(found, 8 << 20, "deck").decode()))
    except (InputError, ValueError):
        return None


def _pdf_deck(data: bytes, name: str, cache_dir: Path) -> bytes:
    """A PDF of slides as a deck: each page a slide filled with its picture, its text kept as
    the slide's alt text for the writer (read in the bounded document reader)."""
    document = parsed(data, name, cache_dir)
    if document.pages > MAX_PDF_PAGES:
        raise InputError(f"deck {name} has {document.pages} pages; the limit is {MAX_PDF_PAGES}")
    texts: dict[int, list[str]] = {}
    for section in document.sections:
        for passage in section.passages:
            texts.setdefault(passage.page, []).append(passage.text)
        if section.heading:
            page = section.pages[0] if section.pages else 1
            texts.setdefault(page, []).insert(0, section.heading)
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        raise InputError("a PDF of slides needs pdftoppm: apt-get install poppler-utils")
    with tempfile.TemporaryDirectory() as work:
        (Path(work) / "in.pdf").write_bytes(data)
        run_bounded(
            [
                pdftoppm,
                "-scale-to-x",
                str(PAGE_PX),
                "-scale-to-y",
                "-1",
                "-png",
                str(Path(work) / "in.pdf"),
                str(Path(work) / "page"),
            ],
            None,
            300,
        )
        pictures = sorted(Path(work).glob("page-*.png"))
        if not pictures:
            raise InputError(f"deck {name}: no page of the PDF could be drawn")
        from PIL import Image

        with Image.open(pictures[0]) as first:
            w, h = first.size
        prs = Presentation()
        prs.slide_width, prs.slide_height = Emu(SLIDE_EMU), Emu(round(SLIDE_EMU * h / w))
        blank = prs.slide_layouts[6]
        for number, picture in enumerate(pictures, start=1):
            slide = prs.slides.add_slide(blank)
            pic = slide.shapes.add_picture(str(picture), 0, 0, prs.slide_width, prs.slide_height)
            pic._element.nvPicPr.cNvPr.set("descr", "\n".join(texts.get(number, []))[:4000])
        out = io.BytesIO()
        prs.save(out)
        return out.getvalue()


def read_narrated(given: str, cache_dir: Path) -> tuple[DeckRef, UserDeck]:
    """The deck a --narrate names (a .pptx, or a PDF of slides), read once per content."""
    path = Path(given).expanduser()
    data = deck_file(path)
    sha = hashlib.sha256(data).hexdigest()
    found = kept_deck(cache_dir, sha)
    if found is not None:
        return DeckRef(name=path.name, sha256=sha), found
    if data.startswith(b"%PDF-"):
        data = _pdf_deck(data, path.name, cache_dir)
    deck, package = read_deck(data, path.name, sha)
    folder = deck_folder(cache_dir, sha)
    folder.mkdir(parents=True, exist_ok=True)
    with atomic_path(folder / "deck.pptx") as tmp:
        tmp.write_bytes(package.data)
    write_json(folder / "deck.json", deck.model_dump(mode="json"))
    return DeckRef(name=path.name, sha256=sha), deck


def frame_size(deck: UserDeck) -> tuple[int, int]:
    """The frames' size for the deck's shape: 1080 high, as wide as its aspect (even)."""
    width = round(1080 * deck.width / max(deck.height, 1) / 2) * 2
    return max(2, width), 1080
