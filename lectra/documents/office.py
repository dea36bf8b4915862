"""Word and PowerPoint documents read with python-docx and python-pptx, their zips checked first."""

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph
from PIL import Image, UnidentifiedImageError
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from lectra.documents.builder import SectionBuilder
from lectra.documents.model import Document
from lectra.runtime.errors import InputError

MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_PARTS = 5000
MAX_RATIO = 200  # a part unpacking to more than this times its packed size is a bomb
MAX_PICTURE_PIXELS = 40_000_000
MIN_PICTURE_SIDE = 120
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_HEADING = re.compile(r"^(?:heading|überschrift|titre|título)\s*(\d)$", re.IGNORECASE)


def checked_zip(data: bytes, name: str) -> None:
    """InputError unless data is an Office zip that unpacks within bounds, with no DTD in
    its XML (entities are how XML bombs and external reads start)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(f"{name}: not an Office document (not a zip)") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_PARTS:
            raise InputError(f"{name}: {len(members)} parts; at most {MAX_PARTS} are read")
        total = sum(m.file_size for m in members)
        if total > MAX_UNPACKED_BYTES:
            raise InputError(f"{name}: unpacks to {total} bytes; the limit is {MAX_UNPACKED_BYTES}")
        for member in members:
            if member.file_size > MAX_RATIO * max(member.compress_size, 1024):
                raise InputError(
                    f"{name}: {member.filename} is a zip bomb (packed {member.compress_size} bytes)"
                )
            if member.filename.endswith((".xml", ".rels")):
                with archive.open(member) as part:
                    if _DTD.search(part.read(4096)):
                        raise InputError(f"{name}: {member.filename} declares a DTD; not read")


def _picture(blob: bytes, folder: Path, number: int) -> tuple[str, int, int] | None:
    """A document's picture saved as JPEG in folder, or None for one too small or unreadable."""
    try:
        with Image.open(io.BytesIO(blob)) as image:
            if image.width * image.height > MAX_PICTURE_PIXELS:
                return None
            if min(image.size) < MIN_PICTURE_SIDE:
                return None
            image.thumbnail((1920, 1920))
            name = f"figure_{number:03d}.jpg"
            image.convert("RGB").save(folder / name, format="JPEG", quality=88)
            return name, image.width, image.height
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None


def _heading_level(paragraph: Paragraph) -> int | None:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.lower() == "title":
        return 0
    match = _HEADING.match(style)
    return int(match.group(1)) if match else None


def read_docx(data: bytes, folder: Path, name: str, sha: str) -> Document:
    """The document in a .docx file; pages are counted at its page breaks."""
    checked_zip(data, name)
    try:
        word = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(f"{name}: not a readable Word document ({type(exc).__name__})") from None
    title = (word.core_properties.title or "").strip()
    builder = SectionBuilder(title)
    page, breaks, pictures = 1, 0, 0
    for element in word.element.body.iterchildren():
        if element.tag == qn("w:tbl"):
            table = WordTable(element, word.part)
            builder.table([[cell.text for cell in row.cells] for row in table.rows], page)
            continue
        if element.tag != qn("w:p"):
            continue
        paragraph = Paragraph(element, word.part)
        page_breaks = len(element.findall(f".//{qn('w:br')}[@{qn('w:type')}='page']"))
        level = _heading_level(paragraph)
        text = paragraph.text.strip()
        if level == 0 and text:
            title = builder.title = title or text
        elif level and text:
            builder.heading(text, min(level, 3))
        elif text:
            is_item = element.find(f".//{qn('w:numPr')}") is not None or "list" in (
                paragraph.style.name.lower() if paragraph.style is not None else ""
            )
            builder.passage(text, page, is_item)
        for blip in element.iter(qn("a:blip")):
            part = word.part.related_parts.get(blip.get(qn("r:embed")) or "")
            if part is not None:
                kept = _picture(part.blob, folder, pictures + 1)
                if kept:
                    pictures += 1
                    builder.figure(kept[0], page, kept[1], kept[2])
        page += page_breaks
        breaks += page_breaks
    builder.title = title
    sections = builder.result()
    pages = page if breaks else 0
    if not breaks:  # no pages: each section is cited by its heading
        for section in sections:
            for passage in section.passages:
                passage.page = 0
            for grid in section.tables:
                grid.page = 0
            for figure in section.figures:
                figure.page = 0
    return Document(
        name=name,
        sha256=sha,
        kind="docx",
        title=title or Path(name).stem,
        pages=pages,
        unit="page" if breaks else "",
        sections=sections,
    )


def _shape_text(shape: Any) -> list[tuple[str, bool]]:
    if not shape.has_text_frame:
        return []
    return [
        (p.text, p.level > 0 or bool(shape.is_placeholder)) for p in shape.text_frame.paragraphs
    ]


def read_pptx(data: bytes, folder: Path, name: str, sha: str) -> Document:
    """The document in a .pptx deck: each slide a section under its title, notes included."""
    checked_zip(data, name)
    try:
        deck = Presentation(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(f"{name}: not a readable PowerPoint deck ({type(exc).__name__})") from None
    builder = SectionBuilder("")
    title, pictures, count = "", 0, 0
    for number, slide in enumerate(deck.slides, start=1):
        count = number
        heading = slide.shapes.title.text.strip() if slide.shapes.title is not None else ""
        title = title or heading
        builder.heading(heading or f"{number}", 1)
        for shape in slide.shapes:
            if shape == slide.shapes.title:
                continue
            if shape.has_table:
                rows = [[cell.text for cell in row.cells] for row in shape.table.rows]
                builder.table(rows, number)
            elif shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                kept = _picture(shape.image.blob, folder, pictures + 1)
                if kept and Emu(shape.width).inches > 1.5:
                    pictures += 1
                    builder.figure(kept[0], number, kept[1], kept[2])
            for text, item in _shape_text(shape):
                builder.passage(text, number, item)
        if slide.has_notes_slide:
            for paragraph in (
                slide.notes_slide.notes_text_frame.paragraphs
                if slide.notes_slide.notes_text_frame
                else []
            ):
                builder.passage(paragraph.text, number)
    builder.title = title
    return Document(
        name=name,
        sha256=sha,
        kind="pptx",
        title=title or Path(name).stem,
        pages=count,
        unit="slide",
        sections=builder.result(),
    )
