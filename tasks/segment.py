"""The per-slide video segment task."""

from lectra.config.run import RunConfig
from lectra.models import SlideFrames, SlideNarration, SlideSegments
from lectra.pipeline.segments import encode_segments
from tasks.common import in_place, kept, lectra_task


@lectra_task("segment")
def segment(
    cfg: RunConfig, frames: SlideFrames, narration: SlideNarration, index: int
) -> SlideSegments:
    """Encode slide index's pages as segments as soon as its frames and narration exist."""
    frames, narration = in_place(cfg, frames), in_place(cfg, narration)
    return kept(cfg, encode_segments(cfg, frames, narration))
