"""The deck someone brought, narrated: their slides as they are, each shown slide's narration
embedded to play as it shows, auto-advance after it, empty notes filled with what is said."""

from io import BytesIO
from pathlib import Path

from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement

from lectra.runtime.files import atomic_path
from lectra.slides.pptx_audio import embed_narration


def _advance(sld: object, seconds: float) -> None:
    """Advance after seconds: every transition of the slide keeps its effect and gets the
    time; a slide with none gets a plain one."""
    element: object = sld
    ms = str(round(seconds * 1000))
    found = list(element.iter(qn("p:transition")))  # type: ignore[attr-defined]
    for transition in found:
        transition.set("advTm", ms)
    if found:
        return
    transition = OxmlElement("p:transition")
    transition.set("advTm", ms)
    anchor = element.find(qn("p:clrMapOvr"))  # type: ignore[attr-defined]
    cSld = element.find(qn("p:cSld"))  # type: ignore[attr-defined]
    (anchor if anchor is not None else cSld).addnext(transition)


def narrated_pptx(
    package: bytes,
    spoken: dict[int, tuple[Path | None, float]],
    notes: dict[int, str],
    path: Path,
    embed: bool = True,
    edited: dict[int, str] | None = None,
) -> Path:
    """The deck in package with, for each slide number in spoken, its narration mp3 (None:
    none to embed) and its seconds on screen; notes[number] written where its notes were empty,
    edited[number] in place of its notes (a script edited since)."""
    prs = Presentation(BytesIO(package))
    width = int(prs.slide_width or 0)
    for number, slide in enumerate(prs.slides, start=1):
        if number not in spoken:
            continue
        audio, seconds = spoken[number]
        if embed and audio is not None:
            embed_narration(slide, audio, seconds, width)
        _advance(slide._element, seconds)
        said = notes.get(number, "")
        frame = slide.notes_slide.notes_text_frame
        if frame is not None and number in (edited or {}):
            frame.text = (edited or {})[number]
        elif said and frame is not None and not frame.text.strip():
            frame.text = said
    with atomic_path(path) as tmp:
        prs.save(str(tmp))
    return path
