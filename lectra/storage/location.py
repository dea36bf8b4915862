"""A storage URL (s3://bucket/prefix, any fsspec store) and what Lectra does with it.

fsspec with s3fs does the work: one well-kept interface for S3 and every S3-compatible store
(MinIO, Ceph, R2), credentials from the standard AWS variables, ~/.aws or an instance role,
AWS_ENDPOINT_URL for a store that is not AWS. Nothing here holds or prints a credential.
"""

import os
import posixpath
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import fsspec

from lectra.runtime.errors import InputError, StorageError
from lectra.runtime.files import atomic_path
from lectra.runtime.secrets import masked, remember

LOCAL = {"", "file", "local"}
SECRET_VARIABLES = ("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")


def is_url(value: object) -> bool:
    """True for a storage URL that is not a local path (s3://..., gs://...)."""
    text = str(value)
    return "://" in text and urlsplit(text).scheme.lower() not in LOCAL


def checked_url(value: str, what: str) -> str:
    """value as a storage URL Lectra can use, without a trailing slash; InputError naming what
    is wrong: credentials inside it, no bucket, a store no installed package speaks."""
    parts = urlsplit(value)
    if parts.username or parts.password or "@" in parts.netloc:
        raise InputError(
            f"{what}: credentials do not go in the URL; set AWS_ACCESS_KEY_ID and "
            "AWS_SECRET_ACCESS_KEY (or ~/.aws, or the worker's role)"
        )
    if not parts.netloc or parts.query or parts.fragment:
        raise InputError(f"{what}: {value!r} is not a storage URL like s3://bucket/prefix")
    try:
        fsspec.get_filesystem_class(parts.scheme.lower())
    except (ImportError, ValueError) as exc:
        raise InputError(
            f"{what}: {parts.scheme}:// cannot be used here ({_reason(exc)})"
        ) from None
    return value.rstrip("/")


@cache
def _filesystem(protocol: str, environment: tuple[tuple[str, str], ...]) -> Any:
    # no listings cache: another machine writes the same prefixes while this one reads them
    return fsspec.filesystem(protocol, use_listings_cache=False, skip_instance_cache=True)


def _aws_environment() -> tuple[tuple[str, str], ...]:
    """The AWS_* variables a client is made from: a new client when they change."""
    return tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("AWS_")))


def _reason(exc: Exception) -> str:
    """An exception's first line (any credential of the environment masked), or its class when
    it says nothing."""
    remember(*(os.environ.get(name) for name in SECRET_VARIABLES))
    return masked(str(exc).splitlines()[0], 200) if str(exc) else type(exc).__name__


class Location:
    """A folder in shared storage: paths below it are '/'-separated names."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        parts = urlsplit(self.url)
        self.protocol = parts.scheme.lower()
        self.root = f"{parts.netloc}{parts.path}".rstrip("/")

    def __str__(self) -> str:
        return self.url

    def _path(self, name: str) -> str:
        return posixpath.join(self.root, name) if name else self.root

    def _call(self, what: str, name: str, fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except FileNotFoundError:
            raise
        except Exception as exc:  # botocore, aiohttp and fsspec errors alike
            raise StorageError(f"{what} {self.url}/{name}: {_reason(exc)}") from None

    @property
    def fs(self) -> Any:
        """The fsspec filesystem of this URL's protocol."""
        return _filesystem(self.protocol, _aws_environment())

    def check(self, what: str) -> None:
        """StorageError naming what when this URL's bucket cannot be reached or is missing."""
        bucket = self.root.split("/")[0]
        try:
            self.fs.info(bucket)
        except FileNotFoundError:
            raise StorageError(f"{what} {self.url}: there is no bucket {bucket!r}") from None
        except Exception as exc:  # botocore, aiohttp and fsspec errors alike
            raise StorageError(f"{what} {self.url}: {_reason(exc)}") from None

    def exists(self, name: str) -> bool:
        """True when a file named name is here."""
        return bool(self._call("checking", name, self.fs.isfile, self._path(name)))

    def size(self, name: str) -> int | None:
        """The size of file name, None when there is none."""
        try:
            info = self._call("checking", name, self.fs.info, self._path(name))
        except FileNotFoundError:
            return None
        return int(info.get("size") or 0) if info.get("type") == "file" else None

    def _bounded_size(self, name: str, max_bytes: int) -> int | None:
        """The size of file name (None when there is none); StorageError over max_bytes."""
        size = self.size(name)
        if size is not None and size > max_bytes:
            raise StorageError(f"{self.url}/{name}: {size} bytes; the limit is {max_bytes}")
        return size

    def read(self, name: str, max_bytes: int) -> bytes | None:
        """The bytes of file name (None when there is none); StorageError over max_bytes."""
        if self._bounded_size(name, max_bytes) is None:
            return None
        try:
            data = self._call("reading", name, self.fs.cat_file, self._path(name))
        except FileNotFoundError:
            return None
        if len(data) > max_bytes:
            raise StorageError(f"{self.url}/{name}: over {max_bytes} bytes")
        return bytes(data)

    def write(self, name: str, data: bytes) -> None:
        """Store data as file name; an object appears whole or not at all."""
        self._call("writing", name, self.fs.pipe_file, self._path(name), data)

    def upload(self, local: Path, name: str) -> None:
        """Store a local file as file name."""
        self._call("writing", name, self.fs.put_file, str(local), self._path(name))

    def download(self, name: str, local: Path, max_bytes: int) -> bool:
        """Copy file name to local (whole, never a partial file under its name); False when
        there is none."""
        if self._bounded_size(name, max_bytes) is None:
            return False
        with atomic_path(local) as tmp:
            try:
                self._call("reading", name, self.fs.get_file, self._path(name), str(tmp))
            except FileNotFoundError:
                return False
            if tmp.stat().st_size > max_bytes:
                raise StorageError(f"{self.url}/{name}: over {max_bytes} bytes")
        return True

    def remove(self, name: str) -> None:
        """Delete file name if it is here."""
        try:
            self._call("deleting", name, self.fs.rm_file, self._path(name))
        except FileNotFoundError:
            return

    def files(self, under: str = "") -> list[str]:
        """The names of every file below under (relative to this folder)."""
        try:
            found = self._call("listing", under, self.fs.find, self._path(under))
        except FileNotFoundError:
            return []
        return sorted(posixpath.relpath(str(p), self.root) for p in found)
