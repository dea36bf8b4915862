"""Cache records as data: step results stored as tagged JSON of known models, never pickle.

A record names its serializer, and Prefect would build whichever one it names (pickle, or a
JSON decoder importing any class by name). Records are read only through RecordFolder, which
hands Prefect a record only when it names DataSerializer and nothing else.
"""

import hashlib
import json
import threading
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

import anyio
from prefect.exceptions import ObjectAlreadyExists
from prefect.filesystems import LocalFileSystem
from prefect.results import ResultStore
from prefect.serializers import Serializer
from prefect.settings import get_current_settings
from pydantic import BaseModel, Field, ValidationError

from lectra import models
from lectra.cache.shared import Files, SharedCache
from lectra.cache.store import kept_files
from lectra.pipeline import rebuilt, report
from lectra.runtime import errors
from lectra.runtime.errors import InputError, StorageError, first_error
from lectra.runtime.files import read_bounded
from lectra.text import spans
from tasks.internals import resolved_path
from tasks.runlog import run_log

MAX_RECORD_BYTES = 64 * 1024 * 1024  # a 60-slide deck's whole-run record is a few MB
MODEL = "$model"
ERROR = "$error"  # a failed task's exception, kept as its class name and message


class UnusableRecord(ValueError):
    """A cache record that is not Lectra's data: not JSON, another serializer, unknown models."""


@cache
def known_models() -> dict[str, type[BaseModel]]:
    """The models a record may hold, by name: Lectra's step and report models, nothing else."""
    from tasks.replay import RunRecord  # imports this module's users: resolved on first use

    found: dict[str, type[BaseModel]] = {tag(RunRecord): RunRecord}
    for module in (models, spans, report, rebuilt):
        for value in vars(module).values():
            own = isinstance(value, type) and value.__module__ == module.__name__
            if own and issubclass(value, BaseModel):
                found[tag(value)] = value
    return found


def known_error(name: str, message: str) -> Exception:
    """A failure read back: Lectra's own error class of that name, else a RuntimeError."""
    kind = getattr(errors, name, None)
    if isinstance(kind, type) and issubclass(kind, errors.LectraError):
        return kind(message)
    return RuntimeError(f"{name[:60]}: {message}")


def tag(model: type[BaseModel]) -> str:
    """A model's name in records (a key of known_models, never imported)."""
    return f"{model.__module__}.{model.__qualname__}"


def encoded(value: Any) -> Any:
    """value as JSON data, each model tagged with its name so subclasses come back as such."""
    if isinstance(value, BaseModel):
        name = tag(type(value))
        if known_models().get(name) is not type(value):
            raise TypeError(f"{name} is not a model a cache record may hold")
        fields = {n: encoded(getattr(value, n)) for n in type(value).model_fields}
        return {MODEL: name, **fields}
    if isinstance(value, list | tuple):
        return [encoded(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encoded(v) for k, v in value.items()}
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, BaseException):
        return {ERROR: type(value).__name__, "message": str(value)}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"{type(value).__name__} cannot be kept in a cache record")


def decoded(data: Any) -> Any:
    """The value encoded() made, its models validated again; UnusableRecord when it is not."""
    if isinstance(data, list):
        return [decoded(v) for v in data]
    if isinstance(data, dict) and ERROR in data:
        return known_error(str(data[ERROR]), str(data.get("message", "")))
    if isinstance(data, dict):
        if MODEL not in data:
            return {k: decoded(v) for k, v in data.items()}
        model = known_models().get(str(data[MODEL]))
        if model is None:
            raise UnusableRecord(f"unknown model {str(data[MODEL])[:60]!r}")
        fields = {k: decoded(v) for k, v in data.items() if k != MODEL}
        return model.model_validate(fields)
    return data


class DataSerializer(Serializer):
    """Lectra's result serializer: tagged JSON of its own models (see the module docstring)."""

    type: str = Field(default="lectra-data", frozen=True)

    def dumps(self, obj: Any) -> bytes:
        """obj as tagged JSON."""
        return json.dumps(encoded(obj), ensure_ascii=False).encode()

    def loads(self, blob: bytes) -> Any:
        """The value in tagged JSON; UnusableRecord for anything else."""
        try:
            return decoded(json.loads(blob))
        except UnusableRecord:
            raise
        except ValidationError as exc:  # a planted path or digest, or a model changed since
            raise UnusableRecord(f"not a Lectra result: {first_error(exc)}") from None
        except (ValueError, TypeError, RecursionError) as exc:
            raise UnusableRecord(f"not a Lectra result ({type(exc).__name__})") from None


SERIALIZER = DataSerializer()


