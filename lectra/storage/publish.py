"""A project folder published to shared storage: a reader sees the earlier run or this one."""

from pathlib import Path

from lectra.runtime.files import is_output_name, read_bounded, regular_files
from lectra.runtime.files import write_text as write_local
from lectra.storage.location import Location, is_url

MANIFEST = "run_report.json"  # written last: a deck whose report is there is complete


def published_names(folder: Path) -> list[str]:
    """The files of a project folder to publish: all but hidden ones (locks, partial files)."""
    names = [p.relative_to(folder).as_posix() for p in regular_files(folder)]
    return sorted(n for n in names if not any(part.startswith(".") for part in n.split("/")))


def publish_project(folder: Path, target: Location) -> list[str]:
    """Upload a published project folder to target; return the names uploaded.

    Object stores replace one object at a time, never a folder, so the report goes first and
    comes back last: while it is missing the deck is being published (course indexes and
    readers wait for it), and once it is there every file it lists is this run's. Files an
    earlier run left that this one did not make are deleted before the report returns (only
    files a run makes: anything else a person put there stays, as in a local folder).
    """
    names = published_names(folder)
    target.remove(MANIFEST)
    for name in names:
        if name != MANIFEST:
            target.upload(folder / name, name)
    for stale in sorted(set(target.files()) - set(names)):
        if ours(stale):
            target.remove(stale)
    if MANIFEST in names:
        target.upload(folder / MANIFEST, MANIFEST)
    return names


def ours(name: str) -> bool:
    """True for a name a run publishes: a deck file, or a file in a per-slide folder."""
    return name == MANIFEST or is_output_name(name)


def read_text(where: str, name: str, max_bytes: int) -> str | None:
    """The text of file name under a folder or storage URL; None when it is not there."""
    if is_url(where):
        data = Location(where).read(name, max_bytes)
        return data.decode("utf-8") if data is not None else None
    path = Path(where) / name
    if not path.is_file():
        return None
    return read_bounded(path, max_bytes, name).decode("utf-8")


def write_text(where: str, name: str, text: str) -> str:
    """Write text as file name under a folder or storage URL, whole; return where it is."""
    if is_url(where):
        Location(where).write(name, text.encode("utf-8"))
        return f"{where.rstrip('/')}/{name}"
    return str(write_local(Path(where) / name, text))
