"""Shared storage against a real S3-protocol server on loopback (moto's server mode)."""

import re
from pathlib import Path

import pytest

from lectra.cache.shared import RESULTS, SharedCache, media_name
from lectra.cache.store import MediaStore, digest_of
from lectra.config.run import check_storage
from lectra.config.settings import load_settings
from lectra.runtime.errors import InputError, StorageError
from lectra.storage.location import Location
from lectra.storage.publish import publish_project, read_text, write_text
from tests.fakes.s3 import BUCKET, bucket_files


def requests(s3: dict[str, str], after: int = 0) -> list[str]:
    """The S3 requests the server logged (method and path), from line after."""
    lines = Path(s3["log"]).read_text().splitlines()[after:]
    return [" ".join(m.groups()) for line in lines if (m := re.search(r'"(\w+) (\S+)', line))]


def test_a_storage_url_becomes_the_target_and_the_run_builds_in_scratch(tmp_path: Path) -> None:
    settings = load_settings(output_dir="s3://decks/team/", scratch_dir=tmp_path)
    assert (settings.output_url, settings.cache_url) == (
        "s3://decks/team",
        "s3://decks/team/.cache",
    )
    assert settings.output_dir == tmp_path / "outputs" and settings.cache_dir == tmp_path / "cache"
    local = load_settings(output_dir=tmp_path / "o", cache_dir="s3://c/x", scratch_dir=tmp_path)
    assert (local.output_url, local.cache_url, local.output_dir) == (
        None,
        "s3://c/x",
        tmp_path / "o",
    )
    plain = load_settings(output_dir=tmp_path)
    assert (plain.output_url, plain.cache_url, plain.output_dir) == (None, None, tmp_path)