def checked_record(raw: bytes) -> bytes:
    """raw when it is a record naming DataSerializer alone, else UnusableRecord."""
    try:
        record = json.loads(raw)
    except ValueError:
        raise UnusableRecord("not JSON (an older Lectra's pickle record?)") from None
    if not isinstance(record, dict) or set(record) != {"metadata", "result"}:
        raise UnusableRecord("not a result record")
    metadata = record["metadata"]
    if not isinstance(metadata, dict) or metadata.get("serializer") != {"type": SERIALIZER.type}:
        raise UnusableRecord("written with another serializer")
    return raw


def read_record_file(path: Path) -> bytes:
    """A record file's checked bytes: a regular file (no link followed) under the size cap."""
    try:
        raw = read_bounded(path, MAX_RECORD_BYTES, "cache record", follow_links=False)
    except InputError as exc:
        raise UnusableRecord(str(exc).removeprefix(f"cache record {path}: ")) from None
    return checked_record(raw)


def load_record(path: Path) -> Any:
    """The result a record file holds, read as Prefect reads it (its ResultStore, through
    RecordFolder's check) and validated as data; UnusableRecord if not."""
    store = ResultStore(
        result_storage=RecordFolder(basepath=str(path.parent)), serializer=SERIALIZER
    )
    try:
        return store.read(path.name).result
    except UnusableRecord:
        raise
    except (ValueError, TypeError) as exc:  # a record whose result is not serialized data
        raise UnusableRecord(f"not a Lectra result ({type(exc).__name__})") from None


def record_files(path: Path) -> Files:
    """(path, digest) of every media file a record's result kept; ValueError when the file is
    not a record this code reads."""
    try:
        result: Any = load_record(path)
    except UnusableRecord:
        raise
    except Exception as exc:  # valid JSON of a model whose fields changed since
        raise UnusableRecord(f"it no longer reads: {type(exc).__name__}") from None
    results = [result, *getattr(result, "results", [])]
    for found in step_results(results):
        if (outside := found.outside()) is not None:
            raise UnusableRecord(f"it names {str(outside)[:80]!r}, outside its run's folder")
    return kept_files(results)


def step_results(value: Any) -> list[models.StepResult]:
    """Every step result in value, and in the lists it holds."""
    if isinstance(value, models.StepResult):
        return [value]
    if isinstance(value, list | tuple):
        return [r for item in value for r in step_results(item)]
    return []


class RecordFolder(LocalFileSystem):
    """The cache's result records: Prefect reads them only through the check above; with a
    shared cache (a storage URL), each record written is pushed there with its media."""

    _block_type_slug: ClassVar[str] = "lectra-record-folder"
    shared: str = Field(default="", description="The cache's shared copy, a storage URL.")

    def _push(self, key: str) -> None:
        if not self.shared:
            return
        path = resolved_path(self, key)
        try:
            SharedCache(self.shared, path.parent.parent).push(path.name, record_files(path))
        except (StorageError, UnusableRecord) as exc:
            run_log().warning("shared cache: %s was not stored (%s)", path.name[:12], exc)

    async def awrite_path(self, path: str, content: bytes) -> str:
        """Write the record here, then push it (in a thread: fsspec's calls are blocking)."""
        written = await super().awrite_path(path, content)
        await anyio.to_thread.run_sync(self._push, path)
        return written

    def write_path(self, path: str, content: bytes, **_: Any) -> str:  # type: ignore[override]
        """Write the record here, then push it."""
        written = LocalFileSystem.write_path(self, path, content, _sync=True)  # type: ignore[call-arg]
        self._push(path)
        return str(written)

    async def aread_path(self, path: str) -> bytes:
        """The checked record at path."""
        return read_record_file(resolved_path(self, path))

    def read_path(self, path: str, **_: Any) -> bytes:  # type: ignore[override]
        """The checked record at path."""
        return read_record_file(resolved_path(self, path))


_saving = threading.Lock()
SAVE_ATTEMPTS = 3


@cache
def _saved(folder: str, shared: str, api: str) -> RecordFolder:
    storage = RecordFolder(basepath=folder, shared=shared)
    name = "cache-" + hashlib.sha256(f"{folder}\n{shared}".encode()).hexdigest()[:20]
    with _saving:
        for attempt in range(1, SAVE_ATTEMPTS + 1):
            try:
                storage.save(name, overwrite=True)
                break
            except ObjectAlreadyExists:
                # Prefect reads, then creates, the block type and schema: another process
                # starting a run made them in between; the next attempt reads them
                if attempt == SAVE_ATTEMPTS:
                    raise
    return storage


def record_storage(folder: Path, shared: str = "") -> RecordFolder:
    """Where a run's tasks keep their result records: a RecordFolder saved on the run's
    Prefect server once a process (Prefect takes only saved storage blocks)."""
    return _saved(str(folder), shared, str(get_current_settings().api.url))


def warn_unusable(path: Path, why: str) -> None:
    """Say in the run's log that a record was ignored and why."""
    run_log().warning("cache record %s… ignored (%s): the step runs again", path.name[:12], why)
