"""One run per project at a time: a lock the operating system drops when its process dies."""

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lectra.runtime.errors import ProjectBusyError


def lock_file(out_dir: Path) -> Path:
    """Where a project folder's lock lives: a hidden file beside it, so that every run of the
    folder takes the same lock whichever cache folder it uses."""
    return out_dir.parent / f".{out_dir.name}.lock"


def _open(path: Path, flags: int) -> int:
    """The lock file opened without following a link planted in its place (one is removed)."""
    try:
        return os.open(path, flags | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    except OSError:
        if not path.is_symlink():
            raise
        path.unlink()
        return os.open(path, flags | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)


@contextmanager
def project_lock(out_dir: Path, run_id: str, wait: bool = False) -> Iterator[None]:
    """Hold out_dir for this run; ProjectBusyError naming the holder if another run has it.

    flock: a lock whose process died (kill -9 included) is free again, so none goes stale.
    With wait, block until the other run ends instead. Taken before anything in the folder
    is touched.
    """
    path = lock_file(out_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = _open(path, os.O_RDWR | os.O_CREAT)
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


def busy(out_dir: Path) -> str | None:
    """Who holds out_dir's lock right now, or None when it is free."""
    path = lock_file(out_dir)
    if not path.exists() or path.is_symlink():
        return None
    fd = _open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return _holder(fd)
    finally:
        os.close(fd)
    return None


def ensure_free(out_dir: Path) -> None:
    """ProjectBusyError naming the holder when another run is building out_dir now."""
    holder = busy(out_dir)
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
