"""The per-slide frame task."""

from lectra import steps
from lectra.config import RunConfig
from lectra.models import Outline, SlideFrames, SlideImage, SlidePlan
from tasks.common import lectra_task


@lectra_task("frame", "frame-{index}")
def frame(
    cfg: RunConfig, outline: Outline, plan: SlidePlan, image: SlideImage, index: int
) -> SlideFrames:
    """Lay out slide index's pages and render their 1920x1080 frames."""
    return steps.render_frames(cfg, outline, plan, image)
