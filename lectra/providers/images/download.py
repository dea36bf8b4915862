"""Safe image downloads: public http(s) only, size-capped, sniffed and normalized to RGB."""

import io
import time
import warnings
from typing import Any
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

import httpx
from PIL import Image, UnidentifiedImageError

from lectra.providers.http import (
    ENCODINGS,
    AnswerTooLarge,
    Watchdog,
    as_provider_error,
    decoded_body,
)
from lectra.providers.outbound import public_address
from lectra.runtime.errors import ImageError

MAX_PIXELS = 40_000_000  # far above any photo worth a slide, far below a decompression bomb
MIN_SIDE = 200  # smaller than this is an icon, not a slide image
MAX_ASPECT = 4.0  # longer than this is a strip (a banner, a ruler): a sliver on the slide
MAX_SIDE = 1920  # larger is scaled down: frames are 1920x1080
MAX_REDIRECTS = 3
FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "BMP", "MPO"}
HEADERS = {
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Lectra/0.1 (+presentation builder)",
    "Accept": "image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8",
}


def _pinned(url: SplitResult) -> tuple[str, dict[str, str], dict[str, str]]:
    """url rewritten to the checked public address, and the Host header and TLS name that keep
    it the same request to the same site; any user:password in it is dropped."""
    address, port = public_address(url)
    literal = f"[{address}]" if ":" in address else address
    host = url.hostname or ""
    shown = f"[{host}]" if ":" in host else host
    netloc = shown if url.port is None else f"{shown}:{url.port}"
    target = urlunsplit((url.scheme, f"{literal}:{port}", url.path or "/", url.query, ""))
    return target, {**HEADERS, "Host": netloc}, {"sni_hostname": host}


def download(url: str, max_bytes: int, timeout_s: float, pictures_only: bool = True) -> bytes:
    """The body at url, refusing other schemes, HTML and SVG (unless not pictures_only: a
    document's page), and anything over max_bytes.

    Only public addresses are reached: each hop's host is resolved once, checked and connected
    to by address (no second lookup), at most MAX_REDIRECTS redirects, no URL credentials.
    """
    dog = Watchdog(time.monotonic() + timeout_s)  # one deadline for every hop, headers too
    with dog.running():
        for _ in range(MAX_REDIRECTS + 1):
            parts = urlsplit(url)
            if parts.scheme not in {"http", "https"} or not parts.hostname:
                raise ImageError(f"{url[:80]}: not an http(s) URL")
            target, headers, extensions = _pinned(parts)
            try:
                asked = {**extensions, "trace": dog.trace}
                if not pictures_only:
                    headers["Accept"] = "text/html,application/pdf,*/*;q=0.8"
                body = _hop(target, headers, asked, dog, max_bytes, pictures_only)
            except _Redirect as hop:
                url = urljoin(url, hop.location)
                continue
            except ImageError as exc:
                raise ImageError(f"{url[:80]}: {exc}") from None
            except (httpx.StreamError, httpx.HTTPError) as exc:
                if dog.expired():  # the watchdog shut the socket or closed the response
                    raise ImageError(f"{url[:80]}: download took over {timeout_s:g} s") from None
                if isinstance(exc, httpx.StreamError):
                    raise ImageError(f"{url[:80]}: {exc}") from None
                raise as_provider_error(exc, url[:80], ImageError, timeout_s) from None
            if dog.expired():
                raise ImageError(f"{url[:80]}: download took over {timeout_s:g} s")
            return body
    raise ImageError(f"{url[:80]}: more than {MAX_REDIRECTS} redirects")


class _Redirect(Exception):
    def __init__(self, location: str) -> None:
        self.location = location


def _hop(
    target: str,
    headers: dict[str, str],
    extensions: dict[str, Any],
    dog: Watchdog,
    cap: int,
    pictures_only: bool = True,
) -> bytes:
    """One GET of a download: its body, or _Redirect to where it points."""
    with httpx.Client(timeout=dog.deadline - time.monotonic()) as client:
        asked = {**headers, "Accept-Encoding": ENCODINGS}
        request = client.build_request("GET", target, headers=asked, extensions=extensions)
        response = client.send(request, stream=True)
        dog.on_fire(response.close)
        try:
            if response.is_redirect:
                raise _Redirect(response.headers.get("location", ""))
            response.raise_for_status()
            kind = response.headers.get("content-type", "").lower()
            if pictures_only and ("html" in kind or "svg" in kind):
                raise ImageError(f"{kind.split(';')[0]} is not a picture")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > cap:
                raise ImageError(f"{int(declared)} bytes is over the cap")
            body = bytearray()
            try:
                for piece in decoded_body(response, cap):
                    body += piece
            except AnswerTooLarge:
                raise ImageError(f"more than {cap} bytes") from None
            return bytes(body)
        finally:
            response.close()


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
            if max(image.size) > MAX_ASPECT * min(image.size):
                raise ImageError(f"{name}: {image.width}x{image.height} is a strip, not a picture")
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
