"""The deck's narration: the chunks joined into narration.mp3, with timings and subtitles."""

from lectra.config.run import RunConfig
from lectra.media.ffmpeg import concat_audio
from lectra.media.subtitles import deck_cues, srt, vtt
from lectra.models import NarrationTrack, SlideNarration, SlideTiming
from lectra.runtime.files import write_json, write_text


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
