"""A deck rebuilt from its edited script: only what the edit touches runs again."""

from pathlib import Path

import pytest

from flows.presentation import presentation
from lectra.models import slugify
from lectra.pipeline.deckscript import parse_markdown, read_script, script_markdown
from lectra.pipeline.report import markdown
from tests.flows.test_cache_flow import counts, online

__all__ = ["online"]  # every provider faked, as in the cache tests

pytestmark = pytest.mark.slow
TOPIC = "Heat Pumps"
NOWHERE = "http://127.0.0.1:9/api"


def rerun(stage: str, report: object) -> list[str]:
    """The task runs of a stage that ran (were not replayed from the cache)."""
    return [t.task for t in report.tasks if t.stage == stage and not t.cached]  # type: ignore[attr-defined]


def test_an_edited_slide_is_the_only_one_spoken_and_drawn_again(
    prefect_server: None, tmp_path: Path, online: dict[str, list], monkeypatch: pytest.MonkeyPatch
) -> None:
    # drawn pictures: ten slides would run out of the fake search's photos, and a slide whose
    # photo degraded is redone on every run (degraded results are not cached)
    monkeypatch.setenv("LECTRA_IMAGE_SOURCE", "generated")
    first = presentation(topic=TOPIC, slides=10)
    assert not first.warnings
    assert first.rebuilt == [] and "built again" not in markdown(first)  # a first build
    made = counts(online)
    out = tmp_path / slugify(TOPIC)
    deck = read_script(out / "script.md")
    assert len(deck.slides) == 10 and parse_markdown(script_markdown(deck)) == deck

    text = (out / "script.md").read_text()
    said = deck.slides[4].notes.split(". ")[0]
    edited = text.replace(said, "Most heat pumps run on electricity alone", 1)
    assert edited != text
    (tmp_path / "edited.md").write_text(edited)
    again = presentation(topic=TOPIC, script=read_script(tmp_path / "edited.md"))

    assert counts(online)["chats"] == made["chats"]  # no model call
    # the voice is asked for the new sentence alone; the slide's others are kept from before
    assert [c["text"] for c in online["speech"][made["speech"] :]] == [
        "Most heat pumps run on electricity alone."
    ]
    assert rerun("narration", again) == ["narrate-4"]
    assert rerun("frame", again) == ["frame-4"]
    assert rerun("segment", again) == ["segment-4"]
    # the last slide's pages hold the closing page, which lists the sources of every slide
    assert sorted(rerun("pages", again)) == ["pages-4", "pages-9"]
    assert rerun("image", again) == []  # a picture depends on the title, not the notes
    assert "Most heat pumps run on electricity alone" in (out / "script.md").read_text()
    assert again.deck_slides == first.deck_slides
    assert [(r.slide, r.why) for r in again.rebuilt] == [(4, "its script changed")]
    assert "Slides built again: 4 (its script changed)" in markdown(again)


