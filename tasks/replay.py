"""The whole-run record: a rerun with exactly the same inputs replays it and skips every step."""

from pydantic import BaseModel, Field

from lectra.config import RunConfig
from lectra.models import StepResult
from tasks.common import RUN_KEY, lectra_task, skip_cache


class RunRecord(BaseModel):
    """Every step's result of one complete, undegraded run."""

    results: list[StepResult] = Field(default_factory=list)


@lectra_task("run", "{mode}-run", cache=RUN_KEY)
def whole_run(cfg: RunConfig, mode: str, results: list[StepResult] | None = None) -> RunRecord:
    """mode 'replay': the last complete run's results (a cache hit), or none; 'record': keep them.

    The key is the run's inputs only (RUN_KEY), so a replay finds what a record stored.
    """
    if mode == "replay" or results is None:
        skip_cache()  # a miss must not be stored as an empty record
        return RunRecord()
    return RunRecord(results=results)
