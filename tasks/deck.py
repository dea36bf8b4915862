"""Deck-level tasks: the PPTX and the JSON records."""

from lectra.config.run import RunConfig
from lectra.models import Outline, OutputFile, SlideFrames, SlideImage, SlideNarration, SlidePlan
from lectra.pipeline.deck import build_presentation
from lectra.pipeline.records import write_records
from tasks.common import in_place, kept, lectra_task


@lectra_task("deck")
def deck(cfg: RunConfig, frames: list[SlideFrames], narrations: list[SlideNarration]) -> OutputFile:
    """Write presentation.pptx with notes and auto-advance timings."""
    frames, narrations = in_place(cfg, frames), in_place(cfg, narrations)
    return kept(cfg, build_presentation(cfg, frames, narrations))


@lectra_task("records")
def records(
    cfg: RunConfig, outline: Outline, plans: list[SlidePlan], images: list[SlideImage]
) -> list[OutputFile]:
    """Write script.json, script.md and images_metadata.json."""
    plans, images = in_place(cfg, plans), in_place(cfg, images)
    return kept(cfg, write_records(cfg, outline, plans, images))
