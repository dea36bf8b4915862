"""A course file read and checked, the decks it makes, its index and the peaks across decks."""

import json
from pathlib import Path

import pytest

from lectra.course import (
    CourseIndex,
    DeckOutcome,
    course_peaks,
    deck_parameters,
    lecture_topics,
    load_course,
    markdown,
    peak_at_once,
    write_index,
)
from lectra.runtime.errors import InputError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "course.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_decks_take_the_defaults_then_their_own_options(tmp_path: Path) -> None:
    spec = load_course(
        write(
            tmp_path,
            "title: Energy\ndefaults: {slides: 4, lang: de}\n"
            "decks:\n  - topic: Wind\n    slides: 6\n  - Solar Power\n",
        )
    )
    wind, solar = (
        deck_parameters(spec, n, d, str(tmp_path), "") for n, d in enumerate(spec.decks, 1)
    )
    assert (wind.topic, wind.slides, wind.lang, wind.project) == ("Wind", 6, "de", "01-wind")
    assert (solar.slides, solar.project, solar.output_dir) == (4, "02-solar-power", str(tmp_path))


def test_a_deck_made_from_documents_finds_them_beside_the_course_file(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "tides.md").write_text("# Tides\n\nThe moon pulls the sea twice a day.\n")
    spec = load_course(write(tmp_path, "decks:\n  - sources: [docs/tides.md]\n"))
    params = deck_parameters(spec, 1, spec.decks[0], str(tmp_path / "out"), "")
    assert params.sources == [str(tmp_path / "docs" / "tides.md")] and params.project == "01-tides"
    (tmp_path / "docs" / "talk.pptx").write_bytes(b"not read until its run")
    spec = load_course(write(tmp_path, "decks:\n  - narrate: docs/talk.pptx\n"))
    narrated = deck_parameters(spec, 1, spec.decks[0], str(tmp_path / "out"), "")
    assert narrated.narrate == str(tmp_path / "docs" / "talk.pptx")
    assert narrated.project == "01-talk"
    with pytest.raises(InputError, match=r"deck 1: source .*missing\.md"):
        load_course(write(tmp_path, "decks:\n  - sources: [missing.md]\n"))


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("decks: [", "is not usable YAML"),
        ("- just a list", "is not a mapping"),
        ("title: Empty\n", "a course lists decks, or gives a topic"),
        ("topic: Climate\n", "lectures"),
        ("decks:\n  - topic: A\n    slides: 99\n", "deck 1: slides"),
        ("decks:\n  - topic: A\n  - topic: B\n    voice_engine: nope\n", "deck 2: voice_engine"),
        ("decks:\n  - topic: A\n    colour: red\n", "deck 1: colour"),
        ("decks: [{topic: A}]\nextra: 1\n", "extra"),
        (
            "defaults: {voice_engine: espeak, piper_voice: /etc/passwd}\ndecks: [{topic: A}]\n",
            "piper voice /etc/passwd is given, but voice engine espeak does not speak with it",
        ),
    ],
)
def test_a_bad_course_file_is_one_line_naming_the_problem(
    tmp_path: Path, text: str, says: str
) -> None:
    with pytest.raises(InputError, match=says) as caught:
        load_course(write(tmp_path, text))
    assert "\n" not in str(caught.value)


def test_a_missing_course_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.yaml"):
        load_course(tmp_path / "nope.yaml")


def test_planned_lectures_say_what_they_are_about() -> None:
    decks = lecture_topics("Climate Science", ["What is Climate Science?", "Key concepts"])
    assert decks == [
        {"topic": "What is Climate Science?"},
        {"topic": "Climate Science: Key concepts"},
    ]


def test_the_index_links_each_complete_deck_and_names_a_failed_one(tmp_path: Path) -> None:
    done = DeckOutcome(
        number=1,
        topic="Wind & <Sun>",
        project="01-wind",
        status="complete",
        title="Wind & <Sun>",
        duration_s=95,
        video="01-wind/video.mp4",
        pptx="01-wind/presentation.pptx",
        worker="worker-a",
    )
    failed = DeckOutcome(
        number=2, topic="Tides", project="02-tides", status="failed", error="no outline: refused"
    )
    index = CourseIndex(title="Energy", folder=str(tmp_path), seconds=3.5, decks=[done, failed])
    write_index(index, str(tmp_path))
    page = (tmp_path / "index.html").read_text()
    assert "Wind &amp; &lt;Sun&gt;" in page and "1:35" in page
    assert 'href="01-wind/video.mp4"' in page and 'href="01-wind/presentation.pptx"' in page
    assert "failed: no outline: refused" in page
    assert json.loads((tmp_path / "course.json").read_text())["decks"][1]["status"] == "failed"
    table = markdown(index)
    assert "| 2 | Tides | failed: no outline: refused |" in table and "worker-a" in table
    assert not list(tmp_path.glob("*.tmp*"))


def test_peaks_count_slots_held_at_once_across_decks() -> None:
    assert peak_at_once([(0, 1), (1, 2), (0.5, 1.5)]) == 2  # touching ends do not overlap
    limits = {"tts": 3, "images": 5}
    first = {
        "flow_start": 100.0,
        "server_limits": limits,
        "tasks": [{"holds": [["tts", 0, 2], ["images", 0, 1]]}],
    }
    second = {
        "flow_start": 101.0,
        "server_limits": limits,
        "tasks": [{"holds": [["tts", 0, 2]]}, {"holds": []}],
    }
    assert course_peaks([first, second]) == {"images": 1, "tts": 2}
    assert course_peaks([first, {**second, "flow_start": 102.0}])["tts"] == 1


def test_peaks_leave_out_calls_that_held_no_server_slot() -> None:
    remote = {"flow_start": 0.0, "server_limits": {"tts": 3}, "tasks": [{"holds": [["tts", 0, 2]]}]}
    # a deck spoken by Piper here: its local cap held the calls, the server's limit did not
    local = {"flow_start": 0.0, "server_limits": {}, "tasks": [{"holds": [["tts", 0, 2]] * 3}]}
    assert course_peaks([remote, local])["tts"] == 1
    assert course_peaks([local])["tts"] == 0
