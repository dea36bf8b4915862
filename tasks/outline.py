"""The outline task."""

from lectra.config.run import RunConfig
from lectra.models import OutlineResult
from lectra.pipeline.outline import write_outline
from tasks.common import kept, lectra_task
from tasks.script import writer_slot


@lectra_task("outline", network=True)
def outline(cfg: RunConfig) -> OutlineResult:
    """Write the deck's outline, within a writer slot; a failure here is fatal, there is no
    deck without it."""
    with writer_slot(cfg):
        made = write_outline(cfg)
    return kept(cfg, made)
