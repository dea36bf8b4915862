"""Cache keys of the tasks, as Prefect cache policies: a step is replayed only while its
inputs, its code and the files it made are all still valid."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prefect.cache_policies import CachePolicy
from prefect.context import TaskRunContext

from lectra.cache.keys import run_config, step_key
from lectra.cache.shared import RESULTS, SharedCache
from lectra.cache.store import MediaStore
from lectra.config.run import RunConfig
from lectra.runtime.errors import StorageError
from tasks.internals import skip_commit
from tasks.records import UnusableRecord, record_files, warn_unusable
from tasks.runlog import run_log


@dataclass
class StepInputs(CachePolicy):
    """Keyed by the task's stage, its inputs and the code its stage runs (lectra.cache.keys);
    reads maps an input to the part of it the step reads, when that is not all of it."""

    reads: dict[str, Callable[[Any], Any]] = field(default_factory=dict)

    def compute_key(
        self,
        task_ctx: TaskRunContext,
        inputs: dict[str, Any],
        flow_parameters: dict[str, Any],
        **kwargs: Any,
    ) -> str | None:
        """The step's key, once any unusable record under it is forgotten."""
        read = {k: self.reads[k](v) if k in self.reads else v for k, v in inputs.items()}
        return usable_key(step_key(task_ctx.task.name, read), run_config(inputs))


@dataclass
class RunInputs(CachePolicy):
    """Keyed by the run's inputs alone: every task with this policy shares one record."""

    def compute_key(
        self,
        task_ctx: TaskRunContext,
        inputs: dict[str, Any],
        flow_parameters: dict[str, Any],
        **kwargs: Any,
    ) -> str | None:
        """The whole run's key, once any unusable record under it is forgotten."""
        cfg = run_config(inputs)
        return usable_key(step_key("run", {"cfg": cfg}), cfg)


def usable_key(key: str, cfg: RunConfig | None) -> str:
    """key, with its record forgotten if it cannot be replayed (forget_if_unusable)."""
    if cfg is not None:
        forget_if_unusable(cfg.cache_dir, key)
        if cfg.cache_url and not cfg.refresh:  # pulled files are checked as they come
            pulled(cfg, key)
    return key


def pulled(cfg: RunConfig, key: str) -> bool:
    """The record under key brought here from the shared cache (with its media) if this
    machine lacks it; a shared cache that cannot be read is a miss, said in the log."""
    try:
        return SharedCache(cfg.cache_url, cfg.cache_dir).pull(key, record_files)
    except UnusableRecord as exc:
        warn_unusable(Path(key), f"{exc}; deleted from the shared cache")
        return False
    except StorageError as exc:
        run_log().warning("shared cache: %s… not read (%s): the step runs here", key[:24], exc)
        return False


def forget_if_unusable(cache_dir: Path, key: str) -> None:
    """Delete the cached result under key when it cannot be replayed: a file it made is gone
    from the media store and from its place (or no longer matches its hash), or the record is
    not data this code reads (another serializer, a changed model, anything planted). Prefect
    then finds no record and runs the step: a broken cache is a miss, never a failure.
    """
    record = cache_dir / RESULTS / key
    if not record.exists() and not record.is_symlink():
        return
    try:
        files = record_files(record)
    except UnusableRecord as exc:
        warn_unusable(record, str(exc))
        record.unlink(missing_ok=True)
        return
    if not MediaStore(cache_dir).recoverable(files):
        record.unlink(missing_ok=True)


def skip_cache() -> None:
    """Leave this task run's result out of the cache."""
    skip_commit()
