"""edge-tts with its Communicate replaced at the library boundary."""

import json
from pathlib import Path

import pytest

from lectra.media.ffmpeg import encode_narration, probe_duration
from lectra.providers.options import VoiceOptions
from lectra.providers.voices import make_voice
from lectra.providers.voices.edge import MAX_CHUNK_CHARS
from lectra.runtime.errors import VoiceError
from tests.fakes.edge import SilentCommunicate, ThrottledCommunicate, fake_edge


def test_voice_follows_the_language_and_speaks_with_word_timings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = fake_edge(monkeypatch)
    voice = make_voice(VoiceOptions(name="edge", rate="+10%", pitch="-5Hz"))
    speech = voice.speak("Bonjour tout le monde. Ça va?", "fr")
    assert calls[0]["voice"] == "fr-FR-DeniseNeural" and calls[0]["boundary"] == "WordBoundary"
    assert calls[0]["rate"] == "+10%" and calls[0]["pitch"] == "-5Hz"
    assert [w.text for w in speech.words] == ["Bonjour", "tout", "le", "monde.", "Ça", "va?"]
    assert speech.words[1].start_s == pytest.approx(0.3)
    # sentence timings come from the words they cover
    assert [(s.text, s.start_s, s.end_s) for s in speech.sentences] == [
        ("Bonjour tout le monde.", speech.words[0].start_s, speech.words[3].end_s),
        ("Ça va?", speech.words[4].start_s, speech.words[5].end_s),
    ]
    seconds = encode_narration(speech.audio, tmp_path / "a.mp3")
    assert seconds == pytest.approx(probe_duration(tmp_path / "a.mp3"))
    assert 1.6 < seconds < 2.1
    make_voice(VoiceOptions(name="edge", voice="en-GB-SoniaNeural")).speak("Hi.", "en")
    assert calls[1]["voice"] == "en-GB-SoniaNeural"


def test_long_notes_go_as_sentence_chunks_and_join_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = fake_edge(monkeypatch)
    sentence = "This sentence has exactly eight words in it. "
    text = sentence * (2 * MAX_CHUNK_CHARS // len(sentence) + 5)
    speech = make_voice(VoiceOptions(name="edge")).speak(text, "en")
    assert len(calls) == 3 and all(len(c["text"]) <= MAX_CHUNK_CHARS for c in calls)
    assert all(c["text"].endswith("in it.") for c in calls)  # split at sentence ends
    assert len(speech.words) == len(text.split())
    starts = [w.start_s for w in speech.words]
    assert starts == sorted(starts)  # later chunks' words are shifted after earlier ones
    seconds = encode_narration(speech.audio, tmp_path / "a.mp3")
    assert speech.words[-1].end_s == pytest.approx(seconds, abs=0.4)
    assert len(speech.sentences) == text.count(".")


@pytest.mark.parametrize(
    ("cls", "message"),
    [(ThrottledCommunicate, "HTTP 503"), (SilentCommunicate, "No audio was received")],
)
def test_edge_failures_are_transient(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cls: type, message: str
) -> None:
    fake_edge(monkeypatch, cls)
    with pytest.raises(VoiceError, match=message) as err:
        make_voice(VoiceOptions(name="edge")).speak("Hello.", "en")
    assert err.value.transient


def test_a_bad_voice_name_is_not_retried() -> None:
    with pytest.raises(VoiceError, match="rejected the voice settings") as err:
        make_voice(VoiceOptions(name="edge", rate="fast")).speak("Hi.", "en")
    assert not err.value.transient


def test_words_file_is_written_per_slide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import make_cfg
    from tests.lectra import steps

    fake_edge(monkeypatch)
    cfg = make_cfg(tmp_path, voice_engine="edge")
    outline = steps.write_outline(cfg).outline
    plan = steps.write_script(cfg, outline, 2)
    narration = steps.narrate(cfg, plan)
    assert narration.provider == "edge" and narration.words_path is not None
    saved = json.loads(narration.words_path.read_text())
    assert narration.words_path.name == "slide_002.json"
    assert [p["chunk"] for p in saved] == [a.path.name for a in narration.pages]
    assert saved[0]["words"][0]["text"] == plan.pages[0].notes.split()[0]
    sentences = json.loads(narration.sentences_path.read_text())  # type: ignore[union-attr]
    assert sentences[0]["sentences"][0]["start_s"] == saved[0]["words"][0]["start_s"]
