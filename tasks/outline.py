"""The outline task."""

from lectra import steps
from lectra.config import RunConfig
from lectra.models import OutlineResult
from tasks.common import kept, lectra_task


@lectra_task("outline", "outline", network=True)
def outline(cfg: RunConfig) -> OutlineResult:
    """Write the deck's outline; a failure here is fatal, there is no deck without it."""
    return kept(cfg, steps.write_outline(cfg))
