"""The per-slide pages task: a written script split into pages that fit."""

from lectra.config.run import RunConfig
from lectra.models import Outline, SlidePlan
from lectra.pipeline.pages import lay_out
from tasks.common import kept, lectra_task


@lectra_task("pages")
def pages(
    cfg: RunConfig,
    outline: Outline,
    plan: SlidePlan,
    index: int,
    cited: list[SlidePlan] | None = None,
) -> SlidePlan:
    """Split slide index's script into pages (local work, redone when the layout changes);
    the last slide, given every slide's script, also gets the closing page."""
    return kept(cfg, lay_out(cfg, outline, plan, cited))
