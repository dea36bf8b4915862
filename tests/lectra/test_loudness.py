"""Even loudness: every slide at the target whatever spoke it, and pauses in the timings."""

import json
import subprocess
from pathlib import Path

import pytest

from lectra.media.ffmpeg import encode_narration, loudness
from lectra.pipeline.track import join_narration
from tests.conftest import make_cfg
from tests.fakes.edge import fake_edge
from tests.fakes.speech import tone_wav
from tests.lectra import steps


def slice_loudness(path: Path, start: float, end: float) -> float | None:
    """Loudness of path between start and end seconds."""
    piece = subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-ss",
            f"{start:.3f}",
            "-to",
            f"{end:.3f}",
            "-i",
            str(path),
            "-f",
            "wav",
            "-",
        ],
        capture_output=True,
        check=True,
    ).stdout
    return loudness(piece)


@pytest.mark.parametrize("target", [-16.0, -20.0])
@pytest.mark.parametrize("amplitude", [0.01, 0.3, 0.99])
def test_quiet_and_loud_sources_reach_the_target(
    tmp_path: Path, target: float, amplitude: float
) -> None:
    source = tone_wav(3.0, amplitude)
    encode_narration(source, tmp_path / "a.mp3", target)
    assert loudness(tmp_path / "a.mp3") == pytest.approx(target, abs=1.0)


def test_a_deck_spoken_by_three_engines_has_one_loudness(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_edge(monkeypatch)
    cfg = make_cfg(tmp_path, slides=4, slide_pause_s=0.8)
    outline = steps.write_outline(cfg).outline
    plans = [steps.write_script(cfg, outline, i) for i in range(1, 4)]
    narrations = [
        steps.narrate(cfg, plan, cfg.voice.model_copy(update={"name": engine}))
        for plan, engine in zip(plans, ["espeak", "piper", "edge"], strict=True)
    ]
    track = join_narration(cfg, narrations)
    assert track.timings_path is not None
    saved = json.loads(track.timings_path.read_text())
    assert [t["pause"] for t in saved] == [0.8] * len(saved)  # one page each here
    for timing in track.timings:
        spoken_end = timing.end - timing.pause
        level = slice_loudness(track.path, timing.start, spoken_end)
        assert level == pytest.approx(-16.0, abs=1.0), (timing, level)
        # the pause is silence
        assert slice_loudness(track.path, spoken_end + 0.1, timing.end) is None


def true_peak(path: Path) -> float:
    """The decoded file's true peak in dBTP (EBU R128, 4x oversampled)."""
    err = subprocess.run(
        ["ffmpeg", "-nostats", "-i", str(path), "-af", "ebur128=peak=true", "-f", "null", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    return float(err.rsplit("Peak:", 1)[1].split("dBFS")[0])


@pytest.mark.parametrize("lang", ["en", "de", "hi", "zh"])
def test_narration_peaks_stay_under_minus_one_dbtp_after_mp3_encoding(
    tmp_path: Path, lang: str
) -> None:
    from lectra.providers.voices.espeak import EspeakVoice
    from tests.fakes.realistic import CONTENT

    voice = EspeakVoice()
    for n, (_, narration) in enumerate(CONTENT[lang]["pairs"][:3]):
        path = tmp_path / f"{n}.mp3"
        encode_narration(voice.speak(narration, lang).audio, path, -16.0, 0.6)
        assert true_peak(path) <= -1.0, (lang, n)
    loud = tone_wav(3.0, 0.99)  # a source at full scale, raised: the limiter holds it too
    encode_narration(loud, tmp_path / "tone.mp3", -12.0)
    assert true_peak(tmp_path / "tone.mp3") <= -1.0
