"""The per-slide image task, capped by the 'images' tag."""

from lectra.config.run import RunConfig
from lectra.models import SlideImage, SlidePlan
from lectra.pipeline.image import fallback_image, make_image
from tasks.cache import StepInputs
from tasks.common import capped, in_place, kept, lectra_task

TAG = "images"


def _pictured(plan: SlidePlan) -> dict[str, object]:
    """What of a slide its picture depends on: not its bullets or notes."""
    return plan.script.model_dump(include={"index", "kind", "title", "image_query"})


# a slide whose notes were edited keeps its picture
@lectra_task("image", network=True, cache=StepInputs(reads={"plan": _pictured}))
def image(cfg: RunConfig, plan: SlidePlan, index: int) -> SlideImage:
    """Fetch or make slide index's image; failing that, a generated one or none."""
    plan = in_place(cfg, plan)
    made = capped(
        TAG,
        cfg.max_concurrent_images,
        cfg.server_limits.get(TAG),
        lambda: make_image(cfg, plan),
        lambda reason: fallback_image(cfg, plan, reason),
        cfg.run_id,
    )
    return kept(cfg, made)
