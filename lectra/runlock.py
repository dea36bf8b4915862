"""One run per project at a time: a lock the operating system drops when its process dies."""

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lectra.errors import ProjectBusyError


def lock_file(out_dir: Path, cache_dir: Path) -> Path:
    """Where a project folder's lock lives: in the cache, so the outputs stay only outputs."""
    name = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:20]
    return cache_dir / "locks" / f"{name}.lock"


@contextmanager
def project_lock(out_dir: Path, cache_dir: Path, run_id: str, wait: bool = False) -> Iterator[None]:
    """Hold out_dir for this run; ProjectBusyError naming the holder if another run has it.

    flock: a lock whose process died (kill -9 included) is free again, so none goes stale.
    With wait, block until the other run ends instead.
    """
    path = lock_file(out_dir, cache_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise _busy_error(out_dir, _holder(fd)) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"run {run_id} (pid {os.getpid()})".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing drops the lock


def busy(out_dir: Path, cache_dir: Path) -> str | None:
    """Who holds out_dir's lock right now, or None when it is free."""
    path = lock_file(out_dir, cache_dir)
    if not path.exists():
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return _holder(fd)
    finally:
        os.close(fd)
    return None


def ensure_free(out_dir: Path, cache_dir: Path) -> None:
    """ProjectBusyError naming the holder when another run is building out_dir now."""
    holder = busy(out_dir, cache_dir)
    if holder:
        raise _busy_error(out_dir, holder)


def _holder(fd: int) -> str:
    """Who the lock file at fd says holds it."""
    return os.pread(fd, 200, 0).decode(errors="replace").strip() or "another run"


def _busy_error(out_dir: Path, holder: str) -> ProjectBusyError:
    return ProjectBusyError(
        f"{out_dir.name} is being built by {holder}; wait for it (--wait) or choose "
        "another --project"
    )
