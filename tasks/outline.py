"""The outline task."""

from lectra.config.run import RunConfig
from lectra.models import Outline, OutlineResult
from lectra.pipeline.outline import given_outline, write_outline
from tasks.common import kept, lectra_task
from tasks.script import writer_slot


@lectra_task("outline", network=True)
def outline(cfg: RunConfig, given: Outline | None = None) -> OutlineResult:
    """Write the deck's outline, within a writer slot (or take a given script's); a failure
    here is fatal, there is no deck without it."""
    if given is not None:
        return kept(cfg, given_outline(cfg, given))
    with writer_slot(cfg):
        made = write_outline(cfg)
    return kept(cfg, made)
