"""Cache keys hash exactly a step's inputs; the media store brings back deleted outputs."""

import shutil
from pathlib import Path
from typing import Any

import pytest

from lectra.cache.keys import step_key
from lectra.cache.store import MediaStore
from lectra.runtime.errors import MediaError
from tests.conftest import make_cfg
from tests.lectra import steps


def outline_key(tmp_path: Path, **settings: Any) -> str:
    cfg = make_cfg(tmp_path, **settings)
    return step_key("outline", {"cfg": cfg})


def test_outline_key_follows_topic_language_count_and_writer(tmp_path: Path) -> None:
    base = outline_key(tmp_path)
    assert outline_key(tmp_path) == base  # a new run (new run id) has the same key
    assert outline_key(tmp_path, lang="fr") != base
    assert outline_key(tmp_path, slides=5) != base
    assert outline_key(tmp_path, writer="ollama") != base
    assert outline_key(tmp_path, writer="ollama", ollama_model="qwen2.5") != outline_key(
        tmp_path, writer="ollama"
    )
    # what the outline does not depend on leaves its key alone
    assert outline_key(tmp_path, voice_engine="edge", max_concurrent_tts=1, retries=0) == base


def test_later_keys_follow_their_own_inputs_only(tmp_path: Path) -> None:
    cfg = make_cfg(tmp_path)
    outline = steps.write_outline(cfg).outline
    plans = [steps.write_script(cfg, outline, i) for i in range(4)]
    edited = plans[2].model_copy(
        update={"script": plans[2].script.model_copy(update={"notes": "New words."})}
    )

    def narration_keys(items: list, c: object = cfg) -> list[str]:
        return [step_key("narration", {"cfg": c, "plan": p, "index": p.index}) for p in items]

    before = narration_keys(plans)
    after = narration_keys([*plans[:2], edited, plans[3]])
    assert [a == b for a, b in zip(before, after, strict=True)] == [True, True, False, True]
    elsewhere = plans[1].model_copy(update={"root": str(tmp_path / "another-project")})
    assert narration_keys([elsewhere])[0] == before[1]  # where it was written is not an input
    edge = make_cfg(tmp_path, voice_engine="edge")
    assert narration_keys(plans, edge)[0] != before[0]
    # what is heard changes the key; how many calls go at once does not
    assert narration_keys(plans, make_cfg(tmp_path, loudness_lufs=-20))[0] != before[0]
    assert narration_keys(plans, make_cfg(tmp_path, slide_pause_s=0))[0] != before[0]
    assert narration_keys(plans, make_cfg(tmp_path, max_concurrent_tts=1))[0] == before[0]
    assert step_key("image", {"cfg": edge, "plan": plans[1], "index": 1}) == step_key(
        "image", {"cfg": cfg, "plan": plans[1], "index": 1}
    )


def test_publishing_choices_change_only_the_steps_they_shape(tmp_path: Path) -> None:
    base, light = make_cfg(tmp_path), make_cfg(tmp_path, embed_audio=False)
    burnt = make_cfg(tmp_path, burn_subtitles=True)

    def keys(cfg: object) -> dict[str, str]:
        return {
            stage: step_key(stage, {"cfg": cfg})
            for stage in ("deck", "segment", "video", "audio", "run")
        }

    plain, no_audio, drawn = keys(base), keys(light), keys(burnt)
    assert {s for s in plain if plain[s] != no_audio[s]} == {"deck", "run"}
    assert {s for s in plain if plain[s] != drawn[s]} == {"segment", "video", "run"}


@pytest.mark.hostile
def test_the_api_key_is_not_part_of_any_key(tmp_path: Path) -> None:
    one = outline_key(tmp_path, writer="openai", openai_base_url="http://h/v1", openai_api_key="a")
    two = outline_key(tmp_path, writer="openai", openai_base_url="http://h/v1", openai_api_key="b")
    assert one == two


def test_the_store_brings_back_deleted_and_replaced_files(tmp_path: Path) -> None:
    store = MediaStore(tmp_path / "cache")
    out = tmp_path / "out" / "a.mp3"
    out.parent.mkdir()
    out.write_bytes(b"first")
    digest = store.keep(out)
    assert store.keep(out) == digest and store.file(digest, ".mp3").read_bytes() == b"first"
    out.unlink()
    store.restore(out, digest)
    assert out.read_bytes() == b"first"
    out.unlink()
    out.write_bytes(b"other run")  # replaced by another run's output
    store.restore(out, digest)
    assert out.read_bytes() == b"first"
    out.unlink()
    store.file(digest, ".mp3").unlink()
    with pytest.raises(MediaError, match="gone from the output folder and from the cache"):
        store.restore(out, digest)


