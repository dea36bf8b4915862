"""Atomic file writes: complete files appear under their name, partial ones never do."""

import ctypes
import errno
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from lectra.runtime.errors import DiskFullError, InputError

FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


@lru_cache(maxsize=1)
def _umask() -> int:
    """The process's umask, read without setting it (os.umask can only swap it, racing threads)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return 0o022
    found = re.search(r"^Umask:\s*([0-7]+)", status, re.MULTILINE)
    return int(found.group(1), 8) if found else 0o022


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary sibling of path (same suffix) and rename it onto path on success.

    A full disk (or a file size limit) while writing is a DiskFullError naming path.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.stem}.", suffix=f".part{path.suffix}", dir=path.parent
        )
    except OSError as exc:
        raise _disk_full(exc, path) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        tmp.chmod(0o666 & ~_umask())  # mkstemp makes files private; outputs are ordinary files
        os.replace(tmp, path)
    except OSError as exc:
        raise _disk_full(exc, path) from None
    finally:
        tmp.unlink(missing_ok=True)


def _disk_full(exc: OSError, path: Path) -> OSError | DiskFullError:
    """exc as a DiskFullError naming path when the disk (or a size limit) is full."""
    if exc.errno in FULL:
        return DiskFullError(f"disk full writing {path} ({os.strerror(exc.errno or 0)})")
    return exc


def read_bounded(path: Path, max_bytes: int, what: str, follow_links: bool = True) -> bytes:
    """The bytes of a regular file of at most max_bytes; InputError naming what is wrong.

    Opened without blocking (a FIFO would wait forever for a writer) and checked on the open
    descriptor, so a device, a FIFO or a file swapped in after a check is never read; without
    follow_links, a link in path's place is refused too.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow_links else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(f"{what} {path}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{what} {path}: not a regular file")
        if info.st_size > max_bytes:
            raise InputError(f"{what} {path}: {info.st_size} bytes; the limit is {max_bytes}")
        data = os.read(fd, max_bytes + 1)
        while len(data) <= max_bytes and (more := os.read(fd, max_bytes + 1 - len(data))):
            data += more
        if len(data) > max_bytes:  # it grew while being read
            raise InputError(f"{what} {path}: over {max_bytes} bytes")
        return data
    except OSError as exc:
        raise InputError(f"{what} {path}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


@contextmanager
def scratch_file(folder: Path, suffix: str) -> Iterator[Path]:
    """Yield a hidden temporary file in folder that is removed afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".scratch.", suffix=suffix, dir=folder)
    os.close(fd)
    try:
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def write_text(path: Path, text: str) -> Path:
    """Write UTF-8 text atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path


def write_json(path: Path, data: Any) -> Path:
    """Write JSON atomically, UTF-8, indented."""
    return write_text(path, json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def regular_files(folder: Path) -> list[Path]:
    """Every regular file under folder, walking no symbolic link (to a file or a folder)."""
    found = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(root, d))]
        found += [Path(root, f) for f in files if not os.path.islink(os.path.join(root, f))]
    return found


def sweep_partials(folder: Path) -> int:
    """Delete the temporary files a killed run left under folder; return how many."""
    if not folder.is_dir() or folder.is_symlink():
        return 0
    stale = [
        p
        for p in regular_files(folder)
        if p.name.startswith(".scratch.") or (p.name.startswith(".") and ".part" in p.name)
    ]
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)


# what runs write into a project folder, by name: anything here a run did not make is an
# earlier run's (more slides, or video on) and would mix the two runs
PER_SLIDE_FOLDERS = (
    "frames",
    "audio_chunks",
    "images",
    "segments",
    "sentence_boundaries",
    "word_boundaries",
)
DECK_FILES = (
    "presentation.pptx",
    "narration.mp3",
    "slide_timings.json",
    "video.mp4",
    "chapters.txt",
    "poster.jpg",
    "subtitles.srt",
    "subtitles.vtt",
    "script.json",
    "script.md",
    "images_metadata.json",
    "outline.json",
    "source.json",
)


# the endings of the files runs make: a cache record naming any other is not one of ours
OUTPUT_SUFFIXES = frozenset(
    {".pptx", ".mp3", ".mp4", ".json", ".md", ".txt", ".jpg", ".png", ".srt", ".vtt"}
)


def is_output_name(name: str) -> bool:
    """True for a '/'-separated name a run writes in a project folder: a deck file, or a file
    of a per-slide folder (no other folder, no '..', no hidden name)."""
    head, _, rest = name.partition("/")
    if name in DECK_FILES:
        return True
    plain = bool(rest) and "/" not in rest and not rest.startswith(".")
    return head in PER_SLIDE_FOLDERS and plain and Path(rest).suffix in OUTPUT_SUFFIXES


def prune_stale(folder: Path, made: set[Path]) -> list[Path]:
    """Delete the outputs under folder this run did not make; return what was deleted.
    A link where an output or a per-slide folder belongs is deleted, never followed."""
    known = [folder / name for name in DECK_FILES]
    for sub in PER_SLIDE_FOLDERS:
        if (folder / sub).is_symlink():
            known.append(folder / sub)
        elif (folder / sub).is_dir():
            known += list((folder / sub).iterdir())
    stale = [p for p in known if p.is_symlink() or (p.is_file() and p.absolute() not in made)]
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


def building_dir(project_dir: Path) -> Path:
    """Where a run builds a project before publishing it: a hidden sibling of the project."""
    return project_dir.parent / f".{project_dir.name}.building"


def remove_folder(path: Path) -> None:
    """Delete a folder of ours, or a link planted in its place (never what it points to)."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def start_building(project: Path, building: Path) -> None:
    """A fresh building folder holding hard links to the project's regular files: steps find
    what the last run made where they made it, and replace it (atomic_path) without touching
    the project's copy. Links in the project are not followed, and not copied."""
    remove_folder(building)  # what a run that died was building
    building.mkdir(parents=True)
    if not project.is_dir() or project.is_symlink():
        return
    for path in regular_files(project):
        dest = building / path.relative_to(project)
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.link(path, dest)


def publish_folder(building: Path, project: Path) -> None:
    """Put the built folder in the project's place in one step: the project shows the earlier
    run's outputs up to here and this run's just after, never a mix of the two, even if the
    process dies in between. The earlier run's folder is left at building, to be removed."""
    if project.is_symlink() or (project.exists() and not project.is_dir()):
        project.unlink()
    if project.exists():
        _exchange(building, project)
    else:
        os.rename(building, project)


_RENAME_EXCHANGE = 2  # linux/fs.h


def _exchange(a: Path, b: Path) -> None:
    """Swap two folders atomically (Linux renameat2); where the kernel or file system cannot,
    rename the old one aside first: a moment with no project folder, never a mixed one."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        at_cwd = -100
        if renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
            return
    aside = a.with_name(a.name + ".old")
    remove_folder(aside)
    os.rename(b, aside)
    os.rename(a, b)
    os.rename(aside, a)
