"""A narrated deck's pictures and file: its pages as LibreOffice draws them for the frames,
and the user's deck with each shown slide's narration and timing."""

import shutil
import threading
from pathlib import Path

from lectra.config.narrate import deck_folder
from lectra.config.run import RunConfig
from lectra.models import (
    Box,
    OutputFile,
    PageLayout,
    SlideFrames,
    SlideNarration,
    SlidePlan,
    TextBlock,
)
from lectra.pipeline.narrated import deck_of
from lectra.runtime.errors import MediaError
from lectra.slides.narrate_pptx import narrated_pptx
from lectra.slides.office import office_pages
from lectra.text.languages import get_language
from lectra.text.spans import Span

_drawing = threading.Lock()  # a run's frame tasks: the first draws the pages, the rest wait


def page_frames(cfg: RunConfig) -> list[Path]:
    """The deck's pages as LibreOffice draws them, once per deck, kept beside its safe copy."""
    with _drawing:
        return _pages(cfg)


def _pages(cfg: RunConfig) -> list[Path]:
    assert cfg.narrate is not None
    folder = deck_folder(cfg.cache_dir, cfg.narrate.sha256)
    pages = folder / f"pages-{cfg.design.width}x{cfg.design.height}"
    found = sorted(pages.glob("page-*.png"))
    if len(found) == len(deck_of(cfg).shown):
        return found
    work = folder / f".pages-{cfg.run_id}"
    drawn = office_pages(folder / "deck.pptx", work, (cfg.design.width, cfg.design.height))
    if len(drawn) != len(deck_of(cfg).shown):
        shutil.rmtree(work, ignore_errors=True)
        raise MediaError(
            f"LibreOffice drew {len(drawn)} pages for {len(deck_of(cfg).shown)} slides"
        )
    for extra in (work / "profile", *work.glob("*.pdf")):
        shutil.rmtree(extra, ignore_errors=True) if extra.is_dir() else extra.unlink()
    try:
        work.rename(pages)
    except OSError:  # another run drew them first
        shutil.rmtree(work, ignore_errors=True)
    return sorted(pages.glob("page-*.png"))


def narrated_frames(cfg: RunConfig, plan: SlidePlan) -> SlideFrames:
    """Slide index's frame: its own page, as the deck shows it."""
    page = page_frames(cfg)[plan.index]
    path = cfg.path("frames", f"slide_{plan.index:03d}.png")
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(page, path)
    title = plan.script.title
    named = TextBlock(
        role="title",
        box=Box(x=0, y=0, w=cfg.design.width, h=1),
        font="latin",
        size_pt=1,
        color="#000000",
        runs=[[Span(text=title)]],
        paragraphs=[[title]],
        line_px=1,
        gap_px=0,
    )
    layout = PageLayout(  # what the chapters and the report read: the slide's title
        slide=plan.index,
        part=0,
        lang=cfg.lang,
        width=cfg.design.width,
        height=cfg.design.height,
        background="#000000",
        rects=[],
        texts=[named],
        notes=plan.script.notes,
    )
    return SlideFrames(index=plan.index, layouts=[layout], paths=[path])


def narrated_presentation(cfg: RunConfig, narrations: list[SlideNarration]) -> OutputFile:
    """The user's deck with each shown slide's narration and auto-advance time, and the notes
    of slides that had none filled with what they say."""
    deck = deck_of(cfg)
    spoken: dict[int, tuple[Path | None, float]] = {}
    notes: dict[int, str] = {}
    edited: dict[int, str] = {}
    sep = " " if get_language(cfg.lang).spaced else ""
    for narration in narrations:
        number = deck.shown[narration.index].number
        chunk = narration.pages[0]
        audio = chunk.path if cfg.embed_audio and not chunk.silent else None
        spoken[number] = (audio, sum(p.duration_s for p in narration.pages))
        notes[number] = sep.join(s.text for p in narration.pages for s in p.sentences)
        given = cfg.given_slide(narration.index)  # a script edited since: its words, now said
        if given is not None and given.notes.strip() != deck.shown[narration.index].notes:
            edited[number] = given.notes.strip()
    assert cfg.narrate is not None
    package = (deck_folder(cfg.cache_dir, cfg.narrate.sha256) / "deck.pptx").read_bytes()
    path = narrated_pptx(
        package, spoken, notes, cfg.path("presentation.pptx"), cfg.embed_audio, edited
    )
    return OutputFile(path=path)
