"""PDF documents read with pdfplumber: headings by font size, paragraphs, tables, figures."""

import re
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from lectra.documents.builder import SectionBuilder, is_caption
from lectra.documents.model import Document
from lectra.runtime.errors import InputError

MAX_PAGES = 600  # read of a longer document, the rest reported left out
HEADING_RATIO = 1.12  # a line this much larger than the body text is a heading
MIN_FIGURE_PT = 72  # smaller pictures are icons and rules
FIGURE_DPI = 150
_BULLET = re.compile(r"^\s*(?:[\u2022\u25cf\u25aa\u2013\-*]|\d+[.)])\s+")
_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+\S")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:page\s+|seite\s+|p\.\s*)?\d+(?:\s*(?:/|of|von)\s*\d+)?\s*$", re.I
)


def _lines(page: Any, skip: list[tuple[float, float, float, float]]) -> list[dict[str, Any]]:
    """The page's text lines outside the boxes in skip, each with its size and boldness."""
    out = []
    for line in page.extract_text_lines(return_chars=True, strip=True):
        chars = [c for c in line["chars"] if c["text"].strip()]
        if not chars or not line["text"].strip():
            continue
        x, y = (line["x0"] + line["x1"]) / 2, (line["top"] + line["bottom"]) / 2
        if any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in skip):
            continue
        size = statistics.median(round(c["size"], 1) for c in chars)
        bold = sum(1 for c in chars if "bold" in c["fontname"].lower()) > len(chars) / 2
        out.append(
            {
                "text": line["text"],
                "size": size,
                "bold": bold,
                "top": line["top"],
                "bottom": line["bottom"],
                "x0": line["x0"],
            }
        )
    return out


