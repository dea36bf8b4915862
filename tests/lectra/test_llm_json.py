"""Lenient reading and strict validation of model answers."""

import pytest

from lectra.providers.llm_json import AnswerError, extract_object, parse_answer
from lectra.providers.prompts import OutlineDraft, ScriptDraft


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
