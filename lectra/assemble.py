"""Deck-level steps: timings, the PPTX, the joined narration, the video and the records."""

from lectra.config import RunConfig
from lectra.files import write_json
from lectra.media import concat_audio, join_video
from lectra.models import (
    NarrationTrack,
    OutputFile,
    SlideFrames,
    SlideImage,
    SlideNarration,
    SlidePlan,
    SlideSegments,
    SlideTiming,
)
from lectra.render_pptx import build_deck


def slide_timings(narrations: list[SlideNarration]) -> list[SlideTiming]:
    """Back-to-back timings of every deck slide, from the measured chunk durations."""
    timings: list[SlideTiming] = []
    start = 0.0
    for narration in sorted(narrations, key=lambda n: n.index):
        for part, audio in enumerate(narration.pages):
            end = start + audio.duration_s
            timings.append(
                SlideTiming(
                    index=len(timings),
                    source_slide=narration.index,
                    part=part,
                    start=round(start, 3),
                    end=round(end, 3),
                    duration=round(audio.duration_s, 3),
                    pause=round(audio.pause_s, 3),
                )
            )
            start = end
    return timings


def join_narration(cfg: RunConfig, narrations: list[SlideNarration]) -> NarrationTrack:
    """Concatenate the chunks in order into narration.mp3 and write slide_timings.json."""
    ordered = sorted(narrations, key=lambda n: n.index)
    chunks = [audio.path for narration in ordered for audio in narration.pages]
    path = cfg.path("narration.mp3")
    duration = concat_audio(chunks, path)
    timings = slide_timings(ordered)
    timings_path = write_json(cfg.path("slide_timings.json"), [t.model_dump() for t in timings])
    return NarrationTrack(
        path=path, duration_s=duration, timings=timings, timings_path=timings_path
    )


def build_presentation(
    cfg: RunConfig, frames: list[SlideFrames], narrations: list[SlideNarration]
) -> OutputFile:
    """Write presentation.pptx: every page's layout, notes and auto-advance time."""
    seconds = {n.index: [a.duration_s for a in n.pages] for n in narrations}
    pages = [
        (layout, seconds[f.index][layout.part])
        for f in sorted(frames, key=lambda f: f.index)
        for layout in f.layouts
    ]
    return OutputFile(path=build_deck(pages, cfg.path("presentation.pptx")))


def make_video(cfg: RunConfig, segments: list[SlideSegments], track: NarrationTrack) -> OutputFile:
    """Write video.mp4: the slides' segments in order over narration.mp3, joined by copy."""
    paths = [path for seg in sorted(segments, key=lambda s: s.index) for path in seg.paths]
    path = cfg.path("video.mp4")
    return OutputFile(path=path, duration_s=join_video(paths, track.path, path))


def write_records(
    cfg: RunConfig, plans: list[SlidePlan], images: list[SlideImage]
) -> list[OutputFile]:
    """Write script.json (every slide's script and pages) and images_metadata.json."""
    ordered = sorted(plans, key=lambda p: p.index)
    scripts = [
        {**p.script.model_dump(), "pages": [pg.model_dump() for pg in p.pages]} for p in ordered
    ]
    meta = [
        {
            "slide": i.index,
            "source": i.source,
            "url": i.url,
            "page": i.page_url,
            "bytes": i.bytes,
            "path": str(i.path.relative_to(cfg.out_dir)) if i.path else None,
            "width": i.width,
            "height": i.height,
        }
        for i in sorted(images, key=lambda i: i.index)
    ]
    return [
        OutputFile(path=write_json(cfg.path("script.json"), scripts)),
        OutputFile(path=write_json(cfg.path("images_metadata.json"), meta)),
    ]
