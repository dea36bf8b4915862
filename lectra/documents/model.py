"""A document as Lectra reads it: sections under their headings, with pages, tables and figures."""

from typing import Literal

from pydantic import BaseModel, Field

Kind = Literal["pdf", "docx", "pptx", "markdown", "html", "text"]
PAGE_LABEL = {
    "en": ("p.", "pp."),
    "de": ("S.", "S."),
    "fr": ("p.", "p."),
    "es": ("p.", "pp."),
    "hi": ("पृ.", "पृ."),
    "zh": ("第", "第"),
    "ja": ("p.", "pp."),
    "ko": ("p.", "pp."),
}
SLIDE_LABEL = {"en": "slide", "de": "Folie", "fr": "diapo", "es": "diapositiva"}


class Passage(BaseModel):
    """A paragraph or list item, and the page it is on (0 when the format has none)."""

    text: str
    page: int = 0
    item: bool = False


class Table(BaseModel):
    """A table's cells, row by row, the first row its header."""

    rows: list[list[str]]
    page: int = 0
    caption: str = ""


class Figure(BaseModel):
    """A picture of the document, kept as a JPEG beside source.json, and its caption."""

    file: str  # its name in the document's folder
    page: int = 0
    caption: str = ""
    width: int = 0
    height: int = 0


class Section(BaseModel):
    """Everything under one heading, up to the next heading."""

    heading: str
    path: list[str] = Field(default_factory=list)  # the headings above it, outermost first
    level: int = 1
    passages: list[Passage] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)

    @property
    def pages(self) -> list[int]:
        """The pages its text, tables and figures are on, in order."""
        found = [p.page for p in self.passages] + [t.page for t in self.tables]
        return sorted({p for p in found + [f.page for f in self.figures] if p > 0})

    @property
    def text(self) -> str:
        """Its passages as one text, a paragraph each."""
        return "\n\n".join(p.text for p in self.passages)

    @property
    def words(self) -> int:
        """About how many words it says."""
        return sum(len(p.text.split()) for p in self.passages)


class Document(BaseModel):
    """One source as parsed: its title, its sections in reading order, what was left out."""

    name: str  # the file name or URL it came from
    sha256: str
    kind: Kind
    title: str
    pages: int = 0  # pages (or slides) it has, 0 when the format has none
    unit: Literal["page", "slide", ""] = "page"
    sections: list[Section]
    warnings: list[str] = Field(default_factory=list)  # what could not be read, and why
    peak_mb: int = 0  # the parsing process's peak memory

    def cite(self, section: Section, lang: str) -> str:
        """Where a section is found, as a reader looks it up: 'p. 12', 'pp. 3-4', 'slide 5',
        or its heading for a format without pages."""
        pages = section.pages
        if not pages:
            return section.heading
        first, last = pages[0], pages[-1]
        if self.unit == "slide":
            word = SLIDE_LABEL.get(lang, SLIDE_LABEL["en"])
            return f"{word} {first}" if first == last else f"{word} {first}-{last}"
        one, many = PAGE_LABEL.get(lang, PAGE_LABEL["en"])
        if lang == "zh":
            return f"第{first}页" if first == last else f"第{first}-{last}页"
        return f"{one} {first}" if first == last else f"{many} {first}-{last}"


class Sources(BaseModel):
    """The documents a deck is made from, as source.json keeps them."""

    documents: list[Document]
