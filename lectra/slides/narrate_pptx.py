"""The deck someone brought, narrated: their slides as they are, each shown slide's narration
embedded to play as it shows, auto-advance after it, empty notes filled with what is said."""

from io import BytesIO
from pathlib import Path

from pptx import Presentation

from lectra.runtime.files import atomic_path
from lectra.slides.pptx_audio import advance_after, embed_narration


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
        advance_after(slide._element, seconds)
        said = notes.get(number, "")
        frame = slide.notes_slide.notes_text_frame
        if frame is not None and number in (edited or {}):
            frame.text = (edited or {})[number]
        elif said and frame is not None and not frame.text.strip():
            frame.text = said
    with atomic_path(path) as tmp:
        prs.save(str(tmp))
    return path
