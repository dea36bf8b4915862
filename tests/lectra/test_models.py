"""Request validation: every kind of bad input becomes one InputError naming the problem."""

import pytest

from lectra.config.settings import load_settings
from lectra.models import DeckRequest, slugify
from lectra.runtime.errors import InputError


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"topic": ""}, "topic is empty"),
        ({"topic": "   \u3000 "}, "topic is empty"),
        ({"topic": "x" * 501}, "topic is 501 characters; the limit is 500"),
        ({"topic": "bad\x07topic"}, "topic contains control characters"),
        ({"topic": "two\nlines"}, "topic contains control characters"),
        ({"project": "../x"}, "not a safe folder name"),
        ({"project": "a/b"}, "not a safe folder name"),
        ({"project": ".."}, "not a safe folder name"),
        ({"project": ""}, "not a safe folder name"),
        ({"slides": 0}, "slide count 0 is outside 1..60"),
        ({"slides": 61}, "slide count 61 is outside 1..60"),
        ({"lang": "xx"}, "unknown language 'xx'"),
    ],
)
def test_bad_requests_name_the_problem(kwargs: dict[str, object], message: str) -> None:
    args = {"topic": "Solar", "project": "solar", "slides": 5, "lang": "en"} | kwargs
    with pytest.raises(InputError) as err:
        DeckRequest.build(**args)  # type: ignore[arg-type]
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_good_request_is_trimmed_and_gets_a_project() -> None:
    req = DeckRequest.build("  Renewable Energy!  ", None, 8, "en")
    assert req.topic == "Renewable Energy!"
    assert req.project == "renewable-energy"


def test_topic_without_ascii_gets_a_fallback_project() -> None:
    assert DeckRequest.build("可再生能源", None, 3, "zh").project == "deck"
    assert slugify("Ünïcödé  Tópic") == "unicode-topic"


def test_settings_come_from_lectra_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LECTRA_MAX_CONCURRENT_TTS", "2")
    monkeypatch.setenv("LECTRA_WRITER", "offline")
    settings = load_settings()
    assert (settings.max_concurrent_tts, settings.writer, settings.max_concurrent_images) == (
        2,
        "offline",
        5,
    )
    assert (
        load_settings(max_concurrent_tts=4).max_concurrent_tts == 4
    )  # a flag beats the environment


def test_bad_settings_are_input_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LECTRA_WRITER", "gpt-banana")
    with pytest.raises(InputError, match="LECTRA_WRITER"):
        load_settings()


@pytest.mark.parametrize(
    ("given", "review"),
    [
        ("true", "scripts"),
        ("1", "scripts"),
        ("false", "off"),
        ("outline", "outline"),
        ("both", "both"),
    ],
)
def test_review_takes_a_stage_or_a_switch(
    monkeypatch: pytest.MonkeyPatch, given: str, review: str
) -> None:
    monkeypatch.setenv("LECTRA_REVIEW", given)
    assert load_settings().review == review
    assert load_settings(review=True).review == "scripts"  # a switch is the scripts' pause
    monkeypatch.setenv("LECTRA_REVIEW", "later")
    with pytest.raises(InputError, match="LECTRA_REVIEW"):
        load_settings()
