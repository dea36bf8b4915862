"""The per-slide script task."""

from lectra import steps
from lectra.config import RunConfig
from lectra.models import Outline, SlidePlan
from tasks.common import degradable, kept, lectra_task


@lectra_task("script", "script-{index}", network=True)
def script(cfg: RunConfig, outline: Outline, index: int) -> SlidePlan:
    """Write slide index's script and split it into pages; failing that, a minimal slide."""
    made = degradable(
        lambda: steps.write_script(cfg, outline, index),
        lambda reason: steps.minimal_script(cfg, outline, index, reason),
    )
    return kept(cfg, made)
