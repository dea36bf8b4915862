"""The pipeline's stage functions by name, for tests that run a slide through its stages in
order without Prefect (each is the real stage function; write_script also lays out pages)."""

from lectra.config.run import RunConfig
from lectra.models import Outline, SlidePlan, SlideScript
from lectra.pipeline.frames import render_frames
from lectra.pipeline.image import make_image
from lectra.pipeline.narration import narrate
from lectra.pipeline.outline import write_outline
from lectra.pipeline.pages import lay_out
from lectra.pipeline.script import tidied
from lectra.pipeline.script import write_script as written

__all__ = [
    "make_image",
    "narrate",
    "planned",
    "render_frames",
    "with_closing",
    "write_outline",
    "write_script",
]


def write_script(cfg: RunConfig, outline: Outline, index: int) -> SlidePlan:
    """The slide's script from the writer, split into pages, as the flow's tasks make it
    (with the script's warnings, which the pages stage does not repeat)."""
    plan = written(cfg, outline, index)
    return lay_out(cfg, outline, plan).model_copy(update={"warnings": plan.warnings})


def with_closing(
    cfg: RunConfig, outline: Outline, plan: SlidePlan, cited: list[SlidePlan]
) -> SlidePlan:
    """The last slide laid out again with the closing page, as the flow's last pages task."""
    return lay_out(cfg, outline, plan, cited).model_copy(update={"warnings": plan.warnings})


def planned(
    cfg: RunConfig, outline: Outline, script: SlideScript, index: int, provider: str
) -> SlidePlan:
    """A given script tidied and split into pages, as if a writer had written it."""
    plan = tidied(script, index, provider, cfg.lang)
    return lay_out(cfg, outline, plan).model_copy(update={"warnings": plan.warnings})
