"""Deck-level steps: timings, the PPTX, the joined narration, the video and the records."""

from pathlib import Path

from lectra.config.run import RunConfig
from lectra.media.ffmpeg import concat_audio
from lectra.media.subtitles import deck_cues, srt, vtt
from lectra.media.video import Chapter, chapter_list, join_video
from lectra.models import (
    NarrationTrack,
    OutputFile,
    PageLayout,
    SlideFrames,
    SlideImage,
    SlideNarration,
    SlidePlan,
    SlideSegments,
    SlideTiming,
)
from lectra.runtime.files import write_json, write_text
from lectra.slides.render_pptx import build_deck


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
    """Concatenate the chunks in order into narration.mp3; write slide_timings.json and the
    subtitles (subtitles.srt and .vtt) timed on it."""
    ordered = sorted(narrations, key=lambda n: n.index)
    pages = [audio for narration in ordered for audio in narration.pages]
    path = cfg.path("narration.mp3")
    duration = concat_audio([page.path for page in pages], path)
    timings = slide_timings(ordered)
    timings_path = write_json(cfg.path("slide_timings.json"), [t.model_dump() for t in timings])
    cues = deck_cues([(t.start, page) for t, page in zip(timings, pages, strict=True)], cfg.lang)
    subtitles = [
        write_text(cfg.path("subtitles.srt"), srt(cues)),
        write_text(cfg.path("subtitles.vtt"), vtt(cues)),
    ]
    return NarrationTrack(
        path=path,
        duration_s=duration,
        timings=timings,
        timings_path=timings_path,
        also=subtitles,
        cues=len(cues),
    )


def build_presentation(
    cfg: RunConfig, frames: list[SlideFrames], narrations: list[SlideNarration]
) -> OutputFile:
    """Write presentation.pptx: every page's layout, notes and auto-advance time, and (unless
    embed_audio is off) its narration, playing by itself."""
    audio = {n.index: n.pages for n in narrations}
    pages: list[tuple[PageLayout, float, Path | None]] = []
    for f in sorted(frames, key=lambda f: f.index):
        for layout in f.layouts:
            chunk = audio[f.index][layout.part]
            pages.append((layout, chunk.duration_s, chunk.path if cfg.embed_audio else None))
    return OutputFile(path=build_deck(pages, cfg.path("presentation.pptx")))


def make_video(cfg: RunConfig, segments: list[SlideSegments], track: NarrationTrack) -> OutputFile:
    """Write video.mp4: the slides' segments in order over narration.mp3, joined by copy, with
    the subtitles (unless burnt in) and a chapter per slide; and chapters.txt beside it."""
    ordered = sorted(segments, key=lambda s: s.index)
    paths = [path for seg in ordered for path in seg.paths]
    titles = [title for seg in ordered for title in seg.titles]
    chapters = [
        Chapter(t.start, t.end, title) for t, title in zip(track.timings, titles, strict=True)
    ]
    soft = track.cues > 0 and not cfg.burn_subtitles
    path = cfg.path("video.mp4")
    duration = join_video(
        paths, track.path, path, chapters, cfg.lang, cfg.path("subtitles.srt") if soft else None
    )
    listed = write_text(cfg.path("chapters.txt"), chapter_list(chapters))
    posters = [seg.poster for seg in ordered if seg.poster is not None]
    return OutputFile(path=path, duration_s=duration, also=[listed, *posters])


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
