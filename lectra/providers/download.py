"""Safe image downloads: http(s) only, size-capped, sniffed and normalized to RGB."""

import io
import time
import warnings
from urllib.parse import urlsplit

import httpx
from PIL import Image, UnidentifiedImageError

from lectra.errors import ImageError
from lectra.providers.http import as_provider_error

MAX_PIXELS = 40_000_000  # far above any photo worth a slide, far below a decompression bomb
MIN_SIDE = 200  # smaller than this is an icon, not a slide image
MAX_SIDE = 1920  # larger is scaled down: frames are 1920x1080
FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "BMP", "MPO"}
HEADERS = {
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Lectra/0.1 (+presentation builder)",
    "Accept": "image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8",
}


def download(url: str, max_bytes: int, timeout_s: float) -> bytes:
    """The body at url, refusing other schemes, HTML and SVG, and anything over max_bytes."""
    if urlsplit(url).scheme not in {"http", "https"}:
        raise ImageError(f"{url[:80]}: not an http(s) URL")
    deadline = time.monotonic() + timeout_s
    body = bytearray()
    try:
        with httpx.stream(
            "GET", url, headers=HEADERS, timeout=timeout_s, follow_redirects=True
        ) as response:
            response.raise_for_status()
            kind = response.headers.get("content-type", "").lower()
            if "html" in kind or "svg" in kind:
                raise ImageError(f"{url[:80]}: {kind.split(';')[0]} is not a picture")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise ImageError(f"{url[:80]}: {int(declared)} bytes is over the cap")
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise ImageError(f"{url[:80]}: more than {max_bytes} bytes")
                if time.monotonic() > deadline:
                    raise ImageError(f"{url[:80]}: download took over {timeout_s:g} s")
    except httpx.HTTPError as exc:
        raise as_provider_error(exc, url[:80], ImageError, timeout_s) from None
    return bytes(body)


def normalize(data: bytes, name: str = "image") -> Image.Image:
    """The first frame of a real, complete picture as RGB, at most MAX_SIDE pixels a side."""
    image: Image.Image
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS:
                raise ImageError(f"{name}: {image.format} pictures are not used")
            if image.width * image.height > MAX_PIXELS:
                raise ImageError(f"{name}: {image.width}x{image.height} is too many pixels")
            if min(image.size) < MIN_SIDE:
                raise ImageError(f"{name}: {image.width}x{image.height} is too small")
            image.seek(0)  # animated GIF or WEBP: the first frame
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, Warning) as exc:
        raise ImageError(f"{name}: not a usable picture ({type(exc).__name__})") from None
    except OSError as exc:
        raise ImageError(f"{name}: damaged or truncated ({exc})") from None
    if image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info:
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, (255, 255, 255))
        image.paste(rgba, mask=rgba.getchannel("A"))
    else:
        image = image.convert("RGB")  # CMYK, palette, grayscale, 16-bit
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    return image
