"""The review forms: the deck they show, and the deck an edited form makes."""

from pathlib import Path

from lectra.models import DeckScript, Outline, SlideScript
from lectra.pipeline.deckscript import parse_markdown, script_markdown
from lectra.pipeline.review import (
    DeckEdit,
    OutlineEdit,
    SlideEdit,
    edited,
    form_of,
    outline_form,
    outlined,
    unwritten,
)
from tests.conftest import make_cfg

OUTLINE = Outline(title="Tides", slide_titles=["Tides", "The moon", "Tidal power"])
DECK = DeckScript(
    outline=OUTLINE,
    slides=[
        SlideScript(index=0, kind="title", title="Tides", notes="Welcome."),
        SlideScript(
            index=1, title="The moon", bullets=["Pulls"], notes="It pulls.", image_query="moon"
        ),
        SlideScript(index=2, title="Tidal power", bullets=["Turbines"], notes="They spin."),
    ],
)


def test_an_edited_outline_keeps_the_slides_whose_titles_stayed() -> None:
    form = outline_form(DECK)
    assert form.slides == ["The moon", "Tidal power"]
    deck = outlined(DECK, OutlineEdit(title="Tides Today", slides=["Tidal power", "Spring tides"]))
    assert deck.outline.title == "Tides Today"
    assert [s.title for s in deck.slides] == ["Tides Today", "Tidal power", "Spring tides"]
    assert deck.slides[1].notes == "They spin." and deck.slides[1].index == 1
    assert deck.slides[2].bullets == [] and deck.slides[2].notes == ""  # for the writer
    assert deck.slides[0].notes == "Welcome."


def test_an_unchanged_script_form_keeps_what_only_the_writer_knew() -> None:
    same = edited(DECK, form_of(DECK))
    assert same.slides[1].image_query == "moon"
    moved = form_of(DECK).model_copy(
        update={
            "slides": [SlideEdit(title="Tidal power", bullets=["Turbines"], notes="They spin.")]
        }
    )
    deck = edited(DECK, DeckEdit.model_validate(moved.model_dump()))
    assert [s.title for s in deck.slides] == ["Tides", "Tidal power"]


def test_the_writer_writes_the_slides_with_nothing_under_their_heading(tmp_path: Path) -> None:
    given = outlined(DECK, OutlineEdit(title="Tides", slides=["The moon", "Spring tides"]))
    cfg = make_cfg(tmp_path).model_copy(update={"given": given})
    assert cfg.given_slide(1) == given.slides[1]
    assert cfg.given_slide(2) is None  # a heading alone
    assert cfg.model_copy(update={"redo": [1]}).given_slide(1) is None  # asked again
    blank = unwritten(OUTLINE)
    assert [s.title for s in blank.slides] == ["Tides", "The moon", "Tidal power"]
    assert not any(s.notes or s.bullets for s in blank.slides)
    outline_md = script_markdown(blank)  # what the CLI's outline review leaves to edit
    assert parse_markdown(outline_md) == blank and "\n\n\n" not in outline_md
    assert make_cfg(tmp_path).given_slide(0) is None  # no script given
