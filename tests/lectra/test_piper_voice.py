"""The real bundled Piper voice: speech that is there, sentence timings that match the audio."""

import itertools
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lectra.config.settings import load_settings
from lectra.media.ffmpeg import MP3_DELAY_S, encode_narration, loudness
from lectra.media.pcm import read_wav
from lectra.providers.base import Voice
from lectra.providers.voices.espeak import EspeakVoice
from lectra.providers.voices.piper import PiperVoice, bundled_voice, loaded, voice_language
from lectra.providers.voices.speaking import SENTENCE_GAP_S
from lectra.runtime.errors import InputError
from tests.bounds import ends_before

TEXT = (
    "Solar panels turn sunlight into electricity. Each cell is a thin slice of silicon. "
    "When light hits it, electrons move, and that movement is a current."
)


def silences(path: Path) -> list[tuple[float, float]]:
    """Where ffmpeg hears silence (below -40 dB for 0.2 s or more) in a media file."""
    log = subprocess.run(
        [
            "ffmpeg",
            "-hide_banner",
            "-nostats",
            "-i",
            str(path),
            "-af",
            "silencedetect=noise=-40dB:d=0.2",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    starts = [float(x) for x in re.findall(r"silence_start: ([\d.]+)", log)]
    ends = [float(x) for x in re.findall(r"silence_end: ([\d.]+)", log)]
    return list(zip(starts, ends, strict=False))


def test_the_bundled_voice_speaks_english_aloud() -> None:
    said = PiperVoice().speak(TEXT, "en")
    pcm = read_wav(said.audio)
    assert pcm.rate == 22050 and pcm.channels == 1
    words = len(TEXT.split())
    assert words / 4.0 < pcm.seconds < words / 1.5  # a narrator's pace, 1.5-4 words a second
    level = loudness(said.audio)
    assert level is not None and level > -35  # speech, not silence
    assert [s.text for s in said.sentences] == [
        "Solar panels turn sunlight into electricity.",
        "Each cell is a thin slice of silicon.",
        "When light hits it, electrons move, and that movement is a current.",
    ]
    assert said.sentences[-1].end_s == pytest.approx(pcm.seconds, abs=0.01)


@pytest.mark.parametrize("voice", [PiperVoice(), EspeakVoice()], ids=["piper", "espeak"])
def test_sentence_timings_fall_where_the_audio_is_silent(tmp_path: Path, voice: Voice) -> None:
    said = voice.speak(TEXT, "en")
    chunk = tmp_path / "chunk.mp3"
    encode_narration(said.audio, chunk, -16.0, pad_s=0.6)
    gaps = silences(chunk)
    marks = [(s.start_s + MP3_DELAY_S, s.end_s + MP3_DELAY_S) for s in said.sentences]
    for (_, end), (start, _) in itertools.pairwise(marks):
        # one silence between the two sentences, starting when one ends, ending as the next starts
        gap = next(g for g in gaps if g[0] - 0.1 < end < g[1])
        assert abs(gap[0] - end) < 0.05 and abs(gap[1] - start) < 0.05, (gap, end, start)
        assert start - end == pytest.approx(SENTENCE_GAP_S, abs=0.002)
    assert gaps[-1][1] > marks[-1][1] + 0.55  # the pause closes the chunk


def test_the_model_is_loaded_once_and_shared() -> None:
    assert loaded(bundled_voice()) is loaded(bundled_voice())


def test_a_voice_must_speak_the_deck_language(tmp_path: Path) -> None:
    assert voice_language(bundled_voice()) == "en"
    with pytest.raises(InputError, match="speaks 'en', the deck is in 'de'"):
        load_settings(lang="de", voice_engine="piper")
    with pytest.raises(InputError, match="speaks 'en', the deck is in 'fr'"):
        load_settings(lang="fr", piper_voice=bundled_voice())  # auto with a voice set
    load_settings(lang="de")  # auto without a Piper voice for de: no error, espeak-ng speaks
    lonely = tmp_path / "de_DE-x-medium.onnx"
    lonely.write_bytes(b"x")
    with pytest.raises(InputError, match=r"its config de_DE-x-medium\.onnx\.json is not beside it"):
        load_settings(lang="de", piper_voice=lonely)
    with pytest.raises(InputError, match=r"not an \.onnx file"):
        load_settings(piper_voice=tmp_path / "missing.onnx")


def test_a_process_that_ends_while_the_voice_loads_exits_cleanly() -> None:
    # onnxruntime crashed the interpreter's exit (SIGSEGV) when a daemon thread was loading
    code = "import time\nfrom lectra.providers.voices.piper import preload\n"
    code += "preload(None)\ntime.sleep(1.0)\n"
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.hostile
def test_a_voice_config_that_is_a_fifo_or_endless_is_refused_at_once(tmp_path: Path) -> None:
    """The config is read during auto's voice choice: a FIFO hung every auto run, /dev/zero
    ran out of memory."""
    import os

    from lectra.providers.voices.piper import speaks

    fifo_voice = tmp_path / "fifo" / "en_US-x-medium.onnx"
    zero_voice = tmp_path / "zero" / "en_US-x-medium.onnx"
    huge_voice = tmp_path / "huge" / "en_US-x-medium.onnx"
    for voice in (fifo_voice, zero_voice, huge_voice):
        voice.parent.mkdir()
        voice.write_bytes(b"x")
    os.mkfifo(fifo_voice.with_name(fifo_voice.name + ".json"))
    zero_voice.with_name(zero_voice.name + ".json").symlink_to("/dev/zero")
    with huge_voice.with_name(huge_voice.name + ".json").open("wb") as big:
        big.truncate(2_000_000_000)  # sparse: two gigabytes of nothing
    for voice, says in (
        (fifo_voice, "not a regular file"),
        (zero_voice, "not a regular file"),
        (huge_voice, "the limit is"),
    ):
        with ends_before(60):  # a FIFO no one writes would hold a plain read forever
            with pytest.raises(InputError, match=says):
                load_settings(piper_voice=voice)
            with pytest.raises(InputError, match=says):
                voice_language(voice)
    huge_model = tmp_path / "model" / "en_US-x-medium.onnx"
    huge_model.parent.mkdir()
    with huge_model.open("wb") as big:
        big.truncate(5_000_000_000)
    with pytest.raises(InputError, match="over 1000 MB"):
        voice_language(huge_model)
    with ends_before(60):
        assert not speaks(fifo_voice, "en")  # what auto asks while choosing a voice
