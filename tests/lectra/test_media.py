"""ffmpeg steps on real audio: chunks add up exactly, and to the slides' timings."""

from pathlib import Path

from lectra.media.ffmpeg import (
    concat_audio,
    encode_narration,
    probe_duration,
    silence_mp3,
)
from lectra.models import PageAudio, SlideNarration
from lectra.pipeline.track import slide_timings
from lectra.providers.voices.espeak import EspeakVoice


def test_concat_lasts_exactly_the_sum_of_its_chunks(tmp_path: Path) -> None:
    voice = EspeakVoice()
    durations = [
        encode_narration(
            voice.speak(f"Sentence number {i} is spoken here.", "en").audio, tmp_path / f"c{i}.mp3"
        )
        for i in range(6)
    ]
    durations.append(silence_mp3(1.3, tmp_path / "s.mp3"))
    chunks = [tmp_path / f"c{i}.mp3" for i in range(6)] + [tmp_path / "s.mp3"]
    # durations come from chunk sizes: exactly what ffprobe says
    assert durations == [probe_duration(chunk) for chunk in chunks]
    total = concat_audio(chunks, tmp_path / "all.mp3")
    assert abs(total - sum(durations)) < 0.03
    assert abs(durations[-1] - 1.3) < 0.1  # the encoder pads a frame or two
    assert not list(tmp_path.glob(".*"))  # no scratch or partial files left behind


def test_timings_are_back_to_back_in_slide_order(tmp_path: Path) -> None:
    narrations = [
        SlideNarration(
            index=1,
            pages=[
                PageAudio(path=tmp_path / "b", duration_s=2.0),
                PageAudio(path=tmp_path / "c", duration_s=1.5),
            ],
        ),
        SlideNarration(index=0, pages=[PageAudio(path=tmp_path / "a", duration_s=3.25)]),
    ]
    timings = slide_timings(narrations)
    assert [(t.index, t.source_slide, t.part) for t in timings] == [(0, 0, 0), (1, 1, 0), (2, 1, 1)]
    assert [(t.start, t.end) for t in timings] == [(0.0, 3.25), (3.25, 5.25), (5.25, 6.75)]
