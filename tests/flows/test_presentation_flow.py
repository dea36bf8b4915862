"""Full flow runs on a temporary Prefect server, with their outputs checked for real."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

from flows.presentation import presentation
from lectra.pipeline.report import RunReport
from lectra.runtime.errors import InputError, MediaError, ProjectBusyError
from lectra.runtime.runlock import project_lock
from tests.flows.checks import assert_no_overflow, assert_outputs_agree, probe


def test_full_offline_run(prefect_server: None, tmp_path: Path) -> None:
    report = presentation(
        topic="Renewable Energy", project="energy", slides=5, output_dir=str(tmp_path)
    )
    out = tmp_path / "energy"
    saved = assert_outputs_agree(out)
    assert_no_overflow(out / "presentation.pptx")
    assert saved == json.loads(report.model_dump_json())
    assert report.deck_slides == 6 and report.warnings == []  # the 5 asked, then the closing page
    # offline, English is spoken by the bundled Piper voice, with every sentence timed
    assert report.providers == {"writer": "offline", "voice": "piper", "images": "generated"}
    assert "Piper speaks en" in report.provider_reasons["voice"]
    timed = sorted(p.name for p in (out / "sentence_boundaries").iterdir())
    assert timed == [f"slide_{i:03d}.json" for i in range(5)]
    names = {t.task for t in report.tasks}
    assert {"outline", "script-0", "narrate-4", "image-3", "frame-2", "deck", "video"} <= names
    stages = {s.stage for s in report.stages}
    assert {"outline", "script", "image", "narration", "frame", "deck", "audio", "video"} <= stages
    # one span per task run, measured as it ran: each starts after what it was given ended
    span = {t.task: (t.start_s, t.start_s + t.seconds) for t in report.tasks}
    assert len(span) == len(report.tasks) and not any(t.cached for t in report.tasks)
    slack = 0.01
    for i in range(5):
        assert span[f"script-{i}"][0] >= span["outline"][1] - slack
        assert span[f"narrate-{i}"][0] >= span[f"script-{i}"][1] - slack
        assert span[f"frame-{i}"][0] >= span[f"image-{i}"][1] - slack
        assert (
            span[f"segment-{i}"][0] >= max(span[f"frame-{i}"][1], span[f"narrate-{i}"][1]) - slack
        )
        assert span["video"][0] >= span[f"segment-{i}"][1] - slack
    assert sum(t.seconds for t in report.tasks if t.stage == "narration") > 1
    meta = json.loads((out / "images_metadata.json").read_text())
    assert [m["source"] for m in meta] == ["generated"] * 5  # the title slide has its picture too
    assert sorted(p.name for p in (out / "audio_chunks").iterdir())[:2] == [
        "slide_000.mp3",
        "slide_001.mp3",
    ]


def test_cjk_run_without_video(prefect_server: None, tmp_path: Path) -> None:
    report = presentation(
        topic="可再生能源",
        project="zh",
        slides=3,
        lang="zh",
        video=False,
        embed_audio=False,
        output_dir=str(tmp_path),
    )
    out = tmp_path / "zh"
    assert_outputs_agree(out, video=False, embedded=False)
    assert_no_overflow(out / "presentation.pptx", spaced=False)
    assert not (out / "video.mp4").exists() and "video" not in report.outputs
    assert not (out / "chapters.txt").exists() and "subtitles.srt" in report.outputs
    # no Piper voice for zh here, and espeak-ng's Chinese is noise: timed for reading instead
    assert report.providers["voice"] == "reading"
    assert report.warnings == [
        "voice: no voice here speaks Chinese intelligibly, so the deck is not narrated: it is "
        "timed for reading and its narration is shown as subtitles; for a voice, go online "
        "(edge-tts), set LECTRA_PIPER_VOICE to a Piper voice for 'zh', or "
        "LECTRA_SPEECH_BASE_URL to a speech server"
    ]
    assert "-->" in (out / "subtitles.srt").read_text(encoding="utf-8")


def test_a_language_no_voice_here_speaks_is_timed_for_reading_with_subtitles_drawn_in(
    prefect_server: None, tmp_path: Path
) -> None:
    report = presentation(
        topic="蓄電池", project="ja", slides=2, lang="ja", output_dir=str(tmp_path)
    )
    out = tmp_path / "ja"
    assert report.providers["voice"] == "reading"
    assert_outputs_agree(out, embedded=False)  # nothing to play: the deck only advances
    streams = probe(out / "video.mp4", "-show_streams")["streams"]
    assert "subtitle" not in [s["codec_type"] for s in streams]  # drawn into the picture
    cues = (out / "subtitles.srt").read_text(encoding="utf-8").count(" --> ")
    assert cues >= 4 and len(report.warnings) == 1 and "not narrated" in report.warnings[0]


def test_burnt_subtitles_replace_the_soft_track(prefect_server: None, tmp_path: Path) -> None:
    report = presentation(
        topic="Tidal Power",
        project="burnt",
        slides=2,
        burn_subtitles=True,
        voice_engine="espeak",
        output_dir=str(tmp_path),
    )
    out = tmp_path / "burnt"
    assert_outputs_agree(out)
    assert {"video", "subtitles.srt", "subtitles.vtt", "chapters.txt", "poster.jpg"} <= set(
        report.outputs
    )
    streams = probe(out / "video.mp4", "-show_streams")["streams"]
    assert "subtitle" not in [s["codec_type"] for s in streams]
    # the first cue is drawn over the bottom of slide 0's frame, which has none
    first = (out / "subtitles.srt").read_text().split("\n")[1].split(" --> ")
    at = (_seconds(first[0]) + _seconds(first[1])) / 2
    grab = out / "grab.png"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-ss",
            f"{at:.3f}",
            "-i",
            str(out / "video.mp4"),
            "-frames:v",
            "1",
            str(grab),
        ],
        check=True,
    )
    box = (0, 860, 1920, 1080)
    with Image.open(grab) as shown, Image.open(out / "frames" / "slide_000.png") as frame:
        drawn = ImageChops.difference(
            shown.convert("RGB").crop(box), frame.convert("RGB").crop(box)
        )
        assert sum(ImageStat.Stat(drawn).mean) / 3 > 5
    grab.unlink()


def _seconds(stamp: str) -> float:
    h, m, rest = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(rest.replace(",", "."))


def test_broken_voice_keeps_the_deck(
    prefect_server: None,
    tmp_path: Path,
    broken_espeak: Path,
    broken_piper: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LECTRA_PIPER_VOICE", str(broken_piper))
    monkeypatch.setenv("LECTRA_RETRIES", "1")
    monkeypatch.setenv("LECTRA_RETRY_DELAY_S", "0")
    state = presentation(
        topic="Broken voices",
        project="broken",
        slides=3,
        output_dir=str(tmp_path),
        return_state=True,
    )
    report = state.result()
    saved = assert_outputs_agree(tmp_path / "broken", embedded=False)  # no silence embedded
    with get_client(sync_client=True) as client:  # the UI says which slides degraded
        runs = client.read_task_runs(
            flow_run_filter=FlowRunFilter(
                id=FlowRunFilterId(any_=[state.state_details.flow_run_id])
            )
        )
    names = {r.name: r.state.name for r in runs if r.state}
    assert {n: v for n, v in names.items() if n.startswith("narrate-")} == {
        f"narrate-{i}": "Degraded" for i in range(3)
    }
    assert names["frame-1"] == "Completed"
    assert len(saved["warnings"]) == 3
    assert all("narration replaced by silence" in w for w in saved["warnings"])
    assert {t.provider for t in report.tasks if t.stage == "narration"} == {"silence"}
    # a degraded slide is not cached: once the voice works, the next run speaks it
    monkeypatch.undo()
    again = presentation(
        topic="Broken voices", project="broken", slides=3, output_dir=str(tmp_path)
    )
    narrated = [t for t in again.tasks if t.stage == "narration"]
    assert again.warnings == [] and not any(t.cached for t in narrated)
    assert {t.provider for t in narrated} == {"piper"}


def test_a_smaller_rerun_leaves_nothing_of_the_bigger_one(
    prefect_server: None, tmp_path: Path
) -> None:
    def run(slides: int, video: bool) -> None:
        presentation(
            topic="Tidal Power",
            project="shrink",
            slides=slides,
            video=video,
            voice_engine="espeak",
            output_dir=str(tmp_path),
        )

    out = tmp_path / "shrink"
    run(3, True)
    assert (out / "frames" / "slide_002.png").exists() and (out / "video.mp4").exists()
    run(2, False)
    assert_outputs_agree(out, video=False)
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert not [n for n in names if "slide_002" in n], names
    assert not {"video.mp4", "chapters.txt", "poster.jpg"} & names
    assert {"presentation.pptx", "narration.mp3", "subtitles.srt", "run_report.json"} <= names


def test_a_busy_project_is_left_to_the_run_building_it(
    prefect_server: None, tmp_path: Path
) -> None:
    out = tmp_path / "busy"
    out.mkdir()
    in_progress = out / ".narration.x1y2.part.mp3"  # what the first run is writing
    in_progress.write_bytes(b"half")
    with (
        project_lock(out, "first-run"),
        pytest.raises(ProjectBusyError, match="busy is being built by run first-run"),
    ):
        presentation(topic="Tidal Power", project="busy", slides=2, output_dir=str(tmp_path))
    assert [p.name for p in out.iterdir()] == [in_progress.name]  # not swept, nothing added


def test_bad_input_fails_the_flow_before_writing(prefect_server: None, tmp_path: Path) -> None:
    from prefect.exceptions import ParameterTypeError

    # the run form's constraints: Prefect refuses the run before the flow starts
    with pytest.raises(ParameterTypeError, match="slides: Input should be less than or equal"):
        presentation(topic="Too many", slides=99, output_dir=str(tmp_path))
    with pytest.raises(InputError, match="not a safe folder name"):
        presentation(topic="Escape", project="../x", output_dir=str(tmp_path))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.hostile
def test_a_run_that_fails_leaves_the_last_complete_run_whole(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def run(topic: str) -> None:
        presentation(
            topic=topic,
            project="whole",
            slides=2,
            voice_engine="espeak",
            embed_audio=False,
            output_dir=str(tmp_path),
        )

    out = tmp_path / "whole"
    run("Tidal Power")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # the video join fails (an ffmpeg that breaks on its last step): everything else was made
    real = shutil.which("ffmpeg")
    shim = tmp_path / "bin" / "ffmpeg"
    shim.parent.mkdir()
    shim.write_text(
        f'#!/bin/sh\ncase "$*" in *ffmetadata*) echo "disk on fire" >&2; exit 1;; esac\n'
        f'exec "{real}" "$@"\n'
    )
    shim.chmod(0o755)
    monkeypatch.setenv("PATH", f"{shim.parent}:{os.environ['PATH']}")
    with pytest.raises(MediaError, match="disk on fire"):
        run("Wind Power")
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after.keys() == before.keys()
    assert [p for p in after if after[p] != before[p]] == []  # not one file of the failed run
    assert json.loads((out / "run_report.json").read_text())["topic"] == "Tidal Power"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", ".whole.lock", "bin", "whole"]


@pytest.mark.hostile
def test_links_planted_in_a_project_are_never_followed(
    prefect_server: None, tmp_path: Path
) -> None:
    """frames -> elsewhere, and an output file linked to a file outside: a rerun (and a
    replayed one) writes and deletes nothing there, and the project holds real files again."""
    out_dir = tmp_path / "outputs"

    def run(refresh: bool = False) -> RunReport:
        return presentation(
            topic="Tidal Power",
            project="tides",
            slides=2,
            video=False,
            output_dir=str(out_dir),
            refresh=refresh,
        )

    run()
    project = out_dir / "tides"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    keep = {elsewhere / "notes.txt": b"mine", elsewhere / "slide_001.png": b"not a frame"}
    for path, data in keep.items():
        path.write_bytes(data)
    victim = tmp_path / "victim.mp3"
    victim.write_bytes(b"precious")
    for refresh in (True, False):  # every step again; then the whole run replayed
        shutil.rmtree(project / "frames")
        (project / "frames").symlink_to(elsewhere)
        (project / "narration.mp3").unlink()
        (project / "narration.mp3").symlink_to(victim)
        report = run(refresh)
        assert report.replayed != refresh
        assert {p: p.read_bytes() for p in elsewhere.iterdir()} == keep
        assert victim.read_bytes() == b"precious"
        assert not (project / "frames").is_symlink() and (project / "frames").is_dir()
        assert not (project / "narration.mp3").is_symlink()
        assert_outputs_agree(project, video=False)


@pytest.mark.hostile
def test_a_project_that_is_a_link_out_of_the_output_folder_is_refused(
    prefect_server: None, tmp_path: Path
) -> None:
    out_dir, elsewhere = tmp_path / "outputs", tmp_path / "elsewhere"
    out_dir.mkdir()
    elsewhere.mkdir()
    (out_dir / "tides").symlink_to(elsewhere)
    with pytest.raises(InputError, match="is a symbolic link"):
        presentation(topic="Tidal Power", project="tides", slides=2, output_dir=str(out_dir))
    assert list(elsewhere.iterdir()) == []


@pytest.mark.hostile
def test_model_text_with_cue_syntax_and_noncharacters_makes_a_clean_deck(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A model that writes U+FFFE, a forged SubRip cue and SSA style tags: the deck is made,
    and no output carries any of them (they crashed the deck, forged a 40 s cue, restyled
    the burnt subtitles)."""
    import zipfile

    from tests.fakes.llm import FakeOllama
    from tests.fakes.loopback import serve

    forged = "0:0:0,0 --> 9:0:0,0 FORGED"
    answer = {
        "bullets": ["Tides \ufffe rise", "Moon {\\an8}{\\fs120}pulls \uffff"],
        "notes": f"The tide rises twice a day.\n\n99\n{forged}\n{{\\an8}}{{\\fs120}}Big text.",
        "image_query": "tide",
    }
    with serve(FakeOllama()) as ollama:
        outline = {"title": "Tides \ufffe", "subtitle": "Up {\\an8}", "slides": ["Moon \uffff"]}
        ollama.script.extend([json.dumps(outline), json.dumps(answer), json.dumps(answer)])
        monkeypatch.setenv("LECTRA_OLLAMA_URL", ollama.url)
        report = presentation(
            topic="Tides",
            project="hostile",
            slides=2,
            writer="ollama",
            voice_engine="espeak",
            burn_subtitles=True,
            output_dir=str(tmp_path),
        )
    out = tmp_path / "hostile"
    assert report.deck_slides >= 2
    assert_outputs_agree(out)
    with zipfile.ZipFile(out / "presentation.pptx") as deck:
        texts = [deck.read(n).decode() for n in deck.namelist() if n.endswith(".xml")]
    for name in ("subtitles.srt", "subtitles.vtt", "chapters.txt", "script.json"):
        texts.append((out / name).read_text())
    for text in texts:
        assert "\ufffe" not in text and "\uffff" not in text and "{\\" not in text
    srt = (out / "subtitles.srt").read_text()
    timings = [line for line in srt.splitlines() if "-->" in line]
    assert len(timings) == srt.count("\n\n") and "FORGED" in srt  # said, as text of a cue
    for line in timings:
        start, end = (
            sum(float(part.replace(",", ".")) * 60**i for i, part in enumerate(t.split(":")[::-1]))
            for t in line.split(" --> ")
        )
        assert 0 < end - start < 15, line
