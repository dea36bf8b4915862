"""The outline task."""

from lectra import steps
from lectra.config import RunConfig
from lectra.models import OutlineResult
from tasks.common import kept, lectra_task
from tasks.slots import TaskSlots
from tasks.timing import SPANS

TAG = "writer"


@lectra_task("outline", "outline", network=True)
def outline(cfg: RunConfig) -> OutlineResult:
    """Write the deck's outline, within a 'writer' slot for a model server; a failure here
    is fatal, there is no deck without it."""
    if not cfg.writer.remote:
        return kept(cfg, steps.write_outline(cfg))
    slots = TaskSlots(TAG, cfg.writer.parallel, cfg.server_limits.get(TAG))
    try:
        with slots():
            return kept(cfg, steps.write_outline(cfg))
    finally:
        SPANS.note_slots(slots)
