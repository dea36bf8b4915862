"""Independent checks of a finished output folder, shared by the flow and CLI tests."""

import json
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFont, ImageStat
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu

from lectra.slides.fonts import FONTS, load_font

EMU_PER_PT = 12700


def ffprobe_seconds(path: Path) -> float:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout)


def _font(run: object, size_pt: float, bold: bool) -> ImageFont.FreeTypeFont:
    """The local font that draws a run: its script's slot (East Asian, complex) or Latin."""
    faces = {el.tag.rsplit("}", 1)[-1]: el.get("typeface") for el in run._r.rPr}  # type: ignore[attr-defined]
    key = "latin"
    for name, spec in FONTS.items():
        slots = (("ea", spec.east_asian), ("cs", spec.complex_script))
        if any(face and faces.get(slot) == face for slot, face in slots):
            key = name
    return load_font(key, round(size_pt * 2), bold)  # 1920 px across 960 pt


def _lines(text: str, font: ImageFont.FreeTypeFont, width_px: float, spaced: bool) -> int:
    """Greedy wrap written here, apart from lectra's, to count the lines a box needs."""
    units = text.split(" ") if spaced else list(text)
    lines, current = 1, ""
    for unit in units:
        trial = f"{current} {unit}" if spaced and current else current + unit
        if current and font.getlength(trial) > width_px:
            lines, current = lines + 1, unit
        else:
            current = trial
    return lines


def assert_no_overflow(pptx: Path, spaced: bool = True) -> None:
    """Every text box holds its text at its own font size and spacing."""
    for slide in Presentation(str(pptx)).slides:
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text:
                continue
            px = 1920 / Emu(12192000)
            width = shape.width * px
            height = 0.0
            paras = shape.text_frame.paragraphs
            for i, para in enumerate(paras):
                run = para.runs[0]
                indent = int(para._p.pPr.get("marL", "0")) * px if para._p.pPr is not None else 0
                font = _font(run, run.font.size.pt, any(r.font.bold for r in para.runs))
                pitch = para.line_spacing.pt * 2
                height += _lines(para.text, font, width - indent, spaced) * pitch
                if i < len(paras) - 1:
                    height += para.space_after.pt * 2
            assert height <= shape.height * px + 1, f"overflow: {shape.text_frame.text[:40]!r}"


def probe(path: Path, *entries: str) -> dict:
    """What ffprobe says about a media file (the entries asked for), as JSON."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", *entries, "-of", "json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


def assert_video_publishable(out: Path, timings: list[dict], titles: list[str]) -> None:
    """video.mp4 has a chapter per deck slide, a keyframe at each slide's start, its title,
    language and (unless burnt in) the subtitles; poster.jpg and chapters.txt are beside it."""
    info = probe(
        out / "video.mp4",
        "-show_chapters",
        "-show_streams",
        "-show_format",
        "-show_entries",
        "stream_tags=language",
    )
    chapters = info["chapters"]
    assert [c["tags"]["title"] for c in chapters] == titles
    starts = [t["start"] for t in timings]
    assert [float(c["start_time"]) for c in chapters] == pytest.approx(starts, abs=0.002)
    assert info["format"]["tags"]["title"] == titles[0]
    keys = probe(
        out / "video.mp4",
        "-select_streams",
        "v",
        "-skip_frame",
        "nokey",
        "-show_entries",
        "frame=pts_time",
    )
    assert [float(f["pts_time"]) for f in keys["frames"]] == pytest.approx(starts, abs=0.002)
    subs = [s for s in info["streams"] if s["codec_type"] == "subtitle"]
    cues = (out / "subtitles.srt").read_text(encoding="utf-8").count(" --> ")
    assert cues == (out / "subtitles.vtt").read_text(encoding="utf-8").count(" --> ")
    if subs:
        assert subs[0]["codec_name"] == "mov_text" and int(subs[0]["nb_frames"]) >= cues > 0
    listed = (out / "chapters.txt").read_text(encoding="utf-8").splitlines()
    assert listed[0].startswith("0:00 ")
    with Image.open(out / "poster.jpg") as poster:
        assert poster.format == "JPEG" and poster.size == (1920, 1080)


def assert_outputs_agree(out: Path, video: bool = True, embedded: bool = True) -> dict:
    """Durations agree, the deck reopens with notes, timings and (embedded) each slide's
    narration, frames are 1920x1080, and the video is ready to publish."""
    timings = json.loads((out / "slide_timings.json").read_text())
    total = sum(t["duration"] for t in timings)
    narration = ffprobe_seconds(out / "narration.mp3")
    assert abs(narration - total) < 0.1
    prs = Presentation(str(out / "presentation.pptx"))
    slides = list(prs.slides)
    assert len(slides) == len(timings)
    if video:
        assert abs(ffprobe_seconds(out / "video.mp4") - narration) < 0.1
        streams = {
            (v.get("codec_name"), v.get("width"), v.get("height"), v.get("pix_fmt"))
            for v in probe(out / "video.mp4", "-show_streams")["streams"]
        }
        assert ("h264", 1920, 1080, "yuv420p") in streams
        assert ("mp3", None, None, None) in streams
        titles = [s.shapes.title.text.replace("\v", " ") for s in slides]
        assert_video_publishable(out, timings, [" ".join(t.split()) for t in titles])
    scripts = json.loads((out / "script.json").read_text())
    notes = [page["notes"] for s in scripts for page in s["pages"]]
    assert [s.notes_slide.notes_text_frame.text for s in slides] == notes
    adv = [int(s._element.find(qn("p:transition")).get("advTm")) for s in slides]
    assert adv == [round(t["duration"] * 1000) for t in timings]
    audio = [[r for r in s.part.rels.values() if r.reltype == RT.AUDIO] for s in slides]
    assert [len(a) for a in audio] == [1 if embedded else 0] * len(slides)
    frames = sorted((out / "frames").glob("*.png"))
    assert len(frames) == len(slides)
    for frame in frames:
        with Image.open(frame) as im:
            assert im.size == (1920, 1080)
    assert not list(out.rglob(".*"))  # no partial or scratch files
    return json.loads((out / "run_report.json").read_text())


def assert_secret_kept(key: str, folder: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """The key is in no file under folder (outputs, cache, result records) nor on the console."""
    for path in folder.rglob("*"):
        if path.is_file():
            assert key.encode() not in path.read_bytes(), path
    captured = capfd.readouterr()
    assert key not in captured.out and key not in captured.err


def grab_frame(video: Path, at: float, out: Path) -> Image.Image:
    """The frame ffmpeg gives at a timestamp, as a thumbnailer would ask for it."""
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-ss",
            f"{at:.3f}",
            "-i",
            str(video),
            "-frames:v",
            "1",
            str(out),
        ],
        check=True,
    )
    return Image.open(out).convert("RGB")


def frame_difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference of two pictures, 0-255."""
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3
