"""ffmpeg steps on real audio: chunks add up exactly, the video lasts as long as the audio."""

import subprocess
from pathlib import Path

import pytest
from PIL import Image

from lectra.assemble import slide_timings
from lectra.media import (
    concat_audio,
    encode_narration,
    encode_still,
    join_video,
    probe_duration,
    silence_mp3,
)
from lectra.models import PageAudio, SlideNarration
from lectra.providers.espeak import EspeakVoice


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


def test_video_duration_matches_the_audio(tmp_path: Path) -> None:
    frames = []
    for i, color in enumerate(["red", "green", "blue"]):
        Image.new("RGB", (1920, 1080), color).save(tmp_path / f"f{i}.png")
        frames.append(tmp_path / f"f{i}.png")
    seconds = [silence_mp3(d, tmp_path / f"a{i}.mp3") for i, d in enumerate([1.2, 2.0, 0.7])]
    audio_s = concat_audio([tmp_path / f"a{i}.mp3" for i in range(3)], tmp_path / "n.mp3")
    segments = [tmp_path / f"s{i}.mp4" for i in range(3)]
    shown = [encode_still(f, d, s) for f, d, s in zip(frames, seconds, segments, strict=True)]
    assert shown == [round(d, 3) for d in seconds]
    assert [probe_duration(s) for s in segments] == pytest.approx(seconds, abs=0.0015)
    video_s = join_video(segments, tmp_path / "n.mp3", tmp_path / "v.mp4")
    assert abs(video_s - audio_s) < 0.05
    starts = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-select_streams",
            "v",
            "-show_entries",
            "frame=pts_time",
            "-of",
            "csv=p=0",
            str(tmp_path / "v.mp4"),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    # each slide appears exactly when the previous one's narration ends
    assert [float(t.strip(",")) for t in starts] == pytest.approx(
        [0.0, seconds[0], seconds[0] + seconds[1]], abs=0.002
    )
