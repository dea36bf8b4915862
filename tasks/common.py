"""The project task decorator: shared defaults, per-slide names and timing of every result."""

import functools
import time
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from prefect import Task, task
from prefect.context import TaskRunContext
from prefect.settings import get_current_settings
from prefect.tasks import exponential_backoff

from lectra.errors import LectraError, retryable
from lectra.limits import LIMITER
from lectra.models import StepResult

P = ParamSpec("P")
R = TypeVar("R")
NETWORK_RETRIES = 2


def _transient(task: Task[..., Any], task_run: Any, state: Any) -> bool:
    """Retry only failures that can pass: timeouts, lost connections, 429 and 5xx."""
    try:
        state.result()
    except Exception as exc:
        return retryable(exc)
    return False


def shared_server() -> bool:
    """True when runs report to a configured Prefect server rather than a temporary one."""
    return bool(get_current_settings().api.url)


def tagged(task: Task[P, R], *tags: str) -> Task[P, R]:
    """The task carrying its concurrency tags when a shared server is configured.

    On the temporary server every tagged task run takes the server's tag-limit path, which on
    its SQLite database stalls runs by ~2 s even with no limit defined; there the in-process
    limiter alone holds the caps.
    """
    return task.with_options(tags=list(tags)) if shared_server() else task


def final_attempt() -> bool:
    """True on the last try a task gets, when a failure should degrade instead of retrying."""
    ctx = TaskRunContext.get()
    if ctx is None:
        return True
    return ctx.task_run.run_count > (ctx.task.retries or 0)


S = TypeVar("S", bound=StepResult)


def degradable(work: Callable[[], S], degrade: Callable[[str], S]) -> S:
    """Run work; a failure no retry will fix (or on the last attempt) degrades instead."""
    try:
        return work()
    except LectraError as exc:
        if final_attempt() or not retryable(exc):
            return degrade(str(exc))
        raise


def capped(tag: str, size: int, work: Callable[[], S], degrade: Callable[[str], S]) -> S:
    """Run work holding one of size slots of tag, degrading like degradable on failure."""

    def held() -> S:
        with LIMITER.slot(tag, size) as waited:
            result = work()
        return result.model_copy(update={"waited_s": waited})

    return degradable(held, degrade)


def _stamp(result: Any, stage: str, started: float, seconds: float) -> Any:
    ctx = TaskRunContext.get()
    name = ctx.task_run.name if ctx else stage
    if isinstance(result, StepResult):
        # slot waits are not work: the span starts when the slot was granted
        worked = max(0.0, seconds - result.waited_s)
        began = started + result.waited_s
        return result.model_copy(
            update={"task": name, "stage": stage, "started_at": began, "seconds": worked}
        )
    if isinstance(result, list):
        return [_stamp(item, stage, started, seconds) for item in result]
    return result


def lectra_task(
    stage: str, run_name: str, *, network: bool = False
) -> Callable[[Callable[P, R]], Task[P, R]]:
    """Declare a task of a stage: kebab-case run name, and retries if it uses the network."""

    def decorate(fn: Callable[P, R]) -> Task[P, R]:
        @functools.wraps(fn)
        def timed(*args: P.args, **kwargs: P.kwargs) -> R:
            started, t0 = time.time(), time.perf_counter()
            result = fn(*args, **kwargs)
            return _stamp(result, stage, started, time.perf_counter() - t0)

        declared = task(name=stage, task_run_name=run_name, persist_result=False)(timed)
        if not network:
            return declared
        return declared.with_options(
            retries=NETWORK_RETRIES,
            retry_delay_seconds=exponential_backoff(backoff_factor=1),
            retry_jitter_factor=0.5,
            retry_condition_fn=_transient,
        )

    return decorate
