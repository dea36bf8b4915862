"""Lenient reading and strict validation of model answers."""

import pytest

from lectra.providers.writers.llm_json import AnswerError, extract_object, parse_answer
from lectra.providers.writers.prompts import OutlineDraft, ScriptDraft


@pytest.mark.parametrize(
    "answer",
    [
        '{"title": "T", "slides": ["a", "b"]}',
        '```json\n{"title": "T", "slides": ["a", "b"]}\n```',
        'Sure! Here is the outline:\n{"title": "T", "slides": ["a", "b"]}\nHope it helps.',
        '{"title": "T", "slides": ["a", "b",],}',
        '```\n{"title": "T",\n "slides": ["a", "b"], "extra": {"x": 1},}\n```',
    ],
)
def test_answers_in_the_usual_wrappings_parse(answer: str) -> None:
    draft = parse_answer(answer, OutlineDraft)
    assert draft.title == "T" and draft.slides == ["a", "b"]


def test_braces_and_commas_inside_strings_are_left_alone() -> None:
    data = extract_object('prose {"t": "a \\" quote {", "u": "x, }"} more {"not": "this"}')
    assert data == {"t": 'a " quote {', "u": "x, }"}


def test_bullet_marks_are_stripped_and_extra_keys_ignored() -> None:
    draft = parse_answer(
        '{"bullets": ["- one", "2. two", "• three", ""], "notes": "N.", "mood": "happy"}',
        ScriptDraft,
    )
    assert draft.bullets == ["one", "two", "three"] and draft.image_query == ""


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        ("I cannot help with that.", "no JSON object"),
        ('{"title": "T", "slides": ["a" "b"]}', "does not parse"),
        ('{"slides": ["a"]}', "title: Field required"),
        ('{"bullets": ["x"], "notes": ""}', "notes"),
        ('["a", "b"]', "no JSON object"),
    ],
)
def test_bad_answers_say_what_is_wrong(answer: str, problem: str) -> None:
    model = ScriptDraft if "bullets" in answer else OutlineDraft
    with pytest.raises(AnswerError, match=problem):
        parse_answer(answer, model)


def test_raw_newlines_in_strings_and_numbered_titles_are_read() -> None:
    """llama.cpp's JSON grammar lets a model write a newline inside a string; small models
    number their titles."""
    draft = parse_answer(
        '{"title": "Solar\npower", "slides": ["Slide 2: Cells", "3) Light", "4 - Grid"]}',
        OutlineDraft,
    )
    assert draft.title == "Solar\npower" and draft.slides == ["Cells", "Light", "Grid"]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("type", "repeats the instructions"),
        ("minLength", "repeats the instructions"),
        ("Title:", "repeats the instructions"),
        ("./the_first_section.jsond/1234", "markup or a path"),
        ("{{ 'How Solar Panels Work' }}", "markup or a path"),
        ("1.3.5.2024", "not words"),
    ],
)
def test_text_that_is_no_text_is_named(text: str, why: str) -> None:
    from lectra.providers.writers.answer_checks import junk

    assert why in str(junk(text))


@pytest.mark.parametrize(
    "text",
    [
        "How solar cells turn light into power",
        "Costs fell 90% since 2010",
        "1,000 kWh/m²/year in Spain",
        "नमस्ते दुनिया",
        "太阳能电池如何工作",
        "**Fire safety**: spacing and sprinklers",
    ],
)
def test_real_text_is_not_called_junk(text: str) -> None:
    from lectra.providers.writers.answer_checks import junk

    assert junk(text) is None


def test_an_answer_that_copies_the_example_is_refused() -> None:
    from lectra.providers.writers.answer_checks import check_content

    example = {"bullets": ["The vocabulary you need", "How the parts fit together"]}
    copied = {"bullets": ["The vocabulary you need", "How the parts fit together", "More"]}
    with pytest.raises(AnswerError, match="copies the example"):
        check_content(copied, example)
    check_content({"bullets": ["Cells turn light to current", "How the parts fit together"]}, {})