def test_partials_a_killed_run_left_are_swept(tmp_path: Path) -> None:
    from lectra.runtime.files import atomic_path, sweep_partials

    (tmp_path / "frames").mkdir()
    (tmp_path / "frames" / ".slide_001.x1y2.part.png").write_bytes(b"half")
    (tmp_path / ".scratch.abc.txt").write_text("list")
    with atomic_path(tmp_path / "frames" / "slide_000.png") as tmp:
        tmp.write_bytes(b"whole")
    assert sweep_partials(tmp_path) == 2
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == ["slide_000.png"]
    assert sweep_partials(tmp_path / "missing") == 0


@pytest.mark.hostile
def test_stored_media_is_used_only_while_it_matches_its_hash(tmp_path: Path) -> None:
    from lectra.models import StepResult

    store = MediaStore(tmp_path / "cache")
    frame = tmp_path / "out" / "poster.jpg"
    frame.parent.mkdir()
    frame.write_bytes(b"the real frame")
    digest = store.keep(frame)
    kept = StepResult(files={str(frame): digest}, root=str(frame.parent))
    assert store.has([kept]) and store.in_place([kept])

    stored = store.file(digest, ".jpg")
    elsewhere = tmp_path / "elsewhere.jpg"
    elsewhere.write_bytes(b"the real frame")
    stored.unlink()
    stored.symlink_to(elsewhere)  # a link planted in the cache is never followed
    frame.unlink()
    assert not store.has([kept])
    assert not stored.is_symlink()  # dropped, so the step's rerun can keep its file again

    frame.write_bytes(b"the real frame")
    store.keep(frame)
    shutil.move(stored.parent, tmp_path / "planted")  # the media folder made a link outside
    stored.parent.symlink_to(tmp_path / "planted")
    frame.unlink()
    assert not store.has([kept])  # not read through the link, which is gone
    assert not stored.parent.is_symlink() and (tmp_path / "planted" / stored.name).exists()

    frame.write_bytes(b"the real frame")
    store.keep(frame)
    stored.write_bytes(b"rewritten in the shared cache")  # same bytes under the same name: no
    frame.unlink()
    assert not store.has([kept])
    with pytest.raises(MediaError):
        store.restore(frame, digest)
    assert not frame.exists()


PUBLISH = """
import sys
from pathlib import Path
from lectra.runtime.files import publish_folder
print("go", flush=True)
sys.stdin.readline()
publish_folder(Path(sys.argv[1]), Path(sys.argv[2]))
print("done", flush=True)
"""


@pytest.mark.hostile
def test_a_publish_killed_at_any_moment_leaves_one_whole_run(tmp_path: Path) -> None:
    """kill -9 during publishing: the project holds every file of one run, never some of
    each (the whole folder is swapped in one step)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    files = [f"frames/slide_{i:04d}.png" for i in range(1500)]
    for attempt in range(12):
        project, building = tmp_path / f"p{attempt}", tmp_path / f".p{attempt}.building"
        for folder, run in ((project, b"old"), (building, b"new")):
            for name in files:
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_bytes(run)
        child = subprocess.Popen(
            [sys.executable, "-c", PUBLISH, str(building), str(project)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdin is not None and child.stdout is not None
        assert child.stdout.readline().strip() == "go"
        child.stdin.write("\n")
        child.stdin.flush()
        time.sleep(attempt * 0.002)  # from at once to well after the swap
        child.send_signal(signal.SIGKILL)
        child.wait()
        held = {(project / name).read_bytes() for name in files if (project / name).exists()}
        assert len(held) == 1 and len(os.listdir(project / "frames")) == len(files), attempt


def test_publishing_swaps_the_folder_and_leaves_the_old_run_at_building(tmp_path: Path) -> None:
    from lectra.runtime.files import publish_folder, start_building

    project, building = tmp_path / "deck", tmp_path / ".deck.building"
    (project / "frames").mkdir(parents=True)
    (project / "frames" / "slide_000.png").write_bytes(b"old")
    (project / "user-notes.txt").write_bytes(b"kept")
    start_building(project, building)
    assert (building / "frames" / "slide_000.png").samefile(project / "frames" / "slide_000.png")
    (building / "frames" / "slide_000.png").unlink()
    (building / "frames" / "slide_000.png").write_bytes(b"new")
    publish_folder(building, project)
    assert (project / "frames" / "slide_000.png").read_bytes() == b"new"
    assert (project / "user-notes.txt").read_bytes() == b"kept"
    assert (building / "frames" / "slide_000.png").read_bytes() == b"old"
