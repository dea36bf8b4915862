"""ffmpeg and ffprobe steps: mp3 chunks, silence, concat, probing and the video."""

import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lectra.media.pcm import Pcm, read_wav
from lectra.runtime.errors import DiskFullError, MediaError, ToolMissingError
from lectra.runtime.files import atomic_path, scratch_file
from lectra.runtime.processes import run_bounded

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
# libmp3lame's 1105-sample delay: with no Xing header to say so, players play it as leading
# silence, so a sound at t in the source is heard at t + MP3_DELAY_S in the chunk (measured)
MP3_DELAY_S = 1105 / SAMPLE_RATE
LEVEL_TOLERANCE_LU = 0.4
CHECK_TOLERANCE_S = 0.15  # an output this much shorter than its input was cut off
MIN_FREE_BYTES = 1 << 20
REFERENCE_LUFS = -23.0
COMPRESSION_LU = 4.3  # about what the compressor takes off speech at the reference level
MP3_LOSS_LU = 0.7  # what encoding to 64 kbit/s mp3 takes off speech (measured: espeak, piper)
PEAK_LIMIT = 0.8  # -1.9 dBFS: limited here, the mp3 keeps its true peaks under -1 dBTP
_LOUDNESS = re.compile(r"Integrated loudness:\s+I:\s+(-?[\d.]+) LUFS")
# an ffmpeg step may take this long plus this much per second of media it reads or writes;
# encoding stills and speech runs at 10-100x real time here, so only a stuck one reaches it
TOOL_BASE_S = 60.0
TOOL_PER_MEDIA_S = 1.0
_APT = {"ffmpeg": "ffmpeg", "ffprobe": "ffmpeg", "espeak-ng": "espeak-ng"}


def require_tool(name: str) -> str:
    """The path of an executable, or ToolMissingError saying what to install."""
    path = shutil.which(name)
    if path is None:
        raise ToolMissingError(
            f"{name} not found on PATH; install it with: apt-get install {_APT.get(name, name)}"
        )
    return path


def _run(
    args: list[str],
    stdin: bytes | None,
    tool: str = "ffmpeg",
    level: str = "error",
    cwd: Path | None = None,
    media_s: float = 0.0,
) -> subprocess.CompletedProcess[bytes]:
    flags = ["-y"] + (["-nostdin"] if stdin is None else []) if tool == "ffmpeg" else []
    cmd = [require_tool(tool), "-hide_banner", "-v", level, *flags, *args]
    proc = run_bounded(cmd, stdin, TOOL_BASE_S + TOOL_PER_MEDIA_S * media_s, cwd)
    if proc.returncode != 0:
        lines = proc.stderr.decode(errors="replace").strip().splitlines() or ["no output"]
        raise MediaError(f"{tool} failed: {lines[-1]}")
    return proc


def run_ffmpeg(
    args: list[str],
    stdin: bytes | None = None,
    tool: str = "ffmpeg",
    cwd: Path | None = None,
    media_s: float = 0.0,
) -> str:
    """Run ffmpeg or ffprobe quietly on media_s seconds of media, its time bounded by that;
    MediaError with its last error line on failure."""
    return _run(args, stdin, tool, cwd=cwd, media_s=media_s).stdout.decode(errors="replace")


def _media_seconds(source: bytes | Path) -> float:
    """At most how long audio lasts: a WAV's own length, else as if 16 kbit/s (2000 bytes/s)."""
    heard = _wav_seconds(source)
    if heard is not None:
        return heard
    size = len(source) if isinstance(source, bytes) else source.stat().st_size
    return size / 2000


def _measured(args: list[str], stdin: bytes | None, media_s: float) -> float | None:
    """Run ffmpeg with an ebur128 filter among args; the integrated loudness it found (LUFS).

    None for audio too short or quiet to measure.
    """
    log = _run(["-nostats", *args], stdin, level="info", media_s=media_s).stderr.decode(
        errors="replace"
    )
    found = _LOUDNESS.search(log)
    if found is None:
        raise MediaError("ffmpeg could not measure the narration's loudness")
    value = float(found.group(1))
    return None if value <= -70 else value


def _input(source: bytes | Path) -> tuple[str, bytes | None]:
    """ffmpeg's input argument for audio in a file or in bytes, and what goes on stdin."""
    return ("pipe:0", source) if isinstance(source, bytes) else (str(source), None)


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


def disk_full(folder: Path) -> bool:
    """True when folder's disk has almost no room left."""
    try:
        return shutil.disk_usage(folder).free < MIN_FREE_BYTES
    except OSError:
        return False


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """A failed encode into path said as a full disk when that is what it was (ffmpeg's own
    last line then speaks of a trailer, a moov atom or an I/O error)."""
    try:
        yield
    except MediaError as exc:
        if disk_full(path.parent) and "disk is full" not in str(exc):
            raise DiskFullError(f"disk full writing {path} ({exc})") from None
        raise


