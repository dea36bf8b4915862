"""The project task decorator and what a task body calls by name: its inputs put in place,
its outputs kept, a failing slide degraded, a service call held to its slot."""

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar, cast

from prefect import Task, task
from prefect.cache_policies import CachePolicy
from prefect.context import TaskRunContext
from prefect.states import Completed

from lectra.cache.store import MediaStore, moved
from lectra.config.run import RunConfig
from lectra.models import StepResult
from lectra.pipeline.stages import RUN, STAGES
from lectra.runtime.errors import LectraError, retryable
from lectra.runtime.secrets import masked
from tasks.cache import RESULTS, StepInputs, skip_cache
from tasks.records import SERIALIZER, record_storage, step_results
from tasks.runlog import run_log
from tasks.slots import TaskSlots
from tasks.timing import SPANS

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")
S = TypeVar("S", bound=StepResult)
DEGRADED = "Degraded"  # the state name of a task run whose result has warnings


def _transient(task: Task[..., Any], task_run: Any, state: Any) -> bool:
    """Retry only failures that can pass: timeouts, lost connections, 429 and 5xx."""
    try:
        state.result()
    except Exception as exc:
        return retryable(exc)
    return False


def lectra_task(
    stage: str,
    run_name: str | None = None,
    *,
    network: bool = False,
    cache: CachePolicy | None = None,
) -> Callable[[Callable[P, R]], Task[P, R]]:
    """Declare a task of a registered stage (lectra.pipeline.stages): its run name from the
    registry unless given, its cache policy (the step's inputs by default), whether it calls
    the network (prepared() gives it the run's retries); the span of each run goes to
    tasks.timing, never into the result."""
    if stage != RUN and stage not in STAGES:
        raise ValueError(f"stage {stage!r} is not in lectra.pipeline.stages.STAGES")
    run_name = run_name or STAGES[stage].run_name

    def decorate(fn: Callable[P, R]) -> Task[P, R]:
        @functools.wraps(fn)
        def timed(*args: P.args, **kwargs: P.kwargs) -> R:
            with SPANS.timing():
                return marked(fn(*args, **kwargs))

        return task(
            name=stage,
            task_run_name=run_name,
            cache_policy=cache or StepInputs(),
            retry_condition_fn=_transient if network else None,
            retry_jitter_factor=0.5 if network else None,
        )(timed)

    return decorate


def marked(made: R) -> R:
    """In a task run, a result with warnings ends in a Completed state named 'Degraded', so the
    UI's timeline and task list say which slide degraded while the run goes on; called
    directly (tests, .fn), the result as it is."""
    said = warnings_in(made)
    if not said or TaskRunContext.get() is None:
        return made
    return cast(R, Completed(data=made, name=DEGRADED, message=masked(said[0], 200)))


def calls_network(declared: Task[..., Any]) -> bool:
    """True for a task declared with network=True: only its transient failures retry."""
    return declared.retry_condition_fn is _transient


def prepared(declared: Task[P, R], cfg: RunConfig) -> Task[P, R]:
    """The task as this run uses it: cached under cache_dir and, if it calls the network,
    retried as the run's settings say (retries, doubling from retry_delay_s).

    Results persist as Prefect cache records next to the media store, so a cache hit survives
    the temporary server and the output folder; --refresh recomputes and overwrites them.
    Records are data (tasks.records), never pickle.
    """
    ready = declared.with_options(
        persist_result=True,
        result_storage=record_storage(cfg.cache_dir / RESULTS, cfg.cache_url),
        result_serializer=SERIALIZER,
        refresh_cache=cfg.refresh,
    )
    if calls_network(declared):
        delays = [cfg.retry_delay_s * 2**i for i in range(cfg.retries)]
        ready = ready.with_options(retries=cfg.retries, retry_delay_seconds=delays)
    return ready


def in_place(cfg: RunConfig, value: T) -> T:
    """value with its files in this run's folder: moved there if a cache hit made them in
    another project's folder, and restored from the media store if they were deleted."""
    value = moved(value, cfg.out_dir)
    MediaStore(cfg.cache_dir).restore_results([value])
    return value


def kept(cfg: RunConfig, result: R) -> R:
    """The result with the files it made stored in the media store; a degraded result (one
    with warnings) is kept out of the cache, so the next run redoes it."""
    store = MediaStore(cfg.cache_dir)
    made: Any = result
    if isinstance(result, StepResult):
        made = store.keep_result(result, cfg.out_dir)
    elif isinstance(result, list):
        made = [store.keep_result(r, cfg.out_dir) for r in result]
    said = warnings_in(made)
    if said:
        skip_cache()
        log = run_log()
        for warning in said:  # in the run's log (and the UI) now, not only in the report
            log.warning(warning)
    return made


def warnings_in(value: Any) -> list[str]:
    """Every warning of the step results in a task's return value."""
    return [w for r in step_results(value) for w in r.warnings]


def final_attempt() -> bool:
    """True on the last try a task gets, when a failure should degrade instead of retrying."""
    ctx = TaskRunContext.get()
    if ctx is None:
        return True
    return ctx.task_run.run_count > (ctx.task.retries or 0)


def degradable(work: Callable[[], S], degrade: Callable[[str], S]) -> S:
    """Run work; a failure no retry will fix (or on the last attempt) degrades instead."""
    try:
        return work()
    except LectraError as exc:
        if final_attempt() or not retryable(exc):
            return degrade(str(exc))
        raise


@contextmanager
def noted_slots(
    tag: str, size: int, server_limit: int | None, run: str = ""
) -> Iterator[TaskSlots]:
    """A task's slots of tag (tasks.slots), their waits and holds noted in its span at the end."""
    slots = TaskSlots(tag, size, server_limit, run)
    try:
        yield slots
    finally:
        SPANS.note_slots(slots)


@contextmanager
def holding(tag: str, size: int, server_limit: int | None, run: str = "") -> Iterator[None]:
    """One slot of tag held for the block, its wait and hold noted in the span."""
    with noted_slots(tag, size, server_limit, run) as slots, slots():
        yield


def capped(
    tag: str,
    size: int,
    server_limit: int | None,
    work: Callable[[], S],
    degrade: Callable[[str], S],
    run: str = "",
) -> S:
    """Run work holding one of run's slots of tag, degrading like degradable on failure."""

    def held() -> S:
        with holding(tag, size, server_limit, run):
            return work()

    return degradable(held, degrade)
