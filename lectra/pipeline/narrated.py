"""A deck someone brought, narrated: what each shown slide says, from its notes, or written
from what it shows (lectra.pipeline.narrated_media draws and writes the deck)."""

from functools import lru_cache
from pathlib import Path

from lectra.config.narrate import kept_deck
from lectra.config.run import RunConfig
from lectra.models import Outline, SlideScript
from lectra.providers.writers import make_writer
from lectra.runtime.errors import InputError
from lectra.slides.userdeck import DeckSlide, UserDeck
from lectra.text.languages import get_language

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
    empty = [str(s.number) for s in deck.shown if not s.notes and not s.title and not s.text]
    if empty:
        notes.append(f"deck: slides {', '.join(empty)} show no text and have no notes: silent")
    quiet = [str(s.number) for s in deck.shown if not s.notes and str(s.number) not in empty]
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
    if cfg.writer.name == "offline" or not shown:  # nothing to say: shown silently
        return SlideScript(index=index, kind=kind, title=title, notes=shown), "offline"
    written = make_writer(cfg.writer).script(
        cfg.request.topic, outline, max(index, 1), cfg.lang, passages=shown
    )
    script = SlideScript(index=index, kind=kind, title=title, notes=written.notes)
    return script, cfg.writer.name
