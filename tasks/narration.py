"""The per-slide narration task, capped by the 'tts' tag."""

from lectra.config.run import RunConfig
from lectra.models import SlideNarration, SlidePlan
from lectra.pipeline import narration as spoken_by
from tasks.common import degradable, in_place, kept, lectra_task, noted_slots

TAG = "tts"


@lectra_task("narration", network=True)
def narrate(cfg: RunConfig, plan: SlidePlan, index: int) -> SlideNarration:
    """Speak slide index's notes; failing that, with an offline voice, or silence as long.

    A speech service's calls each hold a 'tts' slot (a slide's sentences may go at once);
    an offline voice holds one for the whole slide.
    """
    plan = in_place(cfg, plan)
    cap, limit = cfg.max_concurrent_tts, cfg.server_limits.get(TAG)
    with noted_slots(TAG, cap, limit, cfg.run_id) as slots:

        def spoken() -> SlideNarration:
            if cfg.voice.remote:
                return spoken_by.narrate(cfg, plan, slot=slots)
            with slots():
                return spoken_by.narrate(cfg, plan)

        made = degradable(spoken, lambda reason: spoken_by.fallback_narration(cfg, plan, reason))
    return kept(cfg, made)
