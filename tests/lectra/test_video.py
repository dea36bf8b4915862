"""The video as a user's tools see it: scrubbing, keyframes, chapters, subtitles, metadata."""

import itertools
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from lectra.media.ffmpeg import concat_audio, probe_duration, silence_mp3
from lectra.media.subtitles import Cue, srt
from lectra.media.video import (
    SCRUB_FPS,
    Chapter,
    chapter_list,
    encode_still,
    ffmetadata,
    join_video,
    write_poster,
)
from lectra.slides.fonts import load_font
from tests.flows.checks import frame_difference, grab_frame, probe

SECONDS = [3.1, 2.0, 1.3, 4.25]


def _slides(folder: Path) -> list[Path]:
    """Four different slides: a big number and a bar at a different place on each."""
    paths = []
    for i, color in enumerate(["#0F172A", "#FFFFFF", "#DBEAFE", "#FEF3C7"]):
        image = Image.new("RGB", (1920, 1080), color)
        draw = ImageDraw.Draw(image)
        ink = "#FFFFFF" if i == 0 else "#111827"
        draw.text((200 + 300 * i, 300), str(i + 1), font=load_font("latin", 300, True), fill=ink)
        draw.rectangle((0, 900 - 150 * i, 1920, 960 - 150 * i), fill="#2563EB")
        paths.append(folder / f"slide_{i:03d}.png")
        image.save(paths[-1])
    return paths


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path], list[float]]:
    """Four slides over their narration, with subtitles and chapters, in Japanese."""
    tmp = tmp_path_factory.mktemp("video")
    frames = _slides(tmp)
    seconds = [silence_mp3(s, tmp / f"a{i}.mp3") for i, s in enumerate(SECONDS)]
    concat_audio([tmp / f"a{i}.mp3" for i in range(4)], tmp / "n.mp3")
    segments = [tmp / f"s{i}.mp4" for i in range(4)]
    for frame, length, segment in zip(frames, seconds, segments, strict=True):
        assert encode_still(frame, length, segment) == round(length, 3)
        assert probe_duration(segment) == pytest.approx(length, abs=0.0015)
    starts = [sum(seconds[:i]) for i in range(4)]
    chapters = [
        Chapter(start, start + length, title)
        for start, length, title in zip(
            starts, seconds, ["太陽光パネル", "仕組み = 光", "まとめ; #1", "質問"], strict=True
        )
    ]
    subs = tmp / "subtitles.srt"
    subs.write_text(srt([Cue(0.2, 2.9, ("こんにちは",)), Cue(3.2, 5.0, ("光から電気へ",))]))
    join_video(segments, tmp / "n.mp3", tmp / "v.mp4", chapters, "ja", subs)
    return tmp / "v.mp4", frames, seconds


def test_a_frame_half_a_second_into_each_slide_is_that_slide(video: tuple, tmp_path: Path) -> None:
    path, frames, seconds = video
    slides = [Image.open(f).convert("RGB") for f in frames]
    start = 0.0
    for n, length in enumerate(seconds):
        for at in (start + 0.5, start + length / 2):
            grabbed = grab_frame(path, at, tmp_path / "g.png")
            diffs = [frame_difference(grabbed, slide) for slide in slides]
            assert min(range(4), key=diffs.__getitem__) == n, (n, at, diffs)
            assert diffs[n] < 2.0, (n, at, diffs)
        start += length


def test_every_slide_starts_on_a_keyframe_and_frames_come_twice_a_second(video: tuple) -> None:
    path, _, seconds = video
    frames = probe(path, "-select_streams", "v", "-show_entries", "frame=pts_time,key_frame")
    times = [(float(f["pts_time"]), f["key_frame"]) for f in frames["frames"]]
    keys = [t for t, key in times if key]
    assert keys == pytest.approx([sum(seconds[:i]) for i in range(4)], abs=0.002)
    gaps = [b - a for (a, _), (b, _) in itertools.pairwise(times)]
    assert max(gaps) <= 1 / SCRUB_FPS * 1.2
    assert probe_duration(path) == pytest.approx(sum(seconds), abs=0.05)


def test_chapters_title_language_and_a_soft_subtitle_track(video: tuple) -> None:
    path, _, seconds = video
    info = probe(path, "-show_chapters", "-show_streams", "-show_format")
    chapters = info["chapters"]
    assert [c["tags"]["title"] for c in chapters] == [
        "太陽光パネル",
        "仕組み = 光",
        "まとめ; #1",
        "質問",
    ]
    assert [float(c["start_time"]) for c in chapters] == pytest.approx(
        [sum(seconds[:i]) for i in range(4)], abs=0.002
    )
    assert info["format"]["tags"]["title"] == "太陽光パネル"
    kinds = {s["codec_type"]: s for s in info["streams"] if s["codec_name"] != "bin_data"}
    assert kinds["subtitle"]["codec_name"] == "mov_text"
    for kind in ("video", "audio", "subtitle"):
        assert kinds[kind]["tags"]["language"] == "jpn"
    text = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-map", "0:s", "-f", "srt", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "00:00:03,200 --> 00:00:05,000\n光から電気へ" in text


def test_burnt_subtitles_show_only_while_their_cue_does(tmp_path: Path) -> None:
    frame = _slides(tmp_path)[1]
    cues = [Cue(1.0, 2.5, ("Burnt into the frames, forty-two characters", "and a second line"))]
    encode_still(frame, 4.0, tmp_path / "b.mp4", cues, "en")
    slide = Image.open(frame).convert("RGB")
    box = (0, 800, 1920, 1080)  # where subtitles sit

    def shown(at: float) -> float:
        return frame_difference(
            grab_frame(tmp_path / "b.mp4", at, tmp_path / "g.png").crop(box), slide.crop(box)
        )

    assert shown(0.3) < 2 and shown(3.2) < 2
    assert shown(1.6) > 5


def test_chapter_list_reads_as_video_sites_expect() -> None:
    chapters = [
        Chapter(0, 8.3, "Title"),
        Chapter(8.3, 40, "What it is"),
        Chapter(40, 95.5, "How it works"),
        Chapter(95.5, 101, "Thanks"),
    ]
    # a slide under ten seconds shares the next chapter (the last, the previous one)
    assert chapter_list(chapters) == "0:00 What it is\n0:40 How it works\n"
    long = [Chapter(0, 30, "A"), Chapter(30, 3700, "B\nsecond line"), Chapter(3700, 3725, "C")]
    assert chapter_list(long) == "0:00:00 A\n0:00:30 B second line\n1:01:40 C\n"


def test_ffmetadata_escapes_what_would_end_a_title() -> None:
    meta = ffmetadata("A=B; #1", [Chapter(0, 1.5, "x\\y")])
    assert "title=A\\=B\\; \\#1" in meta and "END=1500" in meta and "title=x\\\\y" in meta


def test_poster_is_the_frame_as_jpeg(tmp_path: Path) -> None:
    frame = _slides(tmp_path)[0]
    poster = write_poster(frame, tmp_path / "poster.jpg")
    with Image.open(poster) as image:
        assert image.format == "JPEG" and image.size == (1920, 1080)
        assert frame_difference(image.convert("RGB"), Image.open(frame).convert("RGB")) < 2
