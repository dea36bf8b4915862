"""A slide's video segments: each page's frame held for its narration."""

from lectra.config.run import RunConfig
from lectra.media.subtitles import page_cues
from lectra.media.video import encode_still, write_poster
from lectra.models import PageLayout, SlideFrames, SlideNarration, SlideSegments


def page_title(layout: PageLayout) -> str:
    """The title a page shows, on one line."""
    shown = [line for b in layout.texts if b.role == "title" for line in b.source]
    return " ".join(" ".join(shown).split())


def encode_segments(
    cfg: RunConfig, frames: SlideFrames, narration: SlideNarration
) -> SlideSegments:
    """Each page's frame as a video segment lasting its narration, ready to join by copy.

    With burn_subtitles each page's cues are drawn into its segment; slide 0 also gives the
    video's poster.
    """
    paths, durations = [], []
    for frame, audio in zip(frames.paths, narration.pages, strict=True):
        path = cfg.path("segments", frame.with_suffix(".mp4").name)
        cues = page_cues(audio, cfg.lang) if cfg.burn_subtitles else []
        durations.append(encode_still(frame, audio.duration_s, path, cues, cfg.lang))
        paths.append(path)
    poster = write_poster(frames.paths[0], cfg.path("poster.jpg")) if frames.index == 0 else None
    return SlideSegments(
        index=frames.index,
        paths=paths,
        durations=durations,
        titles=[page_title(layout) for layout in frames.layouts],
        poster=poster,
    )
