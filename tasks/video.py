"""The video task."""

from lectra import assemble
from lectra.config import RunConfig
from lectra.models import NarrationTrack, OutputFile, SlideFrames
from tasks.common import lectra_task


@lectra_task("video", "video")
def video(cfg: RunConfig, frames: list[SlideFrames], track: NarrationTrack) -> OutputFile:
    """Write video.mp4 from the frames and narration.mp3."""
    return assemble.make_video(cfg, frames, track)
