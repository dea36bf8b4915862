"""edge-tts with its Communicate replaced at the library boundary."""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from lectra.media.ffmpeg import encode_narration, probe_duration
from lectra.providers.options import VoiceOptions
from lectra.providers.voices import make_voice
from lectra.providers.voices.edge import MAX_SENTENCE_CHARS
from lectra.providers.voices.speaking import SENTENCE_GAP_S
from lectra.runtime.errors import VoiceError
from tests.fakes.edge import SilentCommunicate, ThrottledCommunicate, fake_edge


def test_voice_follows_the_language_and_speaks_with_word_timings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = fake_edge(monkeypatch)
    voice = make_voice(VoiceOptions(name="edge", rate="+10%", pitch="-5Hz"))
    speech = voice.speak("Bonjour tout le monde. Ça va?", "fr")
    assert sorted(c["text"] for c in calls) == ["Bonjour tout le monde.", "Ça va?"]
    assert all(c["voice"] == "fr-FR-DeniseNeural" for c in calls)
    assert calls[0]["boundary"] == "WordBoundary"
    assert calls[0]["rate"] == "+10%" and calls[0]["pitch"] == "-5Hz"
    assert [w.text for w in speech.words] == ["Bonjour", "tout", "le", "monde.", "Ça", "va?"]
    first, second = speech.sentences
    assert (first.text, second.text) == ("Bonjour tout le monde.", "Ça va?")
    # each sentence's words are moved to where the sentence is heard
    assert speech.words[2].start_s - speech.words[1].start_s == pytest.approx(0.3, abs=0.01)
    assert first.start_s <= speech.words[0].start_s < speech.words[3].end_s <= first.end_s
    assert second.start_s - first.end_s == pytest.approx(SENTENCE_GAP_S, abs=0.01)
    assert second.start_s <= speech.words[4].start_s < speech.words[5].end_s <= second.end_s
    seconds = encode_narration(speech.audio, tmp_path / "a.mp3")
    assert seconds == pytest.approx(probe_duration(tmp_path / "a.mp3"))
    assert 2.0 < seconds < 2.5  # 1.2 s and 0.6 s of tone and the gap
    make_voice(VoiceOptions(name="edge", voice="en-GB-SoniaNeural")).speak("Hi.", "en")
    assert calls[-1]["voice"] == "en-GB-SoniaNeural"


def test_sentences_go_at_once_each_within_a_slot_and_join_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = fake_edge(monkeypatch)
    held, peak, lock = [0], [0], threading.Lock()

    @contextmanager
    def slot() -> Iterator[None]:
        with lock:
            held[0] += 1
            peak[0] = max(peak[0], held[0])
        try:
            yield
        finally:
            with lock:
                held[0] -= 1

    text = " ".join(f"Sentence number {n} has words." for n in range(7))
    text += " " + "word " * (MAX_SENTENCE_CHARS // 5 + 40) + "end."
    speech = make_voice(VoiceOptions(name="edge", parallel=3), slot).speak(text, "en")
    assert len(calls) == 9 and all(len(c["text"]) <= MAX_SENTENCE_CHARS for c in calls)
    assert 1 < peak[0] <= 3  # one slot per call, three at a time
    assert [w.text for w in speech.words] == text.split()
    starts = [w.start_s for w in speech.words]
    assert starts == sorted(starts)  # later sentences' words come after earlier ones
    seconds = encode_narration(speech.audio, tmp_path / "a.mp3")
    assert speech.words[-1].end_s == pytest.approx(seconds, abs=0.4)
    assert len(speech.sentences) == 9


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