def _repeated(pages: list[list[dict[str, Any]]]) -> set[str]:
    """Running headers and footers: the same first or last line on most pages."""
    if len(pages) < 4:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        if len(lines) < 3:  # a page of a line or two has no running header to tell apart
            continue
        for line in lines[:1] + lines[-1:]:
            seen[re.sub(r"\d+", "#", line["text"])] += 1
    return {text for text, n in seen.items() if n >= max(3, len(pages) // 2)}


def _levels(sizes: list[float], body: float) -> dict[float, int]:
    """Heading sizes to levels: the largest 1, the next 2, at most 3."""
    big = sorted({s for s in sizes if s >= body * HEADING_RATIO}, reverse=True)
    return {size: min(n + 1, 3) for n, size in enumerate(big)}


Placed = tuple[str, int, int, float]  # a figure's file, its pixel size, its top on the page


def _figures(page: Any, folder: Path, kept: int) -> list[Placed]:
    """The page's pictures cropped and saved as JPEG: (file, width, height, top)."""
    found: list[Placed] = []
    for image in page.images:
        x0, top = max(0, image["x0"]), max(0, image["top"])
        x1, bottom = min(page.width, image["x1"]), min(page.height, image["bottom"])
        if x1 - x0 < MIN_FIGURE_PT or bottom - top < MIN_FIGURE_PT:
            continue
        picture = page.crop((x0, top, x1, bottom)).to_image(resolution=FIGURE_DPI).original
        name = f"figure_{kept + len(found) + 1:03d}.jpg"
        picture.convert("RGB").save(folder / name, format="JPEG", quality=88)
        found.append((name, picture.width, picture.height, top))
    return found


def read_pdf(path: Path, folder: Path, name: str, sha: str, deadline: float) -> Document:
    """The document in a PDF file; its figures are written into folder."""
    try:
        return _read_pdf(path, folder, name, sha, deadline)
    except PdfminerException as exc:  # pdfplumber's wrapper: what pdfminer raised is inside
        inner = exc.args[0] if exc.args else exc
        if isinstance(inner, MemoryError):
            raise MemoryError(str(inner)) from None
        if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
            raise InputError(
                f"{name}: the PDF is encrypted; give a copy without a password"
            ) from None
        raise InputError(f"{name}: not a readable PDF ({type(inner).__name__})") from None


def _read_pdf(path: Path, folder: Path, name: str, sha: str, deadline: float) -> Document:
    try:
        pdf = pdfplumber.open(path)
        count = len(pdf.pages)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(f"{name}: the PDF is encrypted; give a copy without a password") from None
    except (PSException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"{name}: not a readable PDF ({type(exc).__name__})") from None
    warnings = []
    with pdf:
        read = min(count, MAX_PAGES)
        pages: list[list[dict[str, Any]]] = []
        tables: list[list[tuple[list[list[str | None]], float]]] = []
        figures: list[list[Placed]] = []
        for number in range(1, read + 1):
            if time.monotonic() > deadline:
                warnings.append(f"pages {number}-{count} not read: the time for reading ran out")
                break
            page = pdf.pages[number - 1]
            found = page.find_tables()
            boxes = [t.bbox for t in found]
            tables.append([(t.extract(), t.bbox[1]) for t in found])
            pages.append(_lines(page, boxes))
            figures.append(_figures(page, folder, sum(len(f) for f in figures)))
            page.close()
        meta_title = str((pdf.metadata or {}).get("Title") or "").strip()
    if count > read:
        warnings.append(f"pages {read + 1}-{count} not read: at most {MAX_PAGES} pages are")
    if not any(pages):
        raise InputError(
            f"{name}: the PDF has no text layer (a scan?); Lectra reads text, not pictures of it"
        )
    return _document(pages, tables, figures, name, sha, count, meta_title, warnings)


def _document(
    pages: list[list[dict[str, Any]]],
    tables: list[list[tuple[list[list[str | None]], float]]],
    figures: list[list[Placed]],
    name: str,
    sha: str,
    count: int,
    meta_title: str,
    warnings: list[str],
) -> Document:
    repeated = _repeated(pages)
    lines = [
        [
            ln
            for ln in page
            if re.sub(r"\d+", "#", ln["text"]) not in repeated
            and not _PAGE_NUMBER.match(ln["text"])
        ]
        for page in pages
    ]
    first = lines[0] if lines else []
    top = max(first, key=lambda ln: ln["size"]) if first else None
    title = meta_title or (top["text"] if top else name)
    weights: Counter[float] = Counter()
    for page in lines:
        for ln in page:
            if ln is not top:  # the title's size is no heading level
                weights[ln["size"]] += len(ln["text"])
    body = weights.most_common(1)[0][0] if weights else 10.0
    levels = _levels(list(weights), body)
    builder = SectionBuilder(title)
    for number, page in enumerate(lines, start=1):
        placed = sorted(
            [("line", ln["top"], ln) for ln in page]
            + [("table", top, rows) for rows, top in tables[number - 1]]
            + [("figure", top, fig) for *fig, top in figures[number - 1]],
            key=lambda part: part[1],
        )
        _read_page(builder, placed, number, body, levels, title)
    sections = builder.result()
    if builder.dropped:
        warnings.append(f"{builder.dropped} headings past the first sections were not kept apart")
    return Document(
        name=name,
        sha256=sha,
        kind="pdf",
        title=" ".join(title.split()),
        pages=count,
        sections=sections,
        warnings=warnings,
    )


def _read_page(
    builder: SectionBuilder,
    placed: list[tuple[str, float, Any]],
    number: int,
    body: float,
    levels: dict[float, int],
    title: str,
) -> None:
    """One page's parts, in reading order, given to the builder."""
    paragraph: list[str] = []
    last_bottom, item = 0.0, False

    def flush() -> None:
        nonlocal paragraph, item
        if paragraph:
            builder.passage(_joined(paragraph), number, item)
        paragraph, item = [], False

    for kind, top, part in placed:
        if kind == "table":
            flush()
            builder.table([[c or "" for c in row] for row in part], number)
            continue
        if kind == "figure":
            flush()
            file, width, height = part
            builder.figure(file, number, width, height)
            continue
        text = part["text"]
        level = levels.get(part["size"])
        numbered = _NUMBERED.match(text)
        heading = (level or (part["bold"] and numbered)) and len(text) < 120
        if heading and not text.rstrip().endswith((".", ",", ";")) and not is_caption(text):
            flush()
            if not (number == 1 and text == title):
                depth = numbered.group(1).count(".") + 1 if numbered else (level or 2)
                builder.heading(text, min(depth, 3))
            last_bottom = part["bottom"]
            continue
        gap = top - last_bottom
        new = _BULLET.match(text) or is_caption(text) or gap > (part["size"] * 0.9)
        if new:
            flush()
            item = bool(_BULLET.match(text))
            text = _BULLET.sub("", text) if item else text
        paragraph.append(text)
        last_bottom = part["bottom"]
    flush()


def _joined(lines: list[str]) -> str:
    """Lines of a paragraph as one text, words hyphenated at a line's end made whole."""
    text = ""
    for line in lines:
        if text.endswith("-") and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return text
