"""Runs whose outputs and cache live in an S3-protocol store (a real one on loopback)."""

import json
from pathlib import Path

import pytest

from flows.presentation import presentation
from tests.fakes.s3 import BUCKET, CREDENTIALS, bucket_files
from tests.flows.test_cache_flow import counts, online, plant, planted_victims

__all__ = ["online"]  # every provider faked, as in the cache tests

pytestmark = pytest.mark.slow
DECKS = f"s3://{BUCKET}/flows"


def test_a_deck_built_on_one_machine_replays_on_another(
    prefect_server: None,
    s3: dict[str, str],
    online: dict[str, list],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LECTRA_OUTPUT_DIR", DECKS)
    monkeypatch.setenv("LECTRA_SCRATCH_DIR", str(tmp_path / "machine-a"))
    first = presentation(topic="Tidal Power", slides=3, video=False)
    made = counts(online)
    stored = bucket_files(s3, "flows/tidal-power")
    assert first.output_dir == f"{DECKS}/tidal-power"
    for name, url in first.outputs.items():  # every output, at its URL, as the run made it
        key = url.removeprefix(f"s3://{BUCKET}/")
        assert key in stored, name
    report = json.loads(stored["flows/tidal-power/run_report.json"])
    assert report["outputs"] == first.outputs and not report["warnings"]

    # another machine, nothing on its disk: the whole run replays from the shared cache
    monkeypatch.setenv("LECTRA_SCRATCH_DIR", str(tmp_path / "machine-b"))
    again = presentation(topic="Tidal Power", slides=3, video=False)
    assert counts(online) == made and again.replayed
    assert bucket_files(s3, "flows/tidal-power").keys() == stored.keys()

    # a third, asking for the video too: each step's record is shared, only the video is new
    monkeypatch.setenv("LECTRA_SCRATCH_DIR", str(tmp_path / "machine-c"))
    video = presentation(topic="Tidal Power", slides=3, video=True)
    assert counts(online) == made and not video.replayed
    assert {t.stage for t in video.tasks if not t.cached} == {"segment", "video", "publish"}
    assert "flows/tidal-power/video.mp4" in bucket_files(s3, "flows/tidal-power")
    secret = CREDENTIALS["AWS_SECRET_ACCESS_KEY"].encode()
    assert not [k for k, v in bucket_files(s3).items() if secret in v]


def test_a_local_deck_can_share_only_its_cache(
    prefect_server: None,
    s3: dict[str, str],
    online: dict[str, list],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LECTRA_OUTPUT_DIR", str(tmp_path / "here"))
    monkeypatch.setenv("LECTRA_CACHE_DIR", f"s3://{BUCKET}/shared-cache")
    monkeypatch.setenv("LECTRA_SCRATCH_DIR", str(tmp_path / "scratch-a"))
    presentation(topic="Wind Farms", slides=2, video=False)
    made = counts(online)
    assert (tmp_path / "here" / "wind-farms" / "presentation.pptx").is_file()
    assert any(k.startswith("shared-cache/results/run-") for k in bucket_files(s3, "shared-cache"))

    monkeypatch.setenv("LECTRA_OUTPUT_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("LECTRA_SCRATCH_DIR", str(tmp_path / "scratch-b"))
    again = presentation(topic="Wind Farms", slides=2, video=False)
    assert counts(online) == made and again.replayed
    assert (tmp_path / "elsewhere" / "wind-farms" / "presentation.pptx").is_file()


@pytest.mark.hostile
def test_a_record_planted_in_shared_storage_deletes_nothing_on_another_machine(
    prefect_server: None,
    s3: dict[str, str],
    online: dict[str, list],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Records rewritten in the bucket to name files outside the run: a second machine
    downloads and deletes nothing there, and the records are deleted from the bucket."""
    from lectra.storage.location import Location

    url = f"s3://{BUCKET}/planted-cache"
    monkeypatch.setenv("LECTRA_OUTPUT_DIR", str(tmp_path / "here"))
    monkeypatch.setenv("LECTRA_CACHE_DIR", url)
    monkeypatch.setenv("LECTRA_SCRATCH_DIR", str(tmp_path / "scratch-a"))
    presentation(topic="Wind Farms", slides=2, video=False)
    home, victims = planted_victims(tmp_path)
    scratch = tmp_path / "planting"
    names = [k for k in bucket_files(s3, "planted-cache") if "/results/" in k]
    for number, key in enumerate(names):
        record = scratch / f"record-{number}"
        record.parent.mkdir(exist_ok=True)
        record.write_bytes(bucket_files(s3, key.removeprefix(f"{BUCKET}/"))[key])
        plant(record, victims, scratch / "media")
        Location(url).write(key.removeprefix("planted-cache/"), record.read_bytes())
    for media in (scratch / "media").rglob("*.txt"):  # the attacker's content, stored by hash
        Location(url).upload(media, f"media/{media.parent.name}/{media.name}")

    monkeypatch.setenv("LECTRA_OUTPUT_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("LECTRA_SCRATCH_DIR", str(tmp_path / "scratch-b"))
    again = presentation(topic="Wind Farms", slides=2, video=False)
    assert sorted(home.iterdir()) == sorted(victims)
    assert all(v.read_text() == f"work of years: {v.name}" for v in victims)  # 0 of 44 touched
    assert (
        not again.replayed
        and (tmp_path / "elsewhere" / "wind-farms" / "presentation.pptx").is_file()
    )
    left = {k: v for k, v in bucket_files(s3, "planted-cache").items() if "/results/" in k}
    assert not [k for k, v in left.items() if b"thesis" in v]  # forgotten there too
