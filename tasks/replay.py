"""The whole-run record: a rerun with exactly the same inputs replays it and skips every step."""

from pydantic import BaseModel, Field

from lectra.config.run import RunConfig
from lectra.models import StepResult
from lectra.pipeline.report import Step
from lectra.pipeline.stages import RUN
from tasks.cache import RunInputs, skip_cache
from tasks.common import lectra_task


class RunRecord(BaseModel):
    """Every step of one complete, undegraded run, without its timings."""

    steps: list[Step] = Field(default_factory=list)

    @property
    def results(self) -> list[StepResult]:
        """Every step's results (the cache checks their files are still recoverable)."""
        return [r for step in self.steps for r in step.results]


@lectra_task(RUN, "replay-run", cache=RunInputs())
def replay_run(cfg: RunConfig) -> RunRecord:
    """The last complete run's record when the cache has one (this body does not run then);
    otherwise an empty record, not cached."""
    skip_cache()
    return RunRecord()


@lectra_task(RUN, "record-run", cache=RunInputs())
def record_run(cfg: RunConfig, steps: list[Step]) -> RunRecord:
    """Keep the run's steps under the run's key, for replay_run to find next time."""
    return RunRecord(steps=[s.model_copy(update={"span": None, "cached": False}) for s in steps])
