"""The per-slide narration task, capped by the 'tts' tag."""

from lectra import steps
from lectra.config import RunConfig
from lectra.models import SlideNarration, SlidePlan
from tasks.common import capped, lectra_task

TAG = "tts"


@lectra_task("narration", "narrate-{index}", network=True)
def narrate(cfg: RunConfig, plan: SlidePlan, index: int) -> SlideNarration:
    """Speak slide index's notes; failing that, with espeak-ng, or silence of the same length."""
    return capped(
        TAG,
        cfg.max_concurrent_tts,
        cfg.server_limits.get(TAG),
        lambda: steps.narrate(cfg, plan),
        lambda reason: steps.fallback_narration(cfg, plan, reason),
    )
