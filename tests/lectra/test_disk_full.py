"""A disk that fills up for real (a small tmpfs): nothing short is named final, one clear error."""

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from lectra.media.ffmpeg import silence_mp3
from lectra.runtime.errors import DiskFullError, MediaError
from lectra.runtime.files import write_json

pytestmark = pytest.mark.hostile


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 48 KB tmpfs mounted for the test."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_an_encoder_that_fills_the_disk_is_caught_not_trusted(tiny_disk: Path) -> None:
    # ffmpeg exits 0 here with a short file (measured): only its length tells
    with pytest.raises(MediaError, match=r"slide_000.*of 10.00 s written \(the disk is full\)"):
        silence_mp3(10.0, tiny_disk / "slide_000.mp3")  # 80 KB of mp3 into 48 KB
    assert list(tiny_disk.iterdir()) == []  # nothing under the final name, and no partial


def test_a_write_that_fills_the_disk_is_one_error_naming_the_file(tiny_disk: Path) -> None:
    with pytest.raises(DiskFullError, match=r"disk full writing .*script\.json"):
        write_json(tiny_disk / "script.json", ["x" * 100_000])
    assert list(tiny_disk.iterdir()) == []


def test_a_video_segment_that_fills_the_disk_says_disk_full(tiny_disk: Path) -> None:
    import numpy as np
    from PIL import Image

    from lectra.media.video import encode_still

    noise = np.random.default_rng(1).integers(0, 255, (1080, 1920, 3), dtype=np.uint8)
    frame = tiny_disk.parent / "frame.png"
    Image.fromarray(noise).save(frame)  # incompressible: megabytes of H.264
    with pytest.raises(DiskFullError, match=r"disk full writing .*seg_000\.mp4"):
        encode_still(frame, 2.0, tiny_disk / "seg_000.mp4")
    assert list(tiny_disk.iterdir()) == []
