"""A loopback web of pictures and non-pictures, and ddgs replaced at its search methods."""

import io
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from PIL import Image, ImageDraw

from lectra.providers.outbound import opened_for_tests
from tests.fakes.loopback import Reply, Server, answer, serve


def picture(size: tuple[int, int], mode: str = "RGB", color: str = "steelblue") -> Image.Image:
    """A picture with some structure in it."""
    image = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(image)
    draw.ellipse((size[0] // 4, size[1] // 4, size[0] * 3 // 4, size[1] * 3 // 4), fill="orange")
    return image.convert(mode)


def encoded(image: Image.Image, fmt: str, **kw: Any) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **kw)
    return out.getvalue()


def animated_webp() -> bytes:
    frames = [picture((640, 480), color=c) for c in ("red", "green", "blue")]
    out = io.BytesIO()
    frames[0].save(out, format="WEBP", save_all=True, append_images=frames[1:], duration=100)
    return out.getvalue()


class ImageWeb(Server):
    """Serves /jpeg /webp /png /cmyk and the bad ones: /html /svg /huge /truncated /tiny ..."""

    def __init__(self) -> None:
        super().__init__()
        jpeg = encoded(picture((800, 600)), "JPEG")
        files: dict[str, tuple[bytes, str, dict[str, str]]] = {
            "/jpeg": (jpeg, "image/jpeg", {}),
            "/jpeg-copy": (jpeg, "image/jpeg", {}),
            "/webp": (animated_webp(), "image/webp", {}),
            "/png": (encoded(picture((700, 500), "RGBA"), "PNG"), "image/png", {}),
            "/cmyk": (encoded(picture((640, 640), "CMYK"), "JPEG"), "image/jpeg", {}),
            "/html": (b"<!doctype html><html><body>Not a picture</body></html>", "text/html", {}),
            "/svg": (
                b'<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"/>',
                "image/svg+xml",
                {},
            ),
            "/svg-as-png": (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/png", {}),
            "/huge": (b"\xff" * 20_000_000, "image/jpeg", {}),
            "/huge-unlabelled": (b"\xff" * 20_000_000, "image/jpeg", {"Connection": "close"}),
            "/truncated": (jpeg[: len(jpeg) // 2], "image/jpeg", {}),
            "/tiny": (encoded(picture((32, 32)), "PNG"), "image/png", {}),
        }
        for path, (body, kind, headers) in files.items():
            self.route(
                "GET",
                path,
                answer(Reply(body=body, content_type=kind, headers=headers)),
            )
        self.route("GET", "/gone", lambda _: Reply(404, b"no", "text/plain"))


@contextmanager
def serve_images(web: "ImageWeb | None" = None) -> Iterator["ImageWeb"]:
    """An image web on loopback, opened to downloads (which refuse loopback otherwise)."""
    with serve(web or ImageWeb()) as server:
        host, port = server.url.removeprefix("http://").rsplit(":", 1)
        with opened_for_tests(host, int(port)):
            yield server


def results(web: Server, *paths: str) -> list[dict[str, Any]]:
    """ddgs image results pointing at paths on the loopback web."""
    return [
        {
            "title": p,
            "image": f"{web.url}{p}",
            "thumbnail": "",
            "url": f"{web.url}/page{p}",
            "width": 800,
            "height": 600,
            "source": "Bing",
        }
        for p in paths
    ]


def fake_ddgs(
    monkeypatch: pytest.MonkeyPatch,
    images: list[dict[str, Any]] | Exception,
    text: list[dict[str, Any]] | Exception | None = None,
) -> list[str]:
    """Replace ddgs.DDGS.images and .text; returns the list of queries they were asked."""
    from ddgs.ddgs import DDGS  # the real class behind ddgs's lazy-loading proxy

    asked: list[str] = []

    def answer(value: Any) -> Any:
        def method(self: Any, query: str, **kwargs: Any) -> Any:
            asked.append(query)
            if isinstance(value, Exception):
                raise value
            return list(value)

        return method

    monkeypatch.setattr(DDGS, "images", answer(images))
    if text is not None:
        monkeypatch.setattr(DDGS, "text", answer(text))
    return asked


def mp3_of(seconds: float) -> bytes:
    """Real mp3 audio as edge sends it: 24 kHz mono, 48 kbit/s."""
    return subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            f"sine=f=440:r=24000:d={seconds:.2f}",
            "-ac",
            "1",
            "-c:a",
            "libmp3lame",
            "-b:a",
            "48k",
            "-write_xing",
            "0",
            "-f",
            "mp3",
            "-",
        ],
        capture_output=True,
        check=True,
    ).stdout
