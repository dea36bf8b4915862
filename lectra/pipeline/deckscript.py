"""A deck's script as a person reads and edits it (script.md), or as Lectra writes it (JSON).

    # Deck title
    > The subtitle
    The title slide's notes, one or more paragraphs.

    ## A slide's title
    <!-- image: what to search a photo for -->
    <!-- source: where in the documents it comes from; another place -->
    - A bullet
    - Another bullet

    The notes: one paragraph per bullet (after an opening one, if you like) keeps each
    bullet's narration with it when a slide is split; any other paragraphs are fine too.

Headings other than `#` and `##`, emphasis and links are kept as text, as the writer's would be.
"""

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from lectra.models import MAX_SLIDES, DeckScript, Outline, SlideScript
from lectra.runtime.errors import InputError, first_error
from lectra.runtime.files import read_bounded
from lectra.runtime.jsondata import strict_json

MAX_SCRIPT_BYTES = 1024 * 1024
_IMAGE = re.compile(r"^<!--\s*image:\s*(.*?)\s*-->$")
_SOURCE = re.compile(r"^<!--\s*source:\s*(.*?)\s*-->$")
_TITLE_SLIDE = re.compile(r"^<!--\s*title slide:\s*(.*?)\s*-->$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")


def script_markdown(deck: DeckScript) -> str:
    """The deck as script.md: what parse_markdown reads back to the same deck."""
    outline, title_slide = deck.outline, deck.slides[0]
    lines = [f"# {outline.title}"]
    if outline.subtitle:
        lines.append(f"> {outline.subtitle}")
    if outline.slide_titles[0] != outline.title:
        lines.append(f"<!-- title slide: {outline.slide_titles[0]} -->")
    if title_slide.image_query:
        lines.append(f"<!-- image: {title_slide.image_query} -->")
    lines += _cited(title_slide)
    if said := _paragraphs(title_slide):
        lines += ["", *said]
    for slide in deck.slides[1:]:
        lines += ["", f"## {slide.title}"]
        if slide.image_query:
            lines.append(f"<!-- image: {slide.image_query} -->")
        lines += _cited(slide)
        lines += [f"- {bullet}" for bullet in slide.bullets]
        if said := _paragraphs(slide):  # a heading alone is a slide for the writer to write
            lines += ["", *said]
    return "\n".join(lines).rstrip() + "\n"


def _cited(slide: SlideScript) -> list[str]:
    """The slide's citations as the comment line script.md keeps them in."""
    cites = "; ".join(c.replace("-->", "").replace(";", ",") for c in slide.cites)
    return [f"<!-- source: {cites} -->"] if cites else []


def _paragraphs(slide: SlideScript) -> list[str]:
    """The slide's notes as paragraphs separated by blank lines: the opening and each
    bullet's narration when the writer gave them, else the notes as one."""
    parts = [slide.opening, *slide.bullet_notes] if slide.bullet_notes else [slide.notes]
    out: list[str] = []
    for part in (p.strip() for p in parts):
        if part:
            out += [part, ""]
    return out[:-1]


def parse_markdown(text: str) -> DeckScript:
    """The deck a script.md describes; InputError naming the line of the first problem."""
    title, subtitle, first_title = "", "", ""
    slides: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if raw.startswith("# "):
            if title or slides:
                raise InputError(f"line {number}: a second '# ' deck title")
            title = line[2:].strip()
            current = {"title": "", "bullets": [], "notes": [], "cites": []}
            slides.append(current)
        elif raw.startswith("## "):
            if not title:
                raise InputError(f"line {number}: a slide before the '# ' deck title")
            current = {
                "title": line[3:].strip(),
                "bullets": [],
                "notes": [],
                "image": "",
                "cites": [],
            }
            slides.append(current)
        elif current is None:
            if line:
                raise InputError(f"line {number}: text before the '# ' deck title")
        elif found := _IMAGE.match(line):
            current["image"] = found.group(1)
        elif found := _SOURCE.match(line):
            current["cites"] = [c.strip() for c in found.group(1).split(";") if c.strip()]
        elif (found := _TITLE_SLIDE.match(line)) and len(slides) == 1:
            first_title = found.group(1)
        elif line.startswith(">") and len(slides) == 1 and not current["notes"]:
            subtitle = " ".join([subtitle, line[1:].strip()]).strip()
        elif (found := _BULLET.match(raw)) and len(slides) > 1 and not current["notes"]:
            current["bullets"].append(found.group(1).strip())
        else:
            current["notes"].append(line)
    if not title:
        raise InputError("no '# ' deck title: a script starts with '# Deck title'")
    if len(slides) > MAX_SLIDES:
        raise InputError(f"{len(slides)} slides; the limit is {MAX_SLIDES}")
    return _deck(title, subtitle, first_title or title, slides)


def _deck(title: str, subtitle: str, first: str, slides: list[dict[str, Any]]) -> DeckScript:
    scripts = []
    for index, slide in enumerate(slides):
        paragraphs = [p for p in "\n".join(slide["notes"]).split("\n\n") if p.strip()]
        paragraphs = [" ".join(p.split()) for p in paragraphs]
        bullets = slide["bullets"]
        opening, by_bullet = "", []
        if bullets and len(paragraphs) == len(bullets):
            by_bullet = paragraphs
        elif bullets and len(paragraphs) == len(bullets) + 1:
            opening, by_bullet = paragraphs[0], paragraphs[1:]
        if index and not slide["title"]:
            raise InputError(f"slide {index}: a '## ' heading with no title")
        scripts.append(
            SlideScript(
                index=index,
                kind="title" if index == 0 else "content",
                title=title if index == 0 else slide["title"],
                bullets=bullets,
                notes=" ".join(paragraphs),
                image_query=slide.get("image", ""),
                cites=slide.get("cites", []),
                opening=opening,
                bullet_notes=by_bullet,
            )
        )
    outline = Outline(
        title=title, subtitle=subtitle, slide_titles=[first, *(s.title for s in scripts[1:])]
    )
    return checked(outline=outline, slides=scripts)


def checked(**fields: Any) -> DeckScript:
    """A DeckScript from its fields; InputError naming the first problem."""
    try:
        return DeckScript(**fields)
    except ValidationError as exc:
        raise InputError(first_error(exc)) from None


def parse_json(text: str) -> DeckScript:
    """A deck from JSON: {"outline": ..., "slides": [...]}, or the list of slides script.json
    holds (the outline then made from their titles)."""
    data = strict_json(text)
    if isinstance(data, dict):
        return checked(**data)
    if not isinstance(data, list) or not data or not all(isinstance(s, dict) for s in data):
        raise InputError("JSON script: expected a list of slides or an object with 'slides'")
    fields = set(SlideScript.model_fields)
    slides = [{k: v for k, v in s.items() if k in fields} for s in data]
    titles = [str(s.get("title", "")) for s in slides]
    return checked(outline={"title": titles[0], "slide_titles": titles}, slides=slides)


def read_script(path: Path, max_bytes: int = MAX_SCRIPT_BYTES) -> DeckScript:
    """The deck script in a file (.md, or .json), read with bounds; InputError naming the file
    and the problem."""
    data = read_bounded(path, max_bytes, "script")
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark, as Windows editors save, is no text
    except UnicodeDecodeError:
        raise InputError(f"script {path}: not UTF-8 text") from None
    if not text.strip():
        raise InputError(f"script {path}: empty")
    try:
        if path.suffix.lower() == ".json" or text.lstrip()[:1] in "[{":
            return parse_json(text)
        return parse_markdown(text)
    except InputError as exc:
        raise InputError(f"script {path}: {exc}") from None
