"""python -m bench.video_cost --slides 60 --trials 3

What the scrubbable video costs on this machine: each slide's segment encoded (a frame every
half second, and four a second with burnt-in subtitles) against the one-frame segment it
replaces, and the final join with subtitles and chapters. Real frames of a deck, slides of
real lengths (10-16 s); CPU counts the ffmpeg children. Medians of trials.
"""

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lectra.media.ffmpeg import concat_audio, silence_mp3
from lectra.media.subtitles import Cue, srt
from lectra.media.video import Chapter, encode_still, join_video
from lectra.models import Page
from lectra.providers.images.generated import GeneratedImages
from lectra.slides.design import theme_design
from lectra.slides.layout import Picture, layout_content_page, layout_title_page
from lectra.slides.render_frame import render_frame


def _cpu() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def _frames(work: Path) -> list[Path]:
    """A title slide and a content slide with a picture, drawn as a run draws them."""
    image = GeneratedImages().fetch("solar", "How it works", "en", work / "img.jpg")
    design = theme_design("default")
    cover = layout_title_page(
        Page(part=0, parts=1, title="Solar power", bullets=[], notes=""), 0, "", "en", design
    )
    page = Page(
        part=0, parts=1, title="How it works", bullets=["Light frees electrons"] * 3, notes=""
    )
    content = layout_content_page(
        page,
        1,
        2,
        "Solar power",
        "en",
        design,
        40,
        Picture(work / "img.jpg", (image.width, image.height)),
    )
    layouts = [cover, content]
    return [
        render_frame(layout, work / f"f{n}.png", design.backdrop(layout.style))
        for n, layout in enumerate(layouts)
    ]


def _segments(frames: list[Path], seconds: list[float], folder: Path, mode: str) -> dict:
    """Encode every slide's segment one after another: wall and CPU seconds."""
    folder.mkdir(exist_ok=True)
    cues = [Cue(0.5, 4.0, ("A subtitle line of some length", "and a second"))]
    wall, cpu = time.perf_counter(), _cpu()
    for n, (frame, length) in enumerate(zip(frames, seconds, strict=True)):
        path = folder / f"s{n:03d}.mp4"
        if mode == "one-frame":  # the replaced segment: one frame lasting the whole slide
            encode_still(frame, length, path, fps=0)
        else:
            encode_still(frame, length, path, cues if mode == "burnt" else ())
    return {"wall_s": time.perf_counter() - wall, "cpu_s": _cpu() - cpu}


def measure(slides: int, trials: int) -> dict:
    """Per mode, medians of trials: total and per-slide segment cost, and the join's."""
    with tempfile.TemporaryDirectory(prefix="lectra-video-") as tmp:
        work = Path(tmp)
        drawn = _frames(work)
        frames = [drawn[min(n, 1)] for n in range(slides)]
        seconds = [10.0 + (n * 7919 % 600) / 100 for n in range(slides)]
        chunks = [work / f"a{n}.mp3" for n in range(slides)]
        seconds = [silence_mp3(s, c) for s, c in zip(seconds, chunks, strict=True)]
        concat_audio(chunks, work / "n.mp3")
        result: dict = {"slides": slides, "video_s": round(sum(seconds), 1)}
        for mode in ("one-frame", "scrub", "burnt"):
            runs = [_segments(frames, seconds, work / f"{mode}{t}", mode) for t in range(trials)]
            wall = statistics.median(r["wall_s"] for r in runs)
            result[mode] = {
                "segments_wall_s": round(wall, 2),
                "segments_cpu_s": round(statistics.median(r["cpu_s"] for r in runs), 2),
                "per_slide_ms": round(wall / slides * 1000),
            }
        starts = [sum(seconds[:n]) for n in range(slides)]
        chapters = [
            Chapter(s, s + d, f"Slide {n}")
            for n, (s, d) in enumerate(zip(starts, seconds, strict=True))
        ]
        subs = work / "subs.srt"
        subs.write_text(srt([Cue(s + 0.2, s + 3.0, (f"Cue {n}",)) for n, s in enumerate(starts)]))
        joins = []
        for t in range(trials):
            began = time.perf_counter()
            parts = sorted((work / "scrub0").glob("s*.mp4"))
            join_video(parts, work / "n.mp3", work / f"v{t}.mp4", chapters, "en", subs)
            joins.append(time.perf_counter() - began)
        result["join_s"] = round(statistics.median(joins), 2)
        result["video_mb"] = round((work / "v0.mp4").stat().st_size / 1e6, 1)
    return result


def main(argv: list[str] | None = None) -> int:
    """Measure and print the JSON."""
    p = argparse.ArgumentParser(prog="python -m bench.video_cost", description=__doc__)
    p.add_argument("--slides", type=int, default=60, help="slides (default 60)")
    p.add_argument("--trials", type=int, default=3, help="trials per mode (default 3)")
    args = p.parse_args(argv)
    if not 1 <= args.slides <= 200 or not 1 <= args.trials <= 20:
        print("bench.video_cost: error: --slides 1-200, --trials 1-20", file=sys.stderr)
        return 2
    print(json.dumps(measure(args.slides, args.trials), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
