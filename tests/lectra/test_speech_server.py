"""The openai voice engine against a loopback server speaking OpenAI's speech protocol."""

import itertools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from lectra.config.providers import choose
from lectra.config.settings import load_settings
from lectra.media.pcm import read_wav
from lectra.providers.options import VoiceOptions
from lectra.providers.voices import make_voice
from lectra.providers.voices.speaking import SENTENCE_GAP_S
from lectra.runtime.errors import VoiceError
from tests.fakes.loopback import Reply, serve
from tests.fakes.speech import SECONDS_PER_CHAR, FakeSpeechServer

KEY = "sk-speech-test-secret-77"


def options(server: FakeSpeechServer, **extra: Any) -> VoiceOptions:
    return VoiceOptions(
        name="openai",
        speech_url=f"{server.url}/v1",
        speech_model="kokoro",
        speech_voice="af_heart",
        speech_api_key=KEY,
        timeout_s=5,
        **extra,
    )


def test_each_sentence_is_requested_and_timed() -> None:
    text = "Tides rise twice a day. The moon pulls the sea. Turbines catch the flow."
    with serve(FakeSpeechServer(key=KEY)) as server:
        said = make_voice(options(server)).speak(text, "en")
    bodies = [r.json for r in server.requests]
    assert sorted(b["input"] for b in bodies) == sorted(s.text for s in said.sentences)
    assert {(b["model"], b["voice"], b["response_format"]) for b in bodies} == {
        ("kokoro", "af_heart", "wav")
    }
    assert all(r.headers["Authorization"] == f"Bearer {KEY}" for r in server.requests)
    starts = [s.start_s for s in said.sentences]
    for mark in said.sentences:  # each sentence lasts what the server spoke for it
        assert mark.end_s - mark.start_s == pytest.approx(
            len(mark.text) * SECONDS_PER_CHAR, abs=0.01
        )
    for before, after in itertools.pairwise(said.sentences):
        assert after.start_s - before.end_s == pytest.approx(SENTENCE_GAP_S, abs=0.002)
    assert starts == sorted(starts) and read_wav(said.audio).rate == 24000


def test_input_over_the_server_limit_is_cut_at_sentence_then_word_boundaries() -> None:
    sentence = "This sentence is short. "
    long_one = " ".join(["word"] * 60) + "."
    with serve(FakeSpeechServer(max_chars=120)) as server:
        said = make_voice(options(server, speech_max_chars=120)).speak(
            sentence * 3 + long_one, "en"
        )
    inputs = [r.json["input"] for r in server.requests]
    assert all(len(i) <= 120 for i in inputs) and len(inputs) == 3 + 3
    assert read_wav(said.audio).seconds > 0


def test_a_slides_sentences_go_at_once_within_the_slot() -> None:
    cap = threading.BoundedSemaphore(2)

    @contextmanager
    def slot() -> Iterator[None]:
        with cap:
            yield

    text = " ".join(f"Sentence number {n} is here." for n in range(6))
    with serve(FakeSpeechServer(delay_s=0.3)) as server:
        make_voice(options(server, parallel=6), slot).speak(text, "en")
        assert server.peak == 2  # six at once asked, the slot allows two
        make_voice(options(server, parallel=3)).speak(text, "en")
        assert server.peak == 3


@pytest.mark.parametrize(
    ("reply", "message", "transient"),
    [
        (Reply(429, {"error": {"message": "Rate limit reached"}}), r"HTTP 429 \(Rate limit", True),
        (Reply(503, "busy", content_type="text/plain"), "HTTP 503", True),
        (Reply(400, {"error": {"message": "voice 'x' not found"}}), "voice 'x' not found", False),
        (Reply(401, {"error": {"message": "bad key"}}), "the API key was refused", False),
        (Reply(200, b"not audio", content_type="audio/wav"), "not WAV audio", False),
    ],
)
def test_failures_say_what_happened_and_only_passing_ones_retry(
    reply: Reply, message: str, transient: bool
) -> None:
    with serve(FakeSpeechServer()) as server:
        server.failures.append(reply)
        with pytest.raises(VoiceError, match=message) as err:
            make_voice(options(server)).speak("Hello there.", "en")
    assert err.value.transient is transient and KEY not in str(err.value)


def test_auto_prefers_a_configured_speech_server_that_answers() -> None:
    with serve(FakeSpeechServer(key=KEY)) as server:
        settings = load_settings(speech_base_url=f"{server.url}/v1", speech_api_key=KEY)
        chosen, reasons = choose(settings)
        assert chosen["voice"] == "openai" and server.url in reasons["voice"]
        wrong_key = load_settings(speech_base_url=f"{server.url}/v1", speech_api_key="nope")
        chosen, reasons = choose(wrong_key)
    assert chosen["voice"] == "piper" and "refused the API key" in reasons["voice"]
    assert "nope" not in reasons["voice"]
