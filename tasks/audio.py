"""The narration-join task."""

from lectra import assemble
from lectra.config import RunConfig
from lectra.models import NarrationTrack, SlideNarration
from tasks.common import in_place, kept, lectra_task


@lectra_task("audio", "join-narration")
def join_narration(cfg: RunConfig, narrations: list[SlideNarration]) -> NarrationTrack:
    """Join the chunks into narration.mp3 and write slide_timings.json."""
    narrations = in_place(cfg, narrations)
    return kept(cfg, assemble.join_narration(cfg, narrations))
