"""The cache's shared copy (a storage URL): what one machine computed, another replays.

Each machine keeps working in its local cache folder, as without shared storage. A step's
record is pushed once it is written, its media files first, so a machine that finds the
record finds every file it names; a record missing here is pulled, its files first, before
the cache is asked. Media are named by their hash and checked against it when pulled.
"""

import os
import threading
from collections.abc import Callable
from pathlib import Path

from lectra.cache.store import MediaStore, holds
from lectra.runtime.files import scratch_file
from lectra.storage.location import Location

RESULTS = "results"  # the cache folder's Prefect result records, one file per key
MAX_RECORD_BYTES = 64 * 1024 * 1024
MAX_MEDIA_BYTES = 4 * 1024 * 1024 * 1024
Files = list[tuple[Path, str]]  # (the path a file was kept from, its digest)

_shared: set[tuple[str, str]] = set()  # (cache URL, media name) known to be stored there
_lock = threading.Lock()


def media_name(digest: str, suffix: str) -> str:
    """A media file's name under the cache, local and shared alike."""
    return f"media/{digest[:2]}/{digest}{suffix}"


class SharedCache:
    """The cache at url, mirrored by the local cache folder local."""

    def __init__(self, url: str, local: Path) -> None:
        self.url, self.remote, self.local = url, Location(url), local
        self.store = MediaStore(local)

    def _known(self, name: str) -> bool:
        with _lock:
            return (self.url, name) in _shared

    def _note(self, name: str) -> None:
        with _lock:
            _shared.add((self.url, name))

    def push(self, key: str, files: Files) -> int:
        """Store the record under key and the media files it names; return how many files
        were uploaded (media already there are not sent again)."""
        sent = 0
        for path, digest in files:
            name = media_name(digest, path.suffix)
            if self._known(name):
                continue
            if not self.remote.exists(name):
                self.remote.upload(self.store.file(digest, path.suffix), name)
                sent += 1
            self._note(name)
        self.remote.upload(self.local / RESULTS / key, f"{RESULTS}/{key}")
        return sent + 1

    def pull(self, key: str, files_of: Callable[[Path], Files]) -> bool:
        """Bring the record under key and its media here when this machine lacks it; False
        when the shared cache has no usable record (a miss). files_of lists a record's files
        and raises ValueError for a record that is not one: that record is deleted there too
        (no run can use it) and the error raised again, for the caller to say."""
        record = self.local / RESULTS / key
        if record.exists() or record.is_symlink():
            return True
        with scratch_file(record.parent, "") as tmp:
            if not self.remote.download(f"{RESULTS}/{key}", tmp, MAX_RECORD_BYTES):
                return False
            try:
                files = files_of(tmp)
            except ValueError:
                self.remote.remove(f"{RESULTS}/{key}")
                raise
            if not all(self._fetch(path.suffix, digest) for path, digest in files):
                return False
            tmp.chmod(0o644)
            os.replace(tmp, record)  # the record last, as it was pushed
        return True

    def _fetch(self, suffix: str, digest: str) -> bool:
        """The media file with digest in the local store, downloaded if missing; False when
        the shared cache does not hold it either."""
        kept = self.store.file(digest, suffix)
        if holds(kept, digest):
            return True
        name = media_name(digest, suffix)
        if not self.remote.download(name, kept, MAX_MEDIA_BYTES):
            return False
        if not holds(kept, digest):  # not what its name says: not used
            kept.unlink(missing_ok=True)
            return False
        self._note(name)
        return True
