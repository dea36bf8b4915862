"""The per-slide image task, capped by the 'images' tag."""

from lectra import steps
from lectra.config import RunConfig
from lectra.errors import LectraError
from lectra.limits import LIMITER
from lectra.models import SlideImage, SlidePlan
from tasks.common import final_attempt, lectra_task

TAG = "images"


@lectra_task("image", "image-{index}", network=True)
def image(cfg: RunConfig, plan: SlidePlan, index: int) -> SlideImage:
    """Fetch or make slide index's image; after the last retry the slide goes without one."""
    try:
        with LIMITER.slot(TAG, cfg.max_concurrent_images) as waited:
            result = steps.make_image(cfg, plan)
        return result.model_copy(update={"waited_s": waited})
    except LectraError as exc:
        if final_attempt():
            return steps.no_image(plan, str(exc))
        raise
