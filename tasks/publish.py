"""The publish task: every output file in place, whatever the cache replayed."""

from typing import Any

from lectra.config import RunConfig
from lectra.models import StepResult
from tasks.common import lectra_task


@lectra_task("publish", "publish", cached=False)
def publish(cfg: RunConfig, results: list[Any]) -> StepResult:
    """Bring back any output a cached result points at (the wrapper restores its inputs)."""
    return StepResult(provider="store")
