"""Sections assembled from what a parser reads in order: headings, passages, tables, figures."""

import re

from lectra.documents.model import Figure, Passage, Section, Table

# "Figure 2: ...", "Table 1 - ...", in the languages a deck speaks
CAPTION = re.compile(
    r"^\s*(?P<what>fig(?:ure|\.)?|abbildung|abb\.|figura|tab(?:le|elle|la)|tableau|cuadro|图|表)"
    r"\s*\d+(?:\.\d+)*\s*[.:\-\u2013\u2014]\s+",
    re.IGNORECASE,
)
MAX_SECTIONS = 2000
MAX_PASSAGE_CHARS = 4000


def is_caption(text: str) -> bool:
    """True for a line that captions a figure or a table."""
    return bool(CAPTION.match(text)) and len(text) < 400


def caption_kind(text: str) -> str:
    """'table' or 'figure' for a caption."""
    what = ((m := CAPTION.match(text)) and m.group("what").lower()) or ""
    return "table" if what.startswith(("tab", "cuadro", "表")) else "figure"


class SectionBuilder:
    """Collects a document's parts in reading order under the heading they follow."""

    def __init__(self, title: str = "") -> None:
        self.title = title
        self.sections: list[Section] = []
        self._path: list[tuple[int, str]] = []
        self._pending_caption: tuple[str, int] | None = None
        self.dropped = 0  # parts past MAX_SECTIONS

    def _current(self) -> Section:
        if not self.sections:
            self.sections.append(Section(heading=self.title or "", level=1))
        return self.sections[-1]

    def heading(self, text: str, level: int) -> None:
        """A heading: a new section under the headings above it."""
        text = " ".join(text.split())
        if not text:
            return
        if len(self.sections) >= MAX_SECTIONS:
            self.dropped += 1
            return
        self._path = [(lvl, h) for lvl, h in self._path if lvl < level]
        path = [h for _, h in self._path]
        self._path.append((level, text))
        self.sections.append(Section(heading=text, path=path, level=level))

    @staticmethod
    def _content(section: Section) -> bool:
        return bool(section.passages or section.tables or section.figures)

    def passage(self, text: str, page: int = 0, item: bool = False) -> None:
        """A paragraph or list item; a caption is given to the figure or table beside it."""
        text = " ".join(text.split())[:MAX_PASSAGE_CHARS]
        if not text:
            return
        section = self._current()
        if is_caption(text):
            kind = caption_kind(text)
            kept = section.tables if kind == "table" else section.figures
            if kept and not kept[-1].caption:
                kept[-1].caption = text
                return
            self._pending_caption = (text, page)  # a caption above what it captions
            return
        section.passages.append(Passage(text=text, page=page, item=item))

    def _caption_for(self, kind: str, page: int) -> str:
        pending = self._pending_caption
        if pending and caption_kind(pending[0]) == kind and abs(pending[1] - page) <= 1:
            self._pending_caption = None
            return pending[0]
        return ""

    def table(self, rows: list[list[str]], page: int = 0) -> None:
        """A table, its first row the header; rows of empty cells are dropped."""
        cells = [[" ".join((c or "").split()) for c in row] for row in rows]
        cells = [row for row in cells if any(row)]
        if len(cells) < 2 or max(len(r) for r in cells) < 2:
            for row in cells:  # one row or one column is text, not a table
                self.passage(" ".join(c for c in row if c), page)
            return
        width = max(len(r) for r in cells)
        cells = [row + [""] * (width - len(row)) for row in cells]
        table = Table(rows=cells, page=page, caption=self._caption_for("table", page))
        self._current().tables.append(table)

    def figure(self, file: str, page: int, width: int, height: int) -> None:
        """A picture kept as file in the document's folder."""
        caption = self._caption_for("figure", page)
        figure = Figure(file=file, page=page, caption=caption, width=width, height=height)
        self._current().figures.append(figure)

    def result(self) -> list[Section]:
        """The sections with anything in them; an orphan caption becomes a passage."""
        if self._pending_caption:
            text, page = self._pending_caption
            self._current().passages.append(Passage(text=text, page=page))
        return [s for s in self.sections if self._content(s)]
