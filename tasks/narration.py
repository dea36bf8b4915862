"""The per-slide narration task, capped by the 'tts' tag."""

from lectra import steps
from lectra.config import RunConfig
from lectra.errors import LectraError
from lectra.limits import LIMITER
from lectra.models import SlideNarration, SlidePlan
from tasks.common import final_attempt, lectra_task

TAG = "tts"


@lectra_task("narration", "narrate-{index}", network=True)
def narrate(cfg: RunConfig, plan: SlidePlan, index: int) -> SlideNarration:
    """Speak slide index's notes; after the last retry the slide gets silence of the same length."""
    try:
        with LIMITER.slot(TAG, cfg.max_concurrent_tts) as waited:
            result = steps.narrate(cfg, plan)
        return result.model_copy(update={"waited_s": waited})
    except LectraError as exc:
        if final_attempt():
            return steps.silent_narration(cfg, plan, str(exc))
        raise
