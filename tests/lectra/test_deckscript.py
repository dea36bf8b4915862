"""A deck's script read from Markdown or JSON, written back, and bad scripts refused."""

import json
from pathlib import Path

import pytest

from flows.cli import main
from lectra.models import Outline, SlideScript
from lectra.pipeline.deckscript import (
    MAX_SCRIPT_BYTES,
    checked,
    parse_markdown,
    read_script,
    script_markdown,
)
from lectra.runtime.errors import InputError

BY_HAND = """\
# Tides and the Moon
> Why the sea rises twice a day

Welcome. Today we look at the tides.

## What pulls the sea
- The Moon's **gravity**
- The Sun, less strongly

The Moon pulls the ocean nearest to it a little harder than the Earth itself.

The Sun does the same, at less than half the strength.

## Spring and neap tides
<!-- image: tide pool at low water -->
* When Sun and Moon line up, tides are highest
* At right angles, they are lowest

Twice a month the pulls add up. Twice a month they work against each other.
"""


def test_a_script_written_by_hand_is_read_as_its_author_meant() -> None:
    deck = parse_markdown(BY_HAND)
    assert deck.outline == Outline(
        title="Tides and the Moon",
        subtitle="Why the sea rises twice a day",
        slide_titles=["Tides and the Moon", "What pulls the sea", "Spring and neap tides"],
    )
    title, pull, spring = deck.slides
    assert (title.kind, title.notes) == ("title", "Welcome. Today we look at the tides.")
    assert pull.bullets == ["The Moon's **gravity**", "The Sun, less strongly"]
    assert pull.bullet_notes[1] == "The Sun does the same, at less than half the strength."
    assert spring.image_query == "tide pool at low water" and not spring.bullet_notes
    assert spring.notes.startswith("Twice a month the pulls add up.")


def test_what_a_run_writes_reads_back_the_same() -> None:
    deck = checked(
        outline=Outline(title="Grid", subtitle="", slide_titles=["Opening", "Storage"]),
        slides=[
            SlideScript(index=0, kind="title", title="Grid", notes="Hello.", image_query="grid"),
            SlideScript(
                index=1,
                title="Storage",
                bullets=["Batteries", "Pumped hydro"],
                notes="First. Batteries. Hydro.",
                opening="First.",
                bullet_notes=["Batteries.", "Hydro."],
                image_query="battery farm",
            ),
        ],
    )
    assert parse_markdown(script_markdown(deck)) == deck


def test_script_json_as_a_run_writes_it_is_a_script(tmp_path: Path) -> None:
    slides = [
        {"index": 0, "kind": "title", "title": "Grid", "notes": "Hi.", "pages": []},
        {"index": 1, "title": "Storage", "bullets": ["A"], "notes": "A.", "pages": [{}]},
    ]
    (tmp_path / "script.json").write_text(json.dumps(slides))
    deck = read_script(tmp_path / "script.json")
    assert deck.outline.slide_titles == ["Grid", "Storage"] and deck.slides[1].bullets == ["A"]


@pytest.mark.hostile
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (b"just some words\n", "line 1: text before the '# ' deck title"),
        (b"## A slide\n- bullet\n", "line 1: a slide before the '# ' deck title"),
        (b"# One\n# Two\n", "line 2: a second '# ' deck title"),
        (b"# Deck\n## \n- x\n", "slide 1: a '## ' heading with no title"),
        (b"# Deck\n" + b"## S\n- b\n" * 61, "62 slides; the limit is 60"),
        (b"\xff\xfe# Deck", "not UTF-8 text"),
        (b"[1, 2]", "expected a list of slides"),
        (b"{not json", "not JSON"),
        (b'{"outline": {"title": "x", "slide_titles": ["x", "y"]}, "slides": []}', "slides"),
        (b"[" * 100_000 + b"]" * 100_000, "JSON nested deeper than 12 levels"),
        (
            b'[{"title": "A", "notes": ' + b'{"a": ' * 20 + b"1" + b"}" * 20 + b"}]",
            "deeper than 12",
        ),
        (
            b'[{"title": "First", "title": "Second", "notes": "n"}]',
            "the key 'title' is given twice",
        ),
    ],
)
def test_a_script_that_cannot_make_a_deck_is_one_line(
    content: bytes, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "script.md"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_script(path)
    said = str(caught.value)
    assert said.startswith(f"script {path}: ") and message in said and "\n" not in said, said


@pytest.mark.hostile
def test_a_huge_script_a_folder_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    huge = tmp_path / "huge.md"
    huge.write_bytes(b"# Deck\n" + b"x" * MAX_SCRIPT_BYTES)
    for path, message in (
        (huge, f"the limit is {MAX_SCRIPT_BYTES}"),
        (tmp_path, "not a regular file"),
        (tmp_path / "missing.md", "No such file or directory"),
    ):
        with pytest.raises(InputError, match=message):
            read_script(path)


@pytest.mark.hostile
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--script", "empty.md"], "empty.md: empty"),
        ([], "give a topic, a document to make the deck from (--source FILE), or a script"),
        (["Tides", "--redo-slide", "1"], "redo slides: give the deck's script too"),
        (["--script", "deck.md", "--redo-slide", "3"], "the script has slides 0..2"),
    ],
)
def test_bad_script_options_are_one_line_exit_2(
    args: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "deck.md").write_text(BY_HAND)
    assert main(args) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], lines
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.md", "empty.md"]


def test_a_script_saved_with_a_byte_order_mark_reads_as_without(tmp_path: Path) -> None:
    path = tmp_path / "script.md"
    path.write_bytes("# Tides\n\n## Why\n- The moon\n".encode("utf-8-sig"))
    assert read_script(path).outline.title == "Tides"
    path.write_bytes('\ufeff[{"index": 0, "title": "Tides", "notes": "n"}]'.encode())
    assert read_script(path).slides[0].title == "Tides"
