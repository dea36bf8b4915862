"""A slide's script: the writer asked for its bullets and notes, then tidied."""

from lectra.config.run import RunConfig
from lectra.models import Outline, SlidePlan, SlideScript
from lectra.providers.writers import make_writer
from lectra.providers.writers.offline import OfflineWriter
from lectra.providers.writers.tidy import tidy_script


def tidied(script: SlideScript, index: int, provider: str, lang: str) -> SlidePlan:
    """A written script tidied for the screen and the voice, not yet split into pages."""
    script, warnings = tidy_script(script.model_copy(update={"index": index}), lang)
    return SlidePlan(script=script, pages=[], provider=provider, warnings=warnings)


def write_script(cfg: RunConfig, outline: Outline, index: int) -> SlidePlan:
    """Ask the writer for one slide's script, tidied (pages.lay_out splits it into pages)."""
    script = make_writer(cfg.writer).script(cfg.request.topic, outline, index, cfg.lang)
    return tidied(script, index, cfg.writer.name, cfg.lang)


def offline_script(cfg: RunConfig, outline: Outline, index: int, reason: str) -> SlidePlan:
    """The offline writer's slide for the slide's title, for a writer that kept failing on it
    (it was the title alone, spoken in two seconds)."""
    script = OfflineWriter().script(cfg.request.topic, outline, index, cfg.lang)
    plan = tidied(script, index, "offline", cfg.lang)
    warning = f"slide {index}: the offline writer's slide for its title ({reason})"
    return plan.model_copy(update={"warnings": [*plan.warnings, warning]})
