"""The video task."""

from lectra.config.run import RunConfig
from lectra.models import NarrationTrack, OutputFile, SlideSegments
from lectra.pipeline.video import make_video
from tasks.common import in_place, kept, lectra_task


@lectra_task("video")
def video(cfg: RunConfig, segments: list[SlideSegments], track: NarrationTrack) -> OutputFile:
    """Write video.mp4 from the slides' segments and narration.mp3."""
    segments, track = in_place(cfg, segments), in_place(cfg, track)
    return kept(cfg, make_video(cfg, segments, track))
