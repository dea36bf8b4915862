"""Deck-level tasks: the PPTX and the JSON records."""

from lectra import assemble
from lectra.config import RunConfig
from lectra.models import OutputFile, SlideFrames, SlideImage, SlideNarration, SlidePlan
from tasks.common import lectra_task


@lectra_task("deck", "deck")
def deck(cfg: RunConfig, frames: list[SlideFrames], narrations: list[SlideNarration]) -> OutputFile:
    """Write presentation.pptx with notes and auto-advance timings."""
    return assemble.build_presentation(cfg, frames, narrations)


@lectra_task("records", "records")
def records(cfg: RunConfig, plans: list[SlidePlan], images: list[SlideImage]) -> list[OutputFile]:
    """Write script.json and images_metadata.json."""
    return assemble.write_records(cfg, plans, images)
