"""The video: per-slide segments you can scrub, joined with the narration, subtitles, chapters."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from lectra.media.ffmpeg import checked, concat_listing, probe_duration, run_ffmpeg, writing
from lectra.media.subtitles import Cue, srt
from lectra.runtime.files import atomic_path, scratch_file
from lectra.slides.fonts import FONTS
from lectra.text.languages import get_language

SCRUB_FPS = 2  # a frame every half second: any moment, and any grab, shows its own slide
BURN_FPS = 4  # with subtitles drawn in: a cue appears within a quarter second of its time
# libass style for burnt-in subtitles, in its 384x288 script space: ~60 px white text in one
# box around the whole cue (BorderStyle=4, libass's; Shadow pads the box), 75% opaque
BURN_STYLE = (
    "FontName={family},FontSize=16,PrimaryColour=&H00FFFFFF,BackColour=&H40000000,"
    "OutlineColour=&H40000000,BorderStyle=4,Outline=0,Shadow=6,MarginV=14"
)
SITE_MIN_CHAPTER_S = 10  # YouTube drops every chapter when one is shorter than this
POSTER_QUALITY = 90


@dataclass(frozen=True)
class Chapter:
    """One slide of the video: when it starts and ends (s), and its title."""

    start: float
    end: float
    title: str


def encode_still(
    frame: Path,
    seconds: float,
    path: Path,
    cues: Sequence[Cue] = (),
    lang: str = "en",
    fps: float | None = None,
) -> float:
    """frame as an H.264 segment lasting exactly seconds (ms precision); the duration.

    It starts with a keyframe and repeats the frame SCRUB_FPS times a second (fps), so seeking
    anywhere in it lands on this slide; fps=0 makes one frame last the whole segment.
    cues (in the segment's own time) are drawn in, at BURN_FPS.
    """
    ms = max(1, round(seconds * 1000))
    rate = fps if fps is not None else BURN_FPS if cues else SCRUB_FPS
    count = max(1, round(ms * rate / 1000))
    # one decoded frame cloned count times, each lasting ms/count: the segment ends on time
    filters = ["scale=trunc(iw/2)*2:trunc(ih/2)*2", "format=yuv420p"]
    filters.append(f"tpad=stop_mode=clone:stop={count - 1}")
    with writing(path), scratch_file(path.parent, ".srt") as burn, atomic_path(path) as tmp:
        if cues:  # by file name, run in its folder: a path would need filtergraph escaping
            burn.write_text(srt(cues), encoding="utf-8")
            style = BURN_STYLE.format(family=FONTS[get_language(lang).font].family)
            filters.append(f"subtitles={burn.name}:force_style='{style}'")
        run_ffmpeg(
            [
                "-framerate",
                f"{count * 1000}/{ms}",
                "-i",
                str(frame.resolve()),
                "-vf",
                ",".join(filters),
                "-frames:v",
                str(count),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-tune",
                "stillimage",
                "-video_track_timescale",
                "1000",
                "-f",
                "mp4",
                str(tmp.resolve()),
            ],
            cwd=burn.parent,
            media_s=ms / 1000,
        )
        checked(tmp, ms / 1000, probe_duration(tmp))
    return ms / 1000


def _meta(value: str) -> str:
    """A value escaped for an ffmetadata file."""
    for ch in "\\=;#\n":
        value = value.replace(ch, "\\" + ch)
    return value


def ffmetadata(title: str, chapters: list[Chapter]) -> str:
    """The video's title and chapters as an ffmetadata file."""
    lines = [";FFMETADATA1", f"title={_meta(title)}"]
    for c in chapters:
        lines += [
            "[CHAPTER]",
            "TIMEBASE=1/1000",
            f"START={round(c.start * 1000)}",
            f"END={round(c.end * 1000)}",
            f"title={_meta(' '.join(c.title.split()))}",
        ]
    return "\n".join(lines) + "\n"


def join_video(
    segments: list[Path],
    audio: Path,
    path: Path,
    chapters: list[Chapter],
    lang: str,
    subtitles: Path | None = None,
) -> float:
    """Join the segments and the narration by stream copy; add the subtitles as a soft track,
    one chapter per slide, and the title (the first chapter's) and language; the duration."""
    code = get_language(lang).iso639_2
    title = chapters[0].title if chapters else ""
    inputs, maps = ["-i", str(audio)], ["-map", "0:v", "-map", "1:a"]
    if subtitles is not None:
        inputs += ["-i", str(subtitles)]
        name = get_language(lang).name
        maps += ["-map", "2:s", "-c:s", "mov_text", "-metadata:s:s:0", f"title={name}"]
    meta_input = str(len(inputs) // 2 + 1)
    with (
        writing(path),
        scratch_file(path.parent, ".txt") as listing,
        scratch_file(path.parent, ".ffmeta") as meta,
        atomic_path(path) as tmp,
    ):
        listing.write_text(concat_listing(segments), encoding="utf-8")
        meta.write_text(ffmetadata(title, chapters), encoding="utf-8")
        run_ffmpeg(
            [
                "-f",
                "concat",
                "-safe",
                "0",
                "-i",
                str(listing),
                *inputs,
                "-f",
                "ffmetadata",
                "-i",
                str(meta),
                *maps,
                "-map_metadata",
                meta_input,
                "-map_chapters",
                meta_input,
                "-metadata:s",
                f"language={code}",
                "-c:v",
                "copy",
                "-c:a",
                "copy",
                "-movflags",
                "+faststart",
                "-f",
                "mp4",
                str(tmp),
            ],
            media_s=chapters[-1].end if chapters else 0.0,
        )
        # the chapters cover the narration's timeline: no need to probe the narration again
        return checked(tmp, chapters[-1].end if chapters else None, probe_duration(tmp))


def _clock(seconds: float, hours: bool) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if hours else f"{s // 60}:{s % 60:02d}"


def chapter_list(chapters: list[Chapter]) -> str:
    """'0:00 Title' lines, as video sites read chapters from a description.

    A slide shorter than SITE_MIN_CHAPTER_S shares the next one's chapter (the last one, the
    previous one's), since one short chapter makes YouTube ignore them all.
    """
    kept: list[Chapter] = []
    start: float | None = None
    for c in chapters:
        begin = c.start if start is None else start
        if c.end - begin < SITE_MIN_CHAPTER_S and c is not chapters[-1]:
            start = begin
            continue
        if c.end - begin < SITE_MIN_CHAPTER_S and kept:
            kept[-1] = Chapter(kept[-1].start, c.end, kept[-1].title)
        else:
            kept.append(Chapter(begin, c.end, c.title))
        start = None
    hours = bool(chapters) and chapters[-1].end >= 3600
    return "".join(f"{_clock(c.start, hours)} {' '.join(c.title.split())}\n" for c in kept)


def write_poster(frame: Path, path: Path) -> Path:
    """The video's poster image: frame as a JPEG."""
    with Image.open(frame) as image, atomic_path(path) as tmp:
        image.convert("RGB").save(tmp, format="JPEG", quality=POSTER_QUALITY)
    return path
