"""A deck someone brought, narrated: its shown slides' notes spoken (or written from what the
slide shows), its own pages as the frames, the deck itself with the narration embedded."""

import shutil
from functools import lru_cache
from pathlib import Path

from lectra.config.narrate import deck_folder, kept_deck
from lectra.config.run import RunConfig
from lectra.models import (
    Box,
    Outline,
    OutputFile,
    PageLayout,
    SlideFrames,
    SlideNarration,
    SlidePlan,
    SlideScript,
    TextBlock,
)
from lectra.providers.writers import make_writer
from lectra.runtime.errors import InputError, MediaError
from lectra.slides.narrate_pptx import narrated_pptx
from lectra.slides.office import office_pages
from lectra.slides.userdeck import DeckSlide, UserDeck
from lectra.text.languages import get_language
from lectra.text.spans import Span

NARRATED = "deck"  # the provider of narration that is the deck's own speaker notes


@lru_cache(maxsize=8)
def _deck(cache_dir: Path, sha: str) -> UserDeck:
    found = kept_deck(cache_dir, sha)
    if found is None:
        raise InputError(f"deck {sha[:12]}: its safe copy is gone from the cache; run again")
    return found


def deck_of(cfg: RunConfig) -> UserDeck:
    """The deck the run narrates."""
    assert cfg.narrate is not None
    return _deck(cfg.cache_dir, cfg.narrate.sha256)


def shown_slide(cfg: RunConfig, index: int) -> DeckSlide:
    """The deck's index-th shown slide."""
    return deck_of(cfg).shown[index]


def narrated_outline(cfg: RunConfig) -> tuple[Outline, list[str]]:
    """The shown slides' titles, and the hidden slides said as skipped."""
    deck = deck_of(cfg)
    titles = [s.heading for s in deck.shown]
    hidden = [str(s.number) for s in deck.slides if s.hidden]
    notes = list(deck.warnings)
    if hidden:
        notes.append(f"deck: hidden slides {', '.join(hidden)} are not narrated (as not shown)")
    quiet = [str(s.number) for s in deck.shown if not s.notes]
    if quiet and cfg.writer.name == "offline":
        notes.append(
            f"deck: slides {', '.join(quiet)} have no speaker notes: each says its own text "
            "(a model would write their narration)"
        )
    return Outline(title=cfg.request.topic, slide_titles=titles), notes


def read_aloud(slide: DeckSlide, lang: str) -> str:
    """A slide's own text as something to say: its title and each line as a sentence."""
    end = {"zh": "。", "ja": "。", "hi": "।"}.get(lang, ".")
    lines = [slide.title, *slide.text] if slide.title else list(slide.text)
    said = [ln.strip().rstrip(".:;,") + end for ln in lines if ln.strip()]
    return (" " if get_language(lang).spaced else "").join(said)


def narrated_script(cfg: RunConfig, outline: Outline, index: int) -> tuple[SlideScript, str]:
    """Slide index's narration, and who wrote it: its speaker notes; else a model writes it
    from what the slide shows; offline, the slide's own text read aloud."""
    slide = shown_slide(cfg, index)
    title = outline.slide_titles[index] if index < len(outline.slide_titles) else slide.heading
    kind = "title" if index == 0 else "content"  # as script.md reads its first slide back
    if slide.notes:
        return SlideScript(index=index, kind=kind, title=title, notes=slide.notes), NARRATED
    shown = read_aloud(slide, cfg.lang)
    if cfg.writer.name == "offline" or not shown:
        return SlideScript(index=index, kind=kind, title=title, notes=shown or title), "offline"
    written = make_writer(cfg.writer).script(
        cfg.request.topic, outline, max(index, 1), cfg.lang, passages=shown
    )
    script = SlideScript(index=index, kind=kind, title=title, notes=written.notes)
    return script, cfg.writer.name


def page_frames(cfg: RunConfig) -> list[Path]:
    """The deck's pages as LibreOffice draws them, once per deck, kept beside its safe copy."""
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
    sep = " " if get_language(cfg.lang).spaced else ""
    for narration in narrations:
        number = deck.shown[narration.index].number
        chunk = narration.pages[0]
        audio = chunk.path if cfg.embed_audio and not chunk.silent else None
        spoken[number] = (audio, sum(p.duration_s for p in narration.pages))
        notes[number] = sep.join(s.text for p in narration.pages for s in p.sentences)
    assert cfg.narrate is not None
    package = (deck_folder(cfg.cache_dir, cfg.narrate.sha256) / "deck.pptx").read_bytes()
    path = narrated_pptx(package, spoken, notes, cfg.path("presentation.pptx"), cfg.embed_audio)
    return OutputFile(path=path)
