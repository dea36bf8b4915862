"""The narration-join task."""

from lectra.config.run import RunConfig
from lectra.models import NarrationTrack, SlideNarration
from lectra.pipeline import assemble
from tasks.common import in_place, kept, lectra_task


@lectra_task("audio")
def join_narration(cfg: RunConfig, narrations: list[SlideNarration]) -> NarrationTrack:
    """Join the chunks into narration.mp3 and write slide_timings.json."""
    narrations = in_place(cfg, narrations)
    return kept(cfg, assemble.join_narration(cfg, narrations))
