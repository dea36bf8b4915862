"""A slide's pages: its script split into what fits on screen, with the notes each speaks."""

from lectra.config.run import RunConfig
from lectra.models import Outline, SlidePlan
from lectra.slides.pagination import paginate


def lay_out(cfg: RunConfig, outline: Outline, plan: SlidePlan) -> SlidePlan:
    """The slide's script split into pages that fit, each with the notes it speaks."""
    pages = paginate(
        plan.script,
        cfg.lang,
        with_image=bool(plan.script.image_query),
        design=cfg.design,
        mode=cfg.pagination,
    )
    return plan.model_copy(update={"pages": pages, "warnings": []})  # the script task said them
