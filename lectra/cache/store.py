"""The content-addressed media store behind the cache: every output file, kept by its hash."""

import hashlib
import os
import shutil
import stat
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import BaseModel

from lectra.models import DIGEST, StepResult, paths_in
from lectra.runtime.errors import MediaError
from lectra.runtime.files import OUTPUT_SUFFIXES, atomic_path

CHUNK = 1 << 20
_digests: dict[tuple[int, ...], str] = {}  # by a file's identity and change time, this process


def _sha256(handle: BinaryIO) -> str:
    sha = hashlib.sha256()
    while block := handle.read(CHUNK):
        sha.update(block)
    return sha.hexdigest()


def digest_of(path: Path) -> str:
    """The sha256 of a file's bytes."""
    with path.open("rb") as handle:
        return _sha256(handle)


def holds(path: Path, digest: str) -> bool:
    """True when path is a regular file (not a link) whose bytes hash to digest.

    A file is hashed once a process while unchanged: its inode, size and change time are the
    same (the change time cannot be set back by anyone who rewrites it).
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return False
        identity = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        if identity not in _digests:
            _digests[identity] = _sha256(handle)
    return _digests[identity] == digest


def _place(source: Path, dest: Path) -> None:
    """Put source's bytes at dest atomically: a hard link when possible, else a copy."""
    with atomic_path(dest) as tmp:
        tmp.unlink()
        try:
            os.link(source, tmp)
        except OSError:
            shutil.copyfile(source, tmp)


class MediaStore:
    """Files by content under root/media; outputs are hard links to them, so keeping is cheap."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def file(self, digest: str, suffix: str) -> Path:
        """Where the content with this digest lives; a link planted in place of the media
        folders is removed, so nothing is read or written through it. A digest that is no
        sha256, or an ending runs do not write, names nothing (MediaError)."""
        if not DIGEST.fullmatch(digest) or suffix not in OUTPUT_SUFFIXES:
            raise MediaError(f"{digest[:80]!r}{suffix[:16]} is not a media file of the cache")
        for folder in (self.root / "media", self.root / "media" / digest[:2]):
            if folder.is_symlink():
                folder.unlink()
        return self.root / "media" / digest[:2] / f"{digest}{suffix}"

    def keep(self, path: Path) -> str:
        """Add a file to the store (once per content); return its digest."""
        digest = digest_of(path)
        kept = self.file(digest, path.suffix)
        if not holds(kept, digest):  # missing, or not what its name says: replaced
            _place(path, kept)
        return digest

    def _stored(self, digest: str, suffix: str) -> Path | None:
        """The stored file with this content, checked against its hash; None if it is not
        there or does not hold it (then it is removed, so that it can be kept again)."""
        kept = self.file(digest, suffix)
        if holds(kept, digest):
            return kept
        kept.unlink(missing_ok=True)
        return None

    def _linked(self, path: Path, digest: str) -> bool:
        kept = self._stored(digest, path.suffix)
        if kept is None or path.is_symlink() or not path.exists():
            return False
        return os.path.samefile(path, kept)

    def _recoverable(self, path: Path, digest: str) -> bool:
        """True when the content is stored, or path still holds it (both checked by hash)."""
        return self._stored(digest, path.suffix) is not None or holds(path, digest)

    def restore(self, path: Path, digest: str) -> None:
        """Make path hold the stored content again if it was deleted or replaced."""
        if self._linked(path, digest):
            return
        kept = self._stored(digest, path.suffix)
        if kept is not None:
            _place(kept, path)
        elif not holds(path, digest):
            raise MediaError(f"{path.name} is gone from the output folder and from the cache")

    def keep_result(self, result: StepResult, under: Path) -> StepResult:
        """Store every file under the output folder that the result refers to; note digests
        and the folder, so a later run elsewhere can move the result to its own folder."""
        mine = [p for p in paths_in(result) if p.is_relative_to(under) and p.is_file()]
        files = {str(p): self.keep(p) for p in mine}
        return result.model_copy(update={"files": files, "root": str(under)})

    def has(self, results: list[Any]) -> bool:
        """True when every file the results kept can be brought back: stored, or in place."""
        return self.recoverable(kept_files(results))

    def recoverable(self, files: list[tuple[Path, str]]) -> bool:
        """True when every (path, digest) can be brought back: stored, or in place."""
        return all(self._recoverable(path, digest) for path, digest in files)

    def in_place(self, results: list[Any]) -> bool:
        """True when every file the results kept is where they say, as stored."""
        return all(self._linked(path, digest) for path, digest in kept_files(results))

    def restore_results(self, results: list[Any]) -> int:
        """Bring back every file the results (and results nested in lists) kept; return how many."""
        files = kept_files(results)
        for path, digest in files:
            self.restore(path, digest)
        return len(files)


def kept_files(results: list[Any]) -> list[tuple[Path, str]]:
    """(path, digest) of every file that results, and results nested in lists, kept."""
    found: list[tuple[Path, str]] = []
    for result in results:
        if isinstance(result, list | tuple):
            found += kept_files(list(result))
        elif isinstance(result, StepResult):
            found += [(Path(name), digest) for name, digest in result.files.items()]
    return found


def moved(value: Any, folder: Path) -> Any:
    """value with every result written under another folder moved to folder: its paths, the
    paths of its kept files and its root (a cache hit made by another project's run)."""
    if isinstance(value, StepResult) and value.root and value.root != str(folder):
        return _rebased(value, Path(value.root), folder)
    if isinstance(value, list):
        return [moved(v, folder) for v in value]
    if isinstance(value, tuple):
        return tuple(moved(v, folder) for v in value)
    if isinstance(value, BaseModel):  # copied only if a result inside it moved
        fields = {n: getattr(value, n) for n in type(value).model_fields}
        update = {n: new for n, old in fields.items() if (new := moved(old, folder)) is not old}
        return value.model_copy(update=update) if update else value
    return value


def _rebased(value: Any, old: Path, new: Path) -> Any:
    if isinstance(value, Path):
        return new / value.relative_to(old) if value.is_relative_to(old) else value
    if isinstance(value, str):
        return str(_rebased(Path(value), old, new)) if value.startswith(f"{old}/") else value
    if isinstance(value, list):
        return [_rebased(v, old, new) for v in value]
    if isinstance(value, tuple):
        return tuple(_rebased(v, old, new) for v in value)
    if isinstance(value, dict):
        return {_rebased(k, old, new): _rebased(v, old, new) for k, v in value.items()}
    if isinstance(value, BaseModel):
        update = {n: _rebased(getattr(value, n), old, new) for n in type(value).model_fields}
        if isinstance(value, StepResult) and value.root:
            update["root"] = str(new)
        return value.model_copy(update=update)
    return value
