"""The per-slide frame task."""

from lectra import steps
from lectra.config import RunConfig
from lectra.models import Outline, SlideFrames, SlideImage, SlidePlan
from tasks.common import in_place, kept, lectra_task


@lectra_task("frame", "frame-{index}")
def frame(
    cfg: RunConfig, outline: Outline, plan: SlidePlan, image: SlideImage, index: int
) -> SlideFrames:
    """Lay out slide index's pages and render their 1920x1080 frames."""
    plan, image = in_place(cfg, plan), in_place(cfg, image)
    return kept(cfg, steps.render_frames(cfg, outline, plan, image))
