"""video.mp4: the slides' segments over narration.mp3, with subtitles and chapters."""

from lectra.config.run import RunConfig
from lectra.media.video import Chapter, chapter_list, join_video
from lectra.models import NarrationTrack, OutputFile, SlideSegments
from lectra.runtime.files import write_text


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
