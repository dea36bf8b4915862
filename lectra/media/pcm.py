"""16-bit PCM audio: reading WAV as engines send it, trimming, and joining spoken sentences."""

import array
import struct
from collections.abc import Sequence
from dataclasses import dataclass

from lectra.models import SentenceMark, WordMark
from lectra.runtime.errors import MediaError

SILENCE_LEVEL = 330  # about -40 dBFS: quieter samples at a sentence's edges are trimmed
EDGE_KEEP_S = 0.03  # kept either side of the sound so that soft onsets are not clipped
MIN_RATE, MAX_RATE, MAX_CHANNELS = 8_000, 192_000, 8  # what a voice can send, and more


@dataclass(frozen=True)
class Pcm:
    """Interleaved signed 16-bit little-endian samples and their format."""

    rate: int
    channels: int
    data: bytes

    @property
    def frames(self) -> int:
        """Samples per channel."""
        return len(self.data) // (2 * self.channels)

    @property
    def seconds(self) -> float:
        """How long it plays."""
        return self.frames / self.rate


def read_wav(blob: bytes) -> Pcm:
    """The PCM in a WAV file; sizes written as 0 or 0xFFFFFFFF by streaming servers are fine."""
    if blob[:4] != b"RIFF" or blob[8:12] != b"WAVE":
        raise MediaError("not a WAV file")
    pos, fmt = 12, None
    while pos + 8 <= len(blob):
        kind, size = blob[pos : pos + 4], struct.unpack("<I", blob[pos + 4 : pos + 8])[0]
        body = pos + 8
        if kind == b"fmt ":
            if size < 16 or body + 16 > len(blob):
                raise MediaError("WAV format header is cut short")
            fmt = struct.unpack("<HHIIHH", blob[body : body + 16])
        elif kind == b"data":
            if fmt is None:
                break
            codec, channels, rate, _, _, bits = fmt
            if codec not in (1, 0xFFFE) or bits != 16:
                raise MediaError(f"WAV is not 16-bit PCM (format {codec}, {bits} bits)")
            if not MIN_RATE <= rate <= MAX_RATE or not 1 <= channels <= MAX_CHANNELS:
                raise MediaError(f"WAV says {rate} Hz and {channels} channels")
            end = len(blob) if size in (0, 0xFFFFFFFF) else min(len(blob), body + size)
            usable = (end - body) // (2 * channels) * 2 * channels
            return Pcm(rate, channels, blob[body : body + usable])
        pos = body + size + (size & 1)
    raise MediaError("WAV has no audio data")


def to_wav(pcm: Pcm) -> bytes:
    """pcm as a WAV file."""
    header = struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF",
        36 + len(pcm.data),
        b"WAVE",
        b"fmt ",
        16,
        1,
        pcm.channels,
        pcm.rate,
        pcm.rate * pcm.channels * 2,
        pcm.channels * 2,
        16,
        b"data",
        len(pcm.data),
    )
    return header + pcm.data


def _sound(pcm: Pcm) -> tuple[int, int]:
    """The first and past-the-last frame of pcm's sound, keeping EDGE_KEEP_S of margin."""
    samples = array.array("h")
    samples.frombytes(pcm.data)
    loud = (i for i, s in enumerate(samples) if abs(s) > SILENCE_LEVEL)
    first = next(loud, None)
    if first is None:
        return 0, 0
    last = next(i for i in range(len(samples) - 1, -1, -1) if abs(samples[i]) > SILENCE_LEVEL)
    keep = round(EDGE_KEEP_S * pcm.rate)
    return max(0, first // pcm.channels - keep), min(pcm.frames, last // pcm.channels + 1 + keep)


def join_sentences(
    spoken: Sequence[tuple[str, Pcm, Sequence[WordMark]]], gap_s: float
) -> tuple[Pcm, list[SentenceMark], list[WordMark]]:
    """Sentences' trimmed audio end to end with gap_s between them, and when each sentence and
    each of its words (timed in the sentence's own audio) is heard."""
    if not spoken:
        raise MediaError("nothing was spoken")
    rate, channels = spoken[0][1].rate, spoken[0][1].channels
    if any((p.rate, p.channels) != (rate, channels) for _, p, _ in spoken):
        raise MediaError("sentences came back in different audio formats")
    width = 2 * channels
    gap = bytes(round(gap_s * rate) * width)
    parts: list[bytes] = []
    marks: list[SentenceMark] = []
    words: list[WordMark] = []
    frames = 0
    for text, pcm, said in spoken:
        first, stop = _sound(pcm)
        if first == stop:
            continue
        if parts:
            parts.append(gap)
            frames += len(gap) // width
        start = frames / rate
        parts.append(pcm.data[first * width : stop * width])
        frames += stop - first
        end = frames / rate
        marks.append(SentenceMark(text=text, start_s=round(start, 3), end_s=round(end, 3)))
        shift = start - first / rate
        words += [
            w.model_copy(
                update={
                    "start_s": round(min(max(w.start_s + shift, start), end), 3),
                    "end_s": round(min(max(w.end_s + shift, start), end), 3),
                }
            )
            for w in said
        ]
    if not parts:
        raise MediaError("the voice produced only silence")
    return Pcm(rate, channels, b"".join(parts)), marks, words
