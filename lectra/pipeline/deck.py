"""presentation.pptx: every page's layout, notes, timing and narration."""

from pathlib import Path

from lectra.config.run import RunConfig
from lectra.models import OutputFile, PageLayout, SlideFrames, SlideNarration
from lectra.pipeline.narrated_media import narrated_presentation
from lectra.slides.render_pptx import build_deck


def build_presentation(
    cfg: RunConfig, frames: list[SlideFrames], narrations: list[SlideNarration]
) -> OutputFile:
    """Write presentation.pptx: every page's layout, notes and auto-advance time, and (unless
    embed_audio is off) its narration, playing by itself; a narrated deck is the user's own."""
    if cfg.narrate:
        return narrated_presentation(cfg, narrations)
    audio = {n.index: n.pages for n in narrations}
    pages: list[tuple[PageLayout, float, Path | None]] = []
    for f in sorted(frames, key=lambda f: f.index):
        for layout in f.layouts:
            chunk = audio[f.index][layout.part]
            sound = chunk.path if cfg.embed_audio and not chunk.silent else None
            pages.append((layout, chunk.duration_s, sound))
    return OutputFile(path=build_deck(pages, cfg.path("presentation.pptx"), cfg.design))
