"""A source read once: a file or URL, bounded, parsed in a child process, kept by its hash."""

import contextlib
import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import ValidationError

from lectra.documents.model import Document
from lectra.documents.worker import REFUSED
from lectra.runtime.errors import InputError, LectraError, ToolTimeoutError
from lectra.runtime.files import read_bounded
from lectra.runtime.jsondata import strict_json
from lectra.runtime.processes import run_bounded

MAX_SOURCE_BYTES = 64 * 1024 * 1024
MAX_SOURCE_JSON_BYTES = 64 * 1024 * 1024
PARSE_MEMORY_MB = 1536
PARSE_SECONDS = 240.0
FETCH_SECONDS = 30.0
SUFFIXES = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".pptx": "pptx",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
}
FOLDER = "sources"


def is_url(given: str) -> bool:
    """True for an http(s) address."""
    return urlsplit(given).scheme in {"http", "https"}


def kind_of(data: bytes, name: str) -> str:
    """What data is, from its first bytes, else its name's ending; InputError for a format
    Lectra does not read."""
    head = data[:2048].lstrip().lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or name.lower().endswith(".docx"):
            return "docx"
        if b"ppt/" in data[:65536] or name.lower().endswith(".pptx"):
            return "pptx"
        raise InputError(f"{name}: a zip that is neither a Word document nor a PowerPoint deck")
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]:
        return "html"
    suffix = Path(urlsplit(name).path).suffix.lower()
    if suffix in {".pdf", ".docx", ".pptx"}:
        raise InputError(f"{name}: not a {suffix[1:].upper()} file inside")
    if b"\x00" in data[:8192]:
        raise InputError(
            f"{name}: not a document Lectra reads (PDF, DOCX, PPTX, Markdown, HTML, text)"
        )
    return SUFFIXES.get(suffix, "text")


def source_bytes(given: str) -> tuple[bytes, str]:
    """The bytes of a source and the name it is cited by: a file read with bounds, or a URL
    fetched from a public address only; InputError naming what is wrong."""
    if is_url(given):
        from lectra.providers.images.download import download

        try:
            return download(given, MAX_SOURCE_BYTES, FETCH_SECONDS, pictures_only=False), given
        except LectraError as exc:
            raise InputError(f"source {given[:80]}: {exc}") from None
    path = Path(given).expanduser()
    return read_bounded(path, MAX_SOURCE_BYTES, "source"), path.name


def cached(folder: Path) -> Document | None:
    """The document kept in folder, or None when there is none or it does not check."""
    kept = folder / "source.json"
    if not kept.is_file():
        return None
    try:
        data = strict_json(read_bounded(kept, MAX_SOURCE_JSON_BYTES, "source.json").decode())
        return Document.model_validate(data)
    except (InputError, ValidationError, UnicodeDecodeError):
        return None


def parsed(data: bytes, name: str, cache_dir: Path) -> Document:
    """The document in data, from the cache when this content was read before; parsed in a
    child process bounded in memory and time otherwise."""
    sha = hashlib.sha256(data).hexdigest()
    folder = cache_dir / FOLDER / sha
    found = cached(folder)
    if found is not None:
        return found.model_copy(update={"name": name})
    kind = kind_of(data, name)
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{sha[:12]}-", dir=folder.parent))
    try:
        (work / "input").write_bytes(data)
        cmd = [
            sys.executable,
            "-m",
            "lectra.documents.worker",
            kind,
            str(work / "input"),
            str(work),
            name,
            sha,
            str(PARSE_MEMORY_MB),
            str(PARSE_SECONDS),
        ]
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        try:
            done = run_bounded(cmd, None, PARSE_SECONDS + 15, env=env)
        except ToolTimeoutError:
            raise InputError(f"{name}: not read within {PARSE_SECONDS:g} s") from None
        said = done.stderr.decode(errors="replace").strip().splitlines()
        refused = [line.removeprefix(REFUSED) for line in said if line.startswith(REFUSED)]
        if refused:
            raise InputError(refused[-1])
        if done.returncode != 0:
            why = "its memory ran out" if done.returncode < 0 else (said[-1][:160] if said else "")
            raise InputError(f"{name}: could not be read ({why or f'exit {done.returncode}'})")
        (work / "input").unlink()
        document = cached(work)
        if document is None:
            raise InputError(f"{name}: could not be read (no document came back)")
        with contextlib.suppress(OSError):  # another run kept the same document first
            work.rename(folder)
        return document.model_copy(update={"name": name})
    finally:
        shutil.rmtree(work, ignore_errors=True)


def read_source(given: str, cache_dir: Path) -> Document:
    """The document a --source names (a file or a URL), parsed once per content."""
    data, name = source_bytes(given)
    if not data.strip():
        raise InputError(f"source {name}: empty")
    document = parsed(data, name, cache_dir)
    if not document.sections:
        raise InputError(f"source {name}: no text found in it")
    return document
