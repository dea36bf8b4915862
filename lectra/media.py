"""ffmpeg and ffprobe steps: mp3 chunks, silence, concat, probing and the video."""

import shutil
import subprocess
from pathlib import Path

from lectra.errors import MediaError, ToolMissingError
from lectra.files import atomic_path, scratch_file

SAMPLE_RATE = 24000
# CBR mono MPEG-2 layer III with no Xing/ID3 header: a chunk's duration is exactly its frame
# count x 24 ms, so a stream-copy concat lasts exactly the sum of the chunks.
MP3_ARGS = [
    "-ar",
    str(SAMPLE_RATE),
    "-ac",
    "1",
    "-c:a",
    "libmp3lame",
    "-b:a",
    "64k",
    "-write_xing",
    "0",
    "-id3v2_version",
    "0",
    "-f",
    "mp3",
]
FRAME_SECONDS = 576 / SAMPLE_RATE  # samples per MPEG-2 layer III frame
FRAME_BYTES = 72 * 64_000 // SAMPLE_RATE  # 192 (MPEG-2): at 64 kbit/s and 24 kHz, never padded
_APT = {"ffmpeg": "ffmpeg", "ffprobe": "ffmpeg", "espeak-ng": "espeak-ng"}


def require_tool(name: str) -> str:
    """The path of an executable, or ToolMissingError saying what to install."""
    path = shutil.which(name)
    if path is None:
        raise ToolMissingError(
            f"{name} not found on PATH; install it with: apt-get install {_APT.get(name, name)}"
        )
    return path


def run_ffmpeg(args: list[str], stdin: bytes | None = None, tool: str = "ffmpeg") -> str:
    """Run ffmpeg or ffprobe quietly; MediaError with its last error line on failure."""
    flags = ["-y"] + (["-nostdin"] if stdin is None else []) if tool == "ffmpeg" else []
    cmd = [require_tool(tool), "-v", "error", *flags, *args]
    proc = subprocess.run(cmd, input=stdin, capture_output=True, check=False)
    if proc.returncode != 0:
        lines = proc.stderr.decode(errors="replace").strip().splitlines() or ["no output"]
        raise MediaError(f"{tool} failed: {lines[-1]}")
    return proc.stdout.decode(errors="replace")


def probe_duration(path: Path) -> float:
    """A media file's duration in seconds, from ffprobe."""
    out = run_ffmpeg(
        ["-show_entries", "format=duration", "-of", "csv=p=0", str(path)], tool="ffprobe"
    )
    try:
        return float(out.strip())
    except ValueError:
        raise MediaError(f"ffprobe gave no duration for {path.name}") from None


def chunk_seconds(path: Path) -> float:
    """A chunk's exact duration from its size: every frame is FRAME_BYTES long and lasts 24 ms.

    Saves an ffprobe per chunk; anything that is not a whole number of frames is probed.
    """
    size = path.stat().st_size
    if size and size % FRAME_BYTES == 0:
        return round(size // FRAME_BYTES * FRAME_SECONDS, 3)
    return probe_duration(path)


def encode_mp3(source: bytes | Path, path: Path) -> float:
    """Encode audio (a file, or WAV or mp3 bytes) to a narration chunk; return its duration."""
    stdin = source if isinstance(source, bytes) else None
    src = "pipe:0" if stdin is not None else str(source)
    with atomic_path(path) as tmp:
        run_ffmpeg(["-i", src, *MP3_ARGS, str(tmp)], stdin=stdin)
    return chunk_seconds(path)


def silence_mp3(seconds: float, path: Path) -> float:
    """A silent narration chunk of about the given length; return its real duration."""
    with atomic_path(path) as tmp:
        run_ffmpeg(
            [
                "-f",
                "lavfi",
                "-i",
                f"anullsrc=r={SAMPLE_RATE}:cl=mono",
                "-t",
                f"{max(seconds, 0.1):.3f}",
                *MP3_ARGS,
                str(tmp),
            ]
        )
    return chunk_seconds(path)


def _quote(path: Path) -> str:
    return "'" + str(path.resolve()).replace("'", "'\\''") + "'"


def concat_audio(chunks: list[Path], path: Path) -> float:
    """Join mp3 chunks in order by stream copy (nothing decoded); return the duration."""
    lines = "".join(f"file {_quote(chunk)}\n" for chunk in chunks)
    with scratch_file(path.parent, ".txt") as listing, atomic_path(path) as tmp:
        listing.write_text(lines, encoding="utf-8")
        run_ffmpeg(
            ["-f", "concat", "-safe", "0", "-i", str(listing), "-c", "copy", "-f", "mp3", str(tmp)]
        )
    return probe_duration(path)


def encode_still(frame: Path, seconds: float, path: Path) -> float:
    """A one-frame H.264 segment showing frame for exactly seconds (ms precision)."""
    ms = max(1, round(seconds * 1000))
    with atomic_path(path) as tmp:
        run_ffmpeg(
            [
                "-loop",
                "1",
                "-framerate",
                f"1000/{ms}",  # one frame that lasts the whole segment
                "-i",
                str(frame),
                "-frames:v",
                "1",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-tune",
                "stillimage",
                "-pix_fmt",
                "yuv420p",
                "-vf",
                "scale=trunc(iw/2)*2:trunc(ih/2)*2",
                "-video_track_timescale",
                "1000",
                "-f",
                "mp4",
                str(tmp),
            ]
        )
    return ms / 1000


def join_video(segments: list[Path], audio: Path, path: Path) -> float:
    """Join still segments and the narration by stream copy (nothing encoded); the duration."""
    lines = "".join(f"file {_quote(segment)}\n" for segment in segments)
    with scratch_file(path.parent, ".txt") as listing, atomic_path(path) as tmp:
        listing.write_text(lines, encoding="utf-8")
        run_ffmpeg(
            [
                "-f",
                "concat",
                "-safe",
                "0",
                "-i",
                str(listing),
                "-i",
                str(audio),
                "-map",
                "0:v",
                "-map",
                "1:a",
                "-c",
                "copy",
                "-movflags",
                "+faststart",
                "-f",
                "mp4",
                str(tmp),
            ]
        )
    return probe_duration(path)
