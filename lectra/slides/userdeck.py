"""A deck someone brings to be narrated: its package made safe, its slides as they show them."""

from io import BytesIO
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pydantic import BaseModel, Field

from lectra.runtime.errors import InputError
from lectra.runtime.files import read_bounded
from lectra.runtime.secrets import masked
from lectra.slides.package import CleanPackage, clean_package

MAX_DECK_BYTES = 200 * 1024 * 1024
MAX_DECK_SLIDES = 500
MAX_SLIDE_TEXT = 4000
FURNITURE = {PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE}


class DeckSlide(BaseModel):
    """One slide of the deck: where it is, whether it shows, what it says and its notes."""

    number: int  # 1-based, in the deck
    hidden: bool = False
    title: str = ""
    text: list[str] = Field(default_factory=list)  # its text, table cells and pictures' alt text
    notes: str = ""

    @property
    def heading(self) -> str:
        """Its title for chapters and the outline: its title, else its first line of text."""
        first = self.text[0].splitlines()[0] if self.text and self.text[0].strip() else ""
        return self.title or first[:80] or str(self.number)


class UserDeck(BaseModel):
    """The deck's slides, its page size in EMU, and what the cleaning took out."""

    name: str
    sha256: str
    width: int
    height: int
    slides: list[DeckSlide]
    warnings: list[str] = Field(default_factory=list)

    @property
    def shown(self) -> list[DeckSlide]:
        """The slides a show presents: the visible ones, in order."""
        return [s for s in self.slides if not s.hidden]


def _texts(shape: object) -> list[str]:
    """What a shape says: its paragraphs, its table's cells, a picture's alt text, a group's;
    nothing for a slide number, footer or date."""
    out: list[str] = []
    furniture = getattr(shape, "is_placeholder", False) and (
        shape.placeholder_format.type in FURNITURE  # type: ignore[attr-defined]
    )
    if furniture:
        return out
    kind = getattr(shape, "shape_type", None)
    if kind == MSO_SHAPE_TYPE.GROUP:
        for inner in shape.shapes:  # type: ignore[attr-defined]
            out += _texts(inner)
    if getattr(shape, "has_text_frame", False):
        out += [p.text.strip() for p in shape.text_frame.paragraphs if p.text.strip()]  # type: ignore[attr-defined]
    if getattr(shape, "has_table", False):
        for row in shape.table.rows:  # type: ignore[attr-defined]
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if cells:
                out.append(", ".join(cells))
    if kind == MSO_SHAPE_TYPE.PICTURE:
        alt = shape._element.nvPicPr.cNvPr.get("descr", "")  # type: ignore[attr-defined]
        out += [line.strip() for line in alt.splitlines() if line.strip()]
    return out


def read_deck(data: bytes, name: str, sha: str) -> tuple[UserDeck, CleanPackage]:
    """The deck in data and its safe package; InputError naming the problem (not a PPTX, an
    old .ppt or a password, damaged XML, links out, too many slides)."""
    package = clean_package(data, name, what="deck")
    try:
        prs = Presentation(BytesIO(package.data))
    except Exception as exc:  # python-pptx raises many kinds for a damaged package
        raise InputError(f"deck {name} cannot be read: {masked(str(exc), 120)}") from None
    count = len(prs.slides)
    if count > MAX_DECK_SLIDES:
        raise InputError(f"deck {name} has {count} slides; the limit is {MAX_DECK_SLIDES}")
    if count == 0:
        raise InputError(f"deck {name} has no slides")
    slides = []
    for number, slide in enumerate(prs.slides, start=1):
        title_shape = slide.shapes.title
        title = title_shape.text.strip() if title_shape is not None else ""
        title_id = title_shape.shape_id if title_shape is not None else None
        text = [t for shape in slide.shapes if shape.shape_id != title_id for t in _texts(shape)]
        notes = ""
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            notes = slide.notes_slide.notes_text_frame.text.strip()
        slides.append(
            DeckSlide(
                number=number,
                hidden=slide._element.get("show") in {"0", "false"},
                title=" ".join(title.split()),
                text=[t[:MAX_SLIDE_TEXT] for t in text],
                notes=notes,
            )
        )
    deck = UserDeck(
        name=name,
        sha256=sha,
        width=int(prs.slide_width or 0),
        height=int(prs.slide_height or 0),
        slides=slides,
        warnings=[n.replace("template ", "deck ", 1) for n in package.notes(name)],
    )
    if not deck.shown:
        raise InputError(f"deck {name}: every slide is hidden")
    return deck, package


def deck_file(path: Path) -> bytes:
    """The bytes of a deck to narrate, read with bounds."""
    return read_bounded(path, MAX_DECK_BYTES, "deck")