def test_one_slide_asked_of_the_writer_again_keeps_the_others(
    prefect_server: None, tmp_path: Path, online: dict[str, list], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LECTRA_IMAGE_SOURCE", "generated")
    presentation(topic=TOPIC, slides=4)
    out = tmp_path / slugify(TOPIC)
    written = read_script(out / "script.md")
    mine = written.model_copy(deep=True)
    for slide in mine.slides[1:]:
        slide.notes = f"My own words about {slide.title}."
        slide.opening, slide.bullet_notes = "", []
    chats = len(online["chats"])
    again = presentation(topic=TOPIC, script=mine, redo_slides=[2])
    assert len(online["chats"]) == chats + 1  # slide 2's script alone, asked again
    assert "script-2" in rerun("script", again)
    now = read_script(out / "script.md")
    assert now.slides[2].notes == written.slides[2].notes  # the writer's words again
    assert [s.notes for s in now.slides[1:] if s.index != 2] == [
        f"My own words about {s.title}." for s in mine.slides[1:] if s.index != 2
    ]


def test_the_cli_review_leaves_a_script_to_edit_and_resume_builds_it(tmp_path: Path) -> None:
    from tests.flows.test_cli import run_cli

    # no server: the default address points nowhere, so the review is a file
    env = {"LECTRA_OUTPUT_DIR": "decks", "PREFECT_API_URL": "", "LECTRA_LOCAL_PREFECT_API": NOWHERE}
    drafted = run_cli("Sea Ice", "--slides", "3", "--no-video", "--review", cwd=tmp_path, env=env)
    assert drafted.returncode == 0, drafted.stderr[-2000:]
    script = tmp_path / "decks" / "sea-ice" / "script.md"
    assert f"the script is ready to review: {script.resolve()}" in drafted.stderr
    assert "python -m flows.presentation --resume --project sea-ice" in drafted.stderr
    assert sorted(p.name for p in script.parent.iterdir()) == ["script.md"]  # nothing built
    text = script.read_text()
    script.write_text(text.replace(text.splitlines()[0], "# Sea Ice, Edited", 1))
    built = run_cli("--resume", "--project", "sea-ice", "--no-video", cwd=tmp_path, env=env)
    assert built.returncode == 0, built.stderr[-2000:]
    assert (script.parent / "presentation.pptx").is_file()
    assert read_script(script).outline.title == "Sea Ice, Edited"


def test_the_cli_outline_review_leaves_titles_and_the_slides_are_written_from_them(
    tmp_path: Path,
) -> None:
    from tests.flows.test_cli import run_cli

    env = {"LECTRA_OUTPUT_DIR": "decks", "PREFECT_API_URL": "", "LECTRA_LOCAL_PREFECT_API": NOWHERE}
    asked = ["Sea Ice", "--slides", "3", "--no-video", "--review", "both"]
    drafted = run_cli(*asked, cwd=tmp_path, env=env)
    assert drafted.returncode == 0, drafted.stderr[-2000:]
    script = tmp_path / "decks" / "sea-ice" / "script.md"
    assert f"the outline is ready to review: {script.resolve()}" in drafted.stderr
    then = "python -m flows.presentation --resume --project sea-ice --review scripts"
    assert then in drafted.stderr
    outline = read_script(script)
    assert len(outline.slides) == 3
    assert not any(s.bullets or s.notes for s in outline.slides)  # titles alone
    text = script.read_text().replace(outline.slides[2].title, "Where sea ice is thinning", 1)
    script.write_text(text)

    scripted = run_cli(
        "--resume", "--project", "sea-ice", "--review", "scripts", cwd=tmp_path, env=env
    )
    assert scripted.returncode == 0, scripted.stderr[-2000:]
    assert f"the script is ready to review: {script.resolve()}" in scripted.stderr
    written = read_script(script)
    assert written.slides[2].title == "Where sea ice is thinning"
    assert all(s.notes for s in written.slides[1:]) and written.slides[2].bullets

    built = run_cli("--resume", "--project", "sea-ice", "--no-video", cwd=tmp_path, env=env)
    assert built.returncode == 0, built.stderr[-2000:]
    assert read_script(script) == written  # built as reviewed, nothing written again
    assert (script.parent / "presentation.pptx").is_file()


@pytest.mark.hostile
def test_a_script_over_prefects_parameter_limit_builds_from_the_cli(tmp_path: Path) -> None:
    """A 600 KB script (Prefect refuses parameters over 512 KB) is passed by reference."""
    from tests.flows.test_cli import run_cli

    said = " ".join(f"Sentence {i} tells a little more about the tides." for i in range(12_000))
    script = tmp_path / "long.md"
    script.write_text(f"# Long Tides\n\nHello.\n\n## The moon\n- It pulls\n\n{said}\n")
    assert 600_000 < script.stat().st_size < 1024 * 1024
    env = {"LECTRA_OUTPUT_DIR": "decks", "LECTRA_LOCAL_PREFECT_API": NOWHERE}
    built = run_cli("--script", str(script), "--no-video", cwd=tmp_path, env=env)
    assert built.returncode == 0, built.stderr[-2000:]
    assert "Traceback" not in built.stderr
    assert (tmp_path / "decks" / "long-tides" / "presentation.pptx").is_file()
    assert "speaker notes cut from" in built.stdout  # said in the report, not dropped silently
