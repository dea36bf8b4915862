"""The per-slide script task, a model server's calls capped by the 'writer' tag."""

from contextlib import AbstractContextManager, nullcontext

from lectra.config.run import RunConfig
from lectra.models import Outline, SlidePlan, SlideScript
from lectra.pipeline.outline import GIVEN
from lectra.pipeline.script import offline_script, tidied, write_script
from tasks.common import degradable, holding, kept, lectra_task

TAG = "writer"


def writer_slot(cfg: RunConfig) -> AbstractContextManager[None]:
    """A 'writer' slot around a model server's call, so that requests wait here, not in the
    server's queue where their deadlines run out; nothing for the offline writer."""
    if not cfg.writer.remote:
        return nullcontext()
    return holding(TAG, cfg.writer.parallel, cfg.server_limits.get(TAG), cfg.run_id)


@lectra_task("script", network=True)
def script(
    cfg: RunConfig, outline: Outline, index: int, given: SlideScript | None = None
) -> SlidePlan:
    """Write slide index's script (within a writer slot), or take the given one; failing
    that, the offline writer's slide for its title."""
    if given is not None:
        return kept(cfg, tidied(given, index, GIVEN, cfg.lang))

    def written() -> SlidePlan:
        with writer_slot(cfg):
            return write_script(cfg, outline, index)

    def offline(reason: str) -> SlidePlan:
        return offline_script(cfg, outline, index, reason)

    return kept(cfg, degradable(written, offline))