def checked(path: Path, expected_s: float | None, seconds: float | None = None) -> float:
    """path's duration, verified: an encoder that ran out of disk can exit 0 with a short or
    empty file (measured: ffmpeg writing mp3 to a full disk). MediaError when it is short."""
    size = path.stat().st_size if path.exists() else 0
    got = seconds if seconds is not None else (chunk_seconds(path) if size else 0.0)
    if size == 0 or (expected_s is not None and got < expected_s - CHECK_TOLERANCE_S):
        why = "the disk is full" if disk_full(path.parent) else "the encoder stopped early"
        raise MediaError(
            f"{path.name}: {size} bytes, {got:.2f} s of {expected_s or 0:.2f} s written ({why})"
        )
    return got


def _wav_seconds(source: bytes | Path) -> float | None:
    """How long a WAV source lasts, from its header; None for anything else."""
    if isinstance(source, bytes) and source[:4] == b"RIFF":
        pcm = read_wav(source)
        return pcm.frames / pcm.rate
    return None


def loudness(source: bytes | Path) -> float | None:
    """Integrated loudness (EBU R128) in LUFS; None for audio too short or quiet to measure."""
    src, stdin = _input(source)
    args = ["-i", src, "-af", "ebur128=framelog=verbose", "-f", "null", "-"]
    return _measured(args, stdin, _media_seconds(source))


def _encode(
    source: bytes | Path, path: Path, gains: tuple[float, float] | None, pad_s: float
) -> float | None:
    """Encode source to a chunk at path; with gains, level it and return the loudness it got."""
    src, stdin = _input(source)
    filters = []
    if gains is not None:
        filters += [
            f"volume={gains[0]:.2f}dB",  # to REFERENCE_LUFS, where the compressor is tuned
            "acompressor=threshold=0.1:ratio=3:attack=5:release=80",
            f"volume={gains[1]:.2f}dB",
            f"alimiter=limit={PEAK_LIMIT}:level=false:latency=true",
            "ebur128=framelog=verbose",
        ]
    if pad_s > 0:
        filters.append(f"apad=pad_dur={pad_s:.3f}")
    chain = ["-af", ",".join(filters)] if filters else []
    heard = _wav_seconds(source)
    with atomic_path(path) as tmp:
        args = ["-i", src, *chain, *MP3_ARGS, str(tmp)]
        media_s = (heard if heard is not None else _media_seconds(source)) + pad_s
        got = None if gains is None else _measured(args, stdin, media_s)
        if gains is None:
            run_ffmpeg(args, stdin, media_s=media_s)
        checked(tmp, None if heard is None else heard + pad_s)
        return got


def encode_narration(
    source: bytes | Path, path: Path, target_lufs: float | None = None, pad_s: float = 0.0
) -> float:
    """Encode audio (WAV or mp3) to a narration chunk; return its duration.

    With target_lufs the chunk is leveled to that loudness (EBU R128): brought to a reference
    level, gently compressed, raised, peaks limited so the mp3 stays under -1 dBTP. The
    loudness is measured as the chunk is encoded and the gain corrected once if it missed;
    MP3_LOSS_LU is what the encoder takes off. pad_s of silence closes the chunk. Nothing
    moves in time.
    """
    start = loudness(source) if target_lufs is not None else None
    if target_lufs is None or start is None:
        _encode(source, path, None, pad_s)
        return chunk_seconds(path)
    aim = target_lufs + MP3_LOSS_LU
    gains = (REFERENCE_LUFS - start, aim - REFERENCE_LUFS + COMPRESSION_LU)
    got = _encode(source, path, gains, pad_s)
    if got is not None and abs(aim - got) > LEVEL_TOLERANCE_LU:
        _encode(source, path, (gains[0], gains[1] + aim - got), pad_s)
    return chunk_seconds(path)


def decoded(audio: bytes) -> Pcm:
    """Compressed audio (an mp3 a service sent) as 16-bit mono PCM at SAMPLE_RATE."""
    out = ["-f", "s16le", "-ac", "1", "-ar", str(SAMPLE_RATE), "-"]
    proc = _run(["-i", "pipe:0", *out], audio, media_s=_media_seconds(audio))
    return Pcm(SAMPLE_RATE, 1, proc.stdout)


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
            ],
            media_s=seconds,
        )
        checked(tmp, max(seconds, 0.1))
    return chunk_seconds(path)


def concat_listing(paths: list[Path]) -> str:
    """An ffmpeg concat list of paths, each quoted for the concat demuxer."""
    return "".join(f"file {_quote(p)}\n" for p in paths)


def _quote(path: Path) -> str:
    return "'" + str(path.resolve()).replace("'", "'\\''") + "'"


def concat_audio(chunks: list[Path], path: Path) -> float:
    """Join mp3 chunks in order by stream copy (nothing decoded); return the duration."""
    lines = concat_listing(chunks)
    with scratch_file(path.parent, ".txt") as listing, atomic_path(path) as tmp:
        listing.write_text(lines, encoding="utf-8")
        expected = sum(chunk_seconds(chunk) for chunk in chunks)
        run_ffmpeg(
            ["-f", "concat", "-safe", "0", "-i", str(listing), "-c", "copy", "-f", "mp3", str(tmp)],
            media_s=expected,
        )
        return checked(tmp, expected, probe_duration(tmp))