@pytest.mark.hostile
@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("s3://AKIA123:secret123@bucket/x", "credentials do not go in the URL"),
        ("s3://", "is not a storage URL like s3://bucket/prefix"),
        ("s3://bucket/x?versionId=1", "is not a storage URL"),
        ("gs://bucket/x", "gs:// cannot be used here (Please install gcsfs"),
        ("nosuch://bucket/x", "nosuch:// cannot be used here"),
    ],
)
def test_an_unusable_storage_url_is_one_line(url: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        load_settings(output_dir=url)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert "secret123" not in str(caught.value)


def test_files_are_written_read_listed_and_bounded(s3: dict[str, str], tmp_path: Path) -> None:
    where = Location(f"s3://{BUCKET}/ops")
    where.write("a/one.txt", b"hello")
    (tmp_path / "two.bin").write_bytes(b"x" * 1000)
    where.upload(tmp_path / "two.bin", "a/two.bin")
    assert where.files() == ["a/one.txt", "a/two.bin"] and where.exists("a/one.txt")
    assert where.read("a/one.txt", 5) == b"hello" and where.read("missing", 5) is None
    with pytest.raises(StorageError, match="1000 bytes; the limit is 999"):
        where.read("a/two.bin", 999)
    with pytest.raises(StorageError, match="1000 bytes; the limit is 10"):
        where.download("a/two.bin", tmp_path / "back.bin", 10)
    assert not (tmp_path / "back.bin").exists() and not list(tmp_path.glob(".*part*"))
    assert where.download("a/two.bin", tmp_path / "back.bin", 1000)
    assert (tmp_path / "back.bin").read_bytes() == b"x" * 1000
    where.remove("a/one.txt")
    where.remove("a/one.txt")  # gone already: nothing to do
    assert where.files("a") == ["a/two.bin"]
    assert read_text(str(where), "a/two.bin", 1000) == "x" * 1000
    assert write_text(str(where), "b.txt", "é") == f"s3://{BUCKET}/ops/b.txt"
    assert read_text(str(tmp_path), "nothing.txt", 10) is None


def test_an_unreachable_store_is_a_storage_error_naming_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    with pytest.raises(StorageError, match=rf"s3://{BUCKET}/x/report.json"):
        Location(f"s3://{BUCKET}/x").write("report.json", b"{}")


def test_a_project_is_published_with_its_report_last_and_stale_files_gone(
    s3: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "deck"
    for name in ("presentation.pptx", "frames/slide_000.png", "frames/slide_001.png"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(name.encode())
    (folder / "run_report.json").write_text("{}")
    (folder / ".deck.lock").write_text("held")
    target = Location(f"s3://{BUCKET}/pub/deck")
    publish_project(folder, target)
    target.write("notes/mine.txt", b"a person's own file")
    (folder / "frames/slide_001.png").unlink()  # the next run makes one slide fewer
    (folder / "presentation.pptx").write_bytes(b"second run")
    seen = len(Path(s3["log"]).read_text().splitlines())
    sent = publish_project(folder, target)
    assert sent == ["frames/slide_000.png", "presentation.pptx", "run_report.json"]
    kept = sorted([*sent, "notes/mine.txt"])
    assert sorted(bucket_files(s3, "pub/deck")) == [f"pub/deck/{n}" for n in kept]
    assert bucket_files(s3, "pub/deck")["pub/deck/presentation.pptx"] == b"second run"
    changes = [r for r in requests(s3, seen) if r.split()[0] in {"PUT", "DELETE"}]
    # the report is withdrawn first and comes back last: while it is missing, readers wait
    assert changes[0] == f"DELETE /{BUCKET}/pub/deck/run_report.json"
    assert changes[-1] == f"PUT /{BUCKET}/pub/deck/run_report.json"
    assert f"DELETE /{BUCKET}/pub/deck/frames/slide_001.png" in changes


def _kept(store: MediaStore, tmp_path: Path, data: bytes, suffix: str) -> tuple[Path, str]:
    made = tmp_path / f"made{suffix}"
    made.write_bytes(data)
    return made, store.keep(made)


def test_a_record_and_its_media_replay_on_another_machine(
    s3: dict[str, str], tmp_path: Path
) -> None:
    url = f"s3://{BUCKET}/cache-a"
    here, there = tmp_path / "here", tmp_path / "there"
    files = [_kept(MediaStore(here), tmp_path, b"frame", ".png")]
    record = here / RESULTS / "frame-1"
    record.parent.mkdir(parents=True)
    record.write_text('{"record": 1}')
    assert SharedCache(url, here).push("frame-1", files) == 2
    assert SharedCache(url, here).push("frame-1", files) == 1  # the media is there already

    listed: list[Path] = []

    def files_of(path: Path) -> list[tuple[Path, str]]:
        listed.append(path)
        assert path.read_text() == '{"record": 1}'
        return files

    assert SharedCache(url, there).pull("frame-1", files_of)
    assert (there / RESULTS / "frame-1").read_text() == '{"record": 1}'
    digest = files[0][1]
    assert MediaStore(there).file(digest, ".png").read_bytes() == b"frame"
    assert not SharedCache(url, there).pull("frame-2", files_of)  # a miss
    assert not list((there / RESULTS).glob(".scratch*"))


def test_a_tampered_media_file_is_not_replayed(s3: dict[str, str], tmp_path: Path) -> None:
    url = f"s3://{BUCKET}/cache-b"
    here, there = tmp_path / "here", tmp_path / "there"
    made, digest = _kept(MediaStore(here), tmp_path, b"narration", ".mp3")
    (here / RESULTS).mkdir(parents=True)
    (here / RESULTS / "narration-1").write_text("{}")
    SharedCache(url, here).push("narration-1", [(made, digest)])
    Location(url).write(media_name(digest, ".mp3"), b"something else")
    assert not SharedCache(url, there).pull("narration-1", lambda _: [(made, digest)])
    assert not (there / RESULTS / "narration-1").exists()
    assert not MediaStore(there).file(digest, ".mp3").exists()
    assert digest_of(made) == digest


@pytest.mark.hostile
def test_a_missing_bucket_is_one_line_before_anything_is_built(
    s3: dict[str, str], tmp_path: Path
) -> None:
    settings = load_settings(output_dir="s3://no-such-bucket/decks", scratch_dir=tmp_path)
    with pytest.raises(StorageError) as caught:
        check_storage(settings)
    assert str(caught.value) == (
        "output_dir s3://no-such-bucket/decks: there is no bucket 'no-such-bucket'"
    )
    check_storage(load_settings(output_dir=f"s3://{BUCKET}/decks", scratch_dir=tmp_path))
