"""The narration-join task."""

from lectra.config.run import RunConfig
from lectra.models import NarrationTrack, SlideNarration
from lectra.pipeline.track import join_narration as joined
from tasks.common import in_place, kept, lectra_task


@lectra_task("audio")
def join_narration(cfg: RunConfig, narrations: list[SlideNarration]) -> NarrationTrack:
    """Join the chunks into narration.mp3 and write slide_timings.json."""
    narrations = in_place(cfg, narrations)
    return kept(cfg, joined(cfg, narrations))
