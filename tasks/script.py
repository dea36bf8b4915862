"""The per-slide script task, a model server's calls capped by the 'writer' tag."""

from lectra import steps
from lectra.config import RunConfig
from lectra.models import Outline, SlidePlan
from tasks.common import capped, degradable, kept, lectra_task

TAG = "writer"


@lectra_task("script", "script-{index}", network=True)
def script(cfg: RunConfig, outline: Outline, index: int) -> SlidePlan:
    """Write slide index's script and split it into pages; failing that, the offline
    writer's slide for its title. A model server is asked within a 'writer' slot, so that
    requests wait here, not in the server's queue where their deadlines run out."""

    def written() -> SlidePlan:
        return steps.write_script(cfg, outline, index)

    def offline(reason: str) -> SlidePlan:
        return steps.offline_script(cfg, outline, index, reason)

    if not cfg.writer.remote:
        return kept(cfg, degradable(written, offline))
    limit = cfg.server_limits.get(TAG)
    return kept(cfg, capped(TAG, cfg.writer.parallel, limit, written, offline))
