"""The project task decorator: shared defaults, per-slide names and timing of every result."""

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from prefect import Task, task
from prefect._internal.result_records import ResultRecord
from prefect.cache_policies import CachePolicy
from prefect.context import TaskRunContext
from prefect.tasks import exponential_backoff
from prefect.transactions import get_transaction

from lectra.cache_keys import step_key
from lectra.config import RunConfig
from lectra.errors import LectraError, retryable
from lectra.models import StepResult
from lectra.store import MediaStore, moved
from tasks.slots import service_slot

P = ParamSpec("P")
R = TypeVar("R")
NETWORK_RETRIES = 2
RESULTS = "results"  # the cache folder's Prefect result records, one file per key


def _transient(task: Task[..., Any], task_run: Any, state: Any) -> bool:
    """Retry only failures that can pass: timeouts, lost connections, 429 and 5xx."""
    try:
        state.result()
    except Exception as exc:
        return retryable(exc)
    return False


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


def capped(
    tag: str,
    size: int,
    server_limit: int | None,
    work: Callable[[], S],
    degrade: Callable[[str], S],
) -> S:
    """Run work holding a slot of tag (tasks.slots), degrading like degradable on failure."""

    def held() -> S:
        with service_slot(tag, size, server_limit) as waited:
            result = work()
        return result.model_copy(update={"waited_s": waited})

    return degradable(held, degrade)


@dataclass
class _InputsKey(CachePolicy):
    """Prefect cache policy keyed by lectra's hash of the step's inputs (lectra.cache_keys).

    With only_in_place, no key (so the task runs) unless every file its inputs point at is in
    place: that task exists to restore them.
    """

    only_in_place: bool = False
    whole_run: bool = False  # keyed on the run's inputs alone

    def compute_key(
        self,
        task_ctx: TaskRunContext,
        inputs: dict[str, Any],
        flow_parameters: dict[str, Any],
        **kwargs: Any,
    ) -> str | None:
        """The step's key: its stage and the hash of its inputs."""
        cfg = run_config((), inputs)
        if self.whole_run:
            key = step_key("run", {"cfg": inputs["cfg"]})
        elif self.only_in_place and (
            cfg is None or not MediaStore(cfg.cache_dir).in_place(list(inputs.values()))
        ):
            return None
        else:
            key = step_key(task_ctx.task.name, inputs)
        if cfg is not None:
            forget_if_unusable(cfg.cache_dir, key)
        return key


def forget_if_unusable(cache_dir: Path, key: str) -> None:
    """Delete the cached result under key when it cannot be replayed: a file it made is gone
    from the media store and from its place, or the record no longer reads (its code changed).
    Prefect then finds no record and runs the step: a broken cache is a miss, never a failure.
    """
    record = cache_dir / RESULTS / key
    if not record.is_file():
        return
    try:
        result: Any = ResultRecord.deserialize(record.read_bytes()).result
    except Exception:  # a record this code cannot read is as good as none
        record.unlink(missing_ok=True)
        return
    if not MediaStore(cache_dir).has([result, *getattr(result, "results", [])]):
        record.unlink(missing_ok=True)


INPUTS_KEY = _InputsKey()
IN_PLACE_KEY = _InputsKey(only_in_place=True)
RUN_KEY = _InputsKey(whole_run=True)


def skip_cache() -> None:
    """Leave this task run's result out of the cache."""
    txn = get_transaction()
    if txn is not None:
        txn.write_on_commit = False


def gather(
    futures: list[Any], since: float, folder: Path, known: list[StepResult] | None = None
) -> tuple[list[StepResult], set[str]]:
    """Known results plus those of futures, flattened and moved to folder, and the tasks the
    cache answered.

    A result the cache answered was stamped by an earlier run, before since; telling them
    apart this way costs no API call per task.
    """
    results = (known or []) + [r for future in futures for r in _results(future.result())]
    results = [moved(r, folder) for r in results]
    return results, {r.task for r in results if r.started_at < since}


