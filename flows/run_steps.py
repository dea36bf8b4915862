"""The flow run's task runs by name, and what became of each: the report's steps."""

import inspect
from pathlib import Path
from typing import Any, TypeVar

from prefect import Task
from prefect.context import FlowRunContext
from prefect.futures import PrefectConcurrentFuture, PrefectFuture

from lectra.cache.store import moved
from lectra.config.run import RunConfig
from lectra.pipeline.report import Step
from tasks.common import prepared, step_results
from tasks.timing import SPANS

R = TypeVar("R")


def run_name(declared: Task[..., Any], args: tuple[Any, ...]) -> str:
    """The name Prefect gives the task run: its run-name template filled from its arguments."""
    template = declared.task_run_name
    if not isinstance(template, str):
        return declared.name
    bound = inspect.signature(declared.fn).bind_partial(*args).arguments
    return template.format(**bound)


class RunSteps:
    """Submits the run's tasks as the run prepares them and remembers each run by name.

    Arguments may be futures: Prefect waits for them and passes their results, so a task's
    signature (its value types) is checked where it is defined, not here.
    """

    def __init__(self, cfg: RunConfig) -> None:
        self.cfg = cfg
        self._prepared: dict[str, Task[..., Any]] = {}
        self._runs: list[tuple[str, str, PrefectFuture[Any]]] = []

    def submit(
        self,
        declared: Task[..., R],
        *args: Any,
        wait_for: list[Any] | None = None,
        refresh: bool = False,
    ) -> PrefectFuture[R]:
        """Submit one run of a task; refresh: run it whatever the cache holds, and keep what
        it makes in the cache's place."""
        name = f"{declared.name}:{declared.task_run_name}:{refresh}"
        if name not in self._prepared:
            ready = prepared(declared, self.cfg)
            self._prepared[name] = ready.with_options(refresh_cache=True) if refresh else ready
        future: PrefectFuture[R] = self._prepared[name].submit(*args, wait_for=wait_for)
        self._runs.append((run_name(declared, args), declared.name, future))
        return future

    def steps(self) -> list[Step]:
        """Every run's results, moved to this run's folder, with its span if it ran; each
        waits for its run to end. A run the cache answered ends in Prefect's Cached state."""
        ctx = FlowRunContext.get()
        results = [(name, stage, f, f.result()) for name, stage, f in self._runs]
        spans = SPANS.take(ctx.flow_run.id if ctx and ctx.flow_run else None)
        return [
            Step(
                task=name,
                stage=stage,
                results=[moved(r, self.cfg.out_dir) for r in step_results(value)],
                cached=_cached(future),
                span=spans.get(future.task_run_id),
            )
            for name, stage, future, value in results
        ]


def replayed_steps(steps: list[Step], folder: Path) -> list[Step]:
    """A recorded run's steps as this run's: cached, with their results moved to folder."""
    return [
        s.model_copy(update={"cached": True, "results": moved(s.results, folder)}) for s in steps
    ]


def _cached(future: PrefectFuture[Any]) -> bool:
    return isinstance(future, PrefectConcurrentFuture) and future.state.name == "Cached"
