"""The outline task."""

from lectra import steps
from lectra.config import RunConfig
from lectra.models import OutlineResult
from tasks.common import kept, lectra_task
from tasks.script import writer_slot


@lectra_task("outline", "outline", network=True)
def outline(cfg: RunConfig) -> OutlineResult:
    """Write the deck's outline, within a writer slot; a failure here is fatal, there is no
    deck without it."""
    with writer_slot(cfg):
        made = steps.write_outline(cfg)
    return kept(cfg, made)