def _stamp(result: Any, stage: str, started: float, seconds: float) -> Any:
    ctx = TaskRunContext.get()
    name = ctx.task_run.name if ctx else stage
    retries = ctx.task_run.run_count - 1 if ctx else 0
    if isinstance(result, StepResult):
        # slot waits are not work: the span starts when the slot was granted
        worked = max(0.0, seconds - result.waited_s)
        began = started + result.waited_s
        return result.model_copy(
            update={
                "task": name,
                "stage": stage,
                "started_at": began,
                "seconds": worked,
                "retries": max(0, retries),
            }
        )
    if isinstance(result, list):
        return [_stamp(item, stage, started, seconds) for item in result]
    return result


def _results(value: Any) -> list[StepResult]:
    if isinstance(value, StepResult):
        return [value]
    if isinstance(value, list | tuple):
        return [r for item in value for r in _results(item)]
    return []


def _keep(cfg: RunConfig | None, result: R) -> R:
    """Store the files the result refers to, and leave a degraded result uncached."""
    if cfg is None:
        return result
    store = MediaStore(cfg.cache_dir)
    kept: Any = result
    if isinstance(result, StepResult):
        kept = store.keep_result(result, cfg.out_dir)
    elif isinstance(result, list):
        kept = [store.keep_result(r, cfg.out_dir) for r in result]
    if any(r.warnings for r in _results(kept)):
        skip_cache()  # a degraded result is redone next run, not replayed
    return kept


def run_config(args: tuple[Any, ...], kwargs: dict[str, Any]) -> RunConfig | None:
    """The RunConfig among a task's arguments."""
    return next((a for a in (*args, *kwargs.values()) if isinstance(a, RunConfig)), None)


def lectra_task(
    stage: str, run_name: str, *, network: bool = False, cache: CachePolicy = INPUTS_KEY
) -> Callable[[Callable[P, R]], Task[P, R]]:
    """Declare a task of a stage: kebab-case run name, cache key, retries if networked."""

    def decorate(fn: Callable[P, R]) -> Task[P, R]:
        @functools.wraps(fn)
        def timed(*args: P.args, **kwargs: P.kwargs) -> R:
            started, t0 = time.time(), time.perf_counter()
            cfg = run_config(args, kwargs)
            if cfg is not None:  # a cache hit upstream may come from another project's folder,
                # and point at files deleted since
                args = moved(args, cfg.out_dir)
                kwargs.update({k: moved(v, cfg.out_dir) for k, v in kwargs.items()})
                MediaStore(cfg.cache_dir).restore_results([*args, *kwargs.values()])
            result = _keep(cfg, fn(*args, **kwargs))
            return _stamp(result, stage, started, time.perf_counter() - t0)

        declared = task(
            name=stage,
            task_run_name=run_name,
            cache_policy=cache,
        )(timed)
        if not network:
            return declared
        return declared.with_options(
            retries=NETWORK_RETRIES,
            retry_delay_seconds=exponential_backoff(backoff_factor=1),
            retry_jitter_factor=0.5,
            retry_condition_fn=_transient,
        )

    return decorate


def prepared(task: Task[P, R], cfg: RunConfig, *, network: bool = False) -> Task[P, R]:
    """The task as this run uses it: cached under cache_dir, with the run's retries if networked.

    Results persist as Prefect cache records next to the media store, so a cache hit survives
    the temporary server and the output folder; --refresh recomputes and overwrites them.
    """
    ready = task.with_options(
        persist_result=True, result_storage=cfg.cache_dir / RESULTS, refresh_cache=cfg.refresh
    )
    if network:
        delays = [cfg.retry_delay_s * 2**i for i in range(cfg.retries)]
        ready = ready.with_options(retries=cfg.retries, retry_delay_seconds=delays)
    return ready
