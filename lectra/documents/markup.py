"""Markdown, plain text and web pages (trafilatura's main text, as Markdown) read into sections."""

import re

from lectra.documents.builder import SectionBuilder
from lectra.documents.model import Document, Kind

_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+\u2022]|\d+[.)])\s+(.*)$")
_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_FENCE = re.compile(r"^\s*(```|~~~)")
_PLAIN_HEADING = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)?[^\W\d][^.!?:;]{1,80}$")


def _inline(text: str) -> str:
    """Markdown's inline marks away: images dropped, links as their text, emphasis as words."""
    text = _LINK.sub(r"\1", _IMAGE.sub("", text))
    return _EMPHASIS.sub(r"\2", text).replace("\\", "")


def _sections(lines: list[str], builder: SectionBuilder, plain: bool) -> str:
    """Every line given to the builder; returns the first level-one heading."""
    paragraph: list[str] = []
    table: list[list[str]] = []
    first = ""
    fenced = False

    def flush() -> None:
        nonlocal paragraph, table
        if paragraph:
            builder.passage(_inline(" ".join(paragraph)))
        if table:
            builder.table(table)
        paragraph, table = [], []

    for n, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            flush()
            continue
        if fenced:  # code is not prose
            continue
        heading = None if plain else _ATX.match(line)
        if plain and _PLAIN_HEADING.match(line.strip()) and _alone(lines, n):
            heading_text, level = line.strip(), 1
        elif heading:
            heading_text, level = _inline(heading.group(2)), len(heading.group(1))
        else:
            heading_text, level = "", 0
        if heading_text:
            flush()
            if level == 1 and not first:
                first = heading_text
                builder.title = builder.title or heading_text
                continue
            builder.heading(heading_text, min(max(level - 1, 1), 3))
        elif not plain and (row := _ROW.match(line)):
            if paragraph:
                flush()
            if not _RULE.match(line):
                table.append([_inline(c.strip()) for c in row.group(1).split("|")])
        elif not plain and (item := _ITEM.match(line)):
            flush()
            builder.passage(_inline(item.group(1)), item=True)
        elif line.strip():
            if table:
                flush()
            paragraph.append(line.strip())
        else:
            flush()
    flush()
    return first


def _alone(lines: list[str], n: int) -> bool:
    """True for a plain-text line with a blank line (or the start) before it and after it."""
    before = n == 0 or not lines[n - 1].strip()
    after = n + 1 >= len(lines) or not lines[n + 1].strip()
    return before and after and n + 1 < len(lines)


def read_text(text: str, name: str, sha: str, kind: Kind, title: str = "") -> Document:
    """A Markdown or plain text document (kind 'text' has no heading marks to look for)."""
    builder = SectionBuilder(title)
    first = _sections(text.splitlines(), builder, plain=kind == "text")
    sections = builder.result()
    title = title or first or (sections[0].heading if sections else "") or name
    return Document(name=name, sha256=sha, kind=kind, title=title, unit="", sections=sections)


def read_html(html: str, name: str, sha: str) -> Document:
    """A web page's main text, without its navigation, ads and links (trafilatura)."""
    import trafilatura

    main = trafilatura.extract(
        html,
        output_format="markdown",
        include_tables=True,
        include_links=False,
        include_images=False,
        include_comments=False,
    )
    meta = trafilatura.extract_metadata(html)
    title = (meta.title if meta is not None and meta.title else "") or ""
    document = read_text(main or "", name, sha, "markdown", title.strip())
    return document.model_copy(update={"kind": "html"})
