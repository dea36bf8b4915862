"""The per-slide frame task."""

from lectra.config.run import RunConfig
from lectra.models import Outline, SlideFrames, SlideImage, SlidePlan
from lectra.pipeline.frames import render_frames
from tasks.common import in_place, kept, lectra_task


@lectra_task("frame")
def frame(
    cfg: RunConfig, outline: Outline, plan: SlidePlan, image: SlideImage, index: int
) -> SlideFrames:
    """Lay out slide index's pages and render their 1920x1080 frames."""
    plan, image = in_place(cfg, plan), in_place(cfg, image)
    return kept(cfg, render_frames(cfg, outline, plan, image))
