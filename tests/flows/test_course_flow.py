"""The course flow on the embedded server: every deck built, a failing one named, reruns."""

import json
from pathlib import Path
from uuid import UUID

import pytest

from flows.course import course
from flows.course_cli import main
from lectra.runtime.errors import CourseError
from tests.bounds import ends_before

COURSE = """\
title: Mini Course
defaults: {slides: 2, video: false, voice_engine: espeak}
decks:
  - topic: Wind Power
  - topic: Tidal Power
    writer: ollama
  - topic: Solar Power
"""


def test_a_failing_deck_leaves_the_others_complete_and_is_named(
    prefect_server: None, tmp_path: Path
) -> None:
    # LECTRA_OLLAMA_URL points at a closed port (conftest): deck 2's writer cannot answer
    file = tmp_path / "course.yaml"
    file.write_text(COURSE)
    state = course(file=str(file), output_dir=str(tmp_path / "out"), return_state=True)
    assert state.is_failed()
    with pytest.raises(CourseError, match=r"1 of 3 decks failed: 2 \(Tidal Power\)"):
        state.result()
    folder = tmp_path / "out" / "mini-course"
    index = json.loads((folder / "course.json").read_text())
    assert [d["status"] for d in index["decks"]] == ["complete", "failed", "complete"]
    assert "ollama" in index["decks"][1]["error"]
    for deck in (index["decks"][0], index["decks"][2]):
        assert (folder / deck["pptx"]).is_file() and deck["duration_s"] > 1
        assert deck["worker"] and not deck["replayed"]
    assert not (folder / "02-tidal-power" / "presentation.pptx").exists()
    assert "failed: " in (folder / "index.html").read_text()

    # once the writer is fixed, the rerun redoes only the missing deck: the others replay
    file.write_text(COURSE.replace("    writer: ollama\n", ""))
    again = course(file=str(file), output_dir=str(tmp_path / "out"))
    assert [d.status for d in again.decks] == ["complete"] * 3
    assert [d.replayed for d in again.decks] == [True, False, True]


def test_a_course_topic_is_planned_into_lectures(prefect_server: None, tmp_path: Path) -> None:
    file = tmp_path / "course.yaml"
    file.write_text(
        "topic: Climate Science\nlectures: 2\n"
        "defaults: {slides: 2, video: false, voice_engine: espeak}\n"
    )
    index = course(file=str(file), output_dir=str(tmp_path))
    # the offline writer's outline of 3 slides: the title, one section and a summary
    assert [d.topic for d in index.decks] == [
        "What is Climate Science?",
        "Climate Science: Summary",
    ]
    assert (tmp_path / "climate-science" / "outline.json").is_file()  # the course's outline
    assert [d.project for d in index.decks] == [
        "01-what-is-climate-science",
        "02-climate-science-summary",
    ]


def test_a_bad_course_file_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "course.yaml"
    file.write_text("decks:\n  - topic: A\n    slides: 0\n")
    assert main([str(file)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lectra: error: course file") and "deck 1: slides" in err
    assert err.count("\n") == 1
    assert main(["--topic", "Climate"]) == 2  # no number of lectures
    assert "lectures" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())[1:]  # nothing written beside the file


def test_without_an_online_worker_the_decks_run_here(
    prefect_server: None, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.deployments.runner import RunnerDeployment

    from flows.presentation import presentation

    with get_client(sync_client=True) as client:
        client.create_work_pool(WorkPoolCreate(name="idle", type="process"), overwrite=True)
    deployment = presentation.to_deployment(name="on-demand", work_pool_name="idle")
    assert isinstance(deployment, RunnerDeployment)  # sync here, not a coroutine
    made = deployment.apply()
    assert isinstance(made, UUID)
    file = tmp_path / "course.yaml"
    file.write_text("decks:\n  - {topic: Geysers, slides: 2, video: false, voice_engine: espeak}\n")
    try:
        index = course(file=str(file), output_dir=str(tmp_path))  # would wait forever otherwise
    finally:
        with get_client(sync_client=True) as client:
            client.delete_deployment(made)
    assert [d.status for d in index.decks] == ["complete"]
    assert "no worker online in pool idle: the decks run here" in caplog.text


BOMB = (
    "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n"
        for p, n in zip("abcdef", "bcdefg", strict=True)
    )
    + "decks:\n  - topic: *g\n"
)


@pytest.mark.hostile
@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("fifo", None, "not a regular file"),
        ("zero", "/dev/zero", "not a regular file"),
        ("huge", "decks:\n" + "  - topic: T\n" * 30_000, "the limit is"),
        ("bomb", BOMB, "aliases (*name) are not allowed"),
        ("many", "decks:\n" + "".join(f"  - topic: T{i}\n" for i in range(5000)), "at most 200"),
        ("deep", "decks: " + "[" * 3000 + "]" * 3000, "nested deeper than"),
        ("twice", "decks:\n  - topic: A\ndecks:\n  - topic: B\n", "'decks' is given twice"),
        ("escape", "decks:\n  - topic: A\n    project: ../escape\n", "not a safe folder name"),
        ("empty", "decks:\n  - topic: '  '\n", "topic is empty"),
        ("control", 'decks:\n  - topic: "A\\x01B"\n', "control characters"),
        ("voice", "decks:\n  - topic: A\n    piper_voice: /etc/passwd\n", "not an .onnx file"),
        ("shared", "decks:\n  - {topic: A, project: p}\n  - {topic: B, project: p}\n", "deck 2"),
    ],
)
def test_a_hostile_course_file_is_one_line_exit_2_within_seconds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: str | None, says: str
) -> None:
    import os

    out = tmp_path / "out"
    if content is None:
        file = tmp_path / "course.yaml"
        os.mkfifo(file)  # no writer ever comes
    elif content.startswith("/dev/"):
        file = Path(content)
    else:
        file = tmp_path / "course.yaml"
        file.write_text(content)
    with ends_before(60):  # a FIFO no one writes would hold a plain read forever
        assert main([str(file), "--output-dir", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lectra: error: course file") and says in err, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()
