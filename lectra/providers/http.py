"""HTTP helpers shared by the providers: bounded calls, failures as typed errors, and
reachability checks."""

import contextlib
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from pydantic import SecretStr

from lectra.runtime.errors import ProviderError
from lectra.runtime.secrets import masked

TRANSIENT_STATUS = {408, 425, 429}
MAX_ANSWER_BYTES = 50_000_000  # decoded: a model's answer or one sentence's WAV is far below
MAX_PROBE_BYTES = 1_000_000
PIECE = 1 << 20  # at most this much is decoded from one compressed chunk at a time
_UNSENT = {b"content-encoding", b"content-length", b"transfer-encoding"}
ENCODINGS = "gzip, deflate"  # decoded here within the cap; br and zstd are not asked for


class AnswerTooLarge(httpx.HTTPError):
    """The answer's decoded body went over its cap (a runaway or a compression bomb)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class Watchdog:
    """Shuts a request's socket at its deadline, whatever the request is doing then: waiting
    to connect, reading headers sent a byte at a time, or reading the body.

    httpx's timeouts are per read, so a server that sends a byte a second never trips them.
    The socket is taken from httpcore's trace of the connection (the request's own client,
    so the connection is always new).
    """

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self._sockets: list[socket.socket] = []
        self._closers: list[Callable[[], None]] = []
        self._lock = threading.Lock()
        self.fired = False
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._fire)

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace hook: keep the socket of each connection it makes."""
        if event == "connection.connect_tcp.complete" and info.get("return_value") is not None:
            sock = info["return_value"].get_extra_info("socket")
            if isinstance(sock, socket.socket):
                with self._lock:
                    self._sockets.append(sock)
                    if self.fired:
                        _shut(sock)

    def on_fire(self, close: Callable[[], None]) -> None:
        """Also call close at the deadline (a response's own close)."""
        with self._lock:
            self._closers.append(close)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._sockets:
                _shut(sock)
            closers = list(self._closers)
        for close in closers:
            close()

    def expired(self) -> bool:
        """True once the deadline has passed (allowing for the timer's own delay)."""
        return self.fired or time.monotonic() >= self.deadline - 0.01

    @contextmanager
    def running(self) -> Iterator["Watchdog"]:
        """The watchdog armed for the block."""
        self._timer.start()
        try:
            yield self
        finally:
            self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked reading it


def decoded_body(response: httpx.Response, max_bytes: int) -> Iterator[bytes]:
    """The response body decoded piece by piece, never more than max_bytes in all and never a
    piece over PIECE: a compression bomb stops at the cap without being inflated whole."""
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding in {"", "identity"}:
        inflate = None
    elif encoding in {"gzip", "x-gzip"}:
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflate = zlib.decompressobj()
    else:
        raise httpx.DecodingError(f"content encoding {encoding[:20]!r} is not supported")
    declared = response.headers.get("content-length", "")
    if inflate is None and declared.isdigit() and int(declared) > max_bytes:
        raise AnswerTooLarge(f"answer over {max_bytes} bytes", response.status_code)
    total = 0
    for chunk in response.iter_raw():
        pieces = [chunk]
        if inflate is not None:
            pieces, data = [], chunk
            while data:
                try:
                    pieces.append(inflate.decompress(data, PIECE))
                except zlib.error as exc:
                    raise httpx.DecodingError(f"{encoding} body does not decode ({exc})") from None
                data = inflate.unconsumed_tail
        for piece in pieces:
            total += len(piece)
            if total > max_bytes:
                raise AnswerTooLarge(f"answer over {max_bytes} bytes", response.status_code)
            yield piece


def bounded(
    method: str,
    url: str,
    timeout_s: float,
    max_bytes: int = MAX_ANSWER_BYTES,
    **kwargs: Any,
) -> httpx.Response:
    """One request answered whole within timeout_s from connect to last byte, its body capped
    at max_bytes decoded. The response comes back with its body read."""
    dog = Watchdog(time.monotonic() + timeout_s)
    headers = {"Accept-Encoding": ENCODINGS, **(kwargs.pop("headers", None) or {})}
    extensions = {**(kwargs.pop("extensions", None) or {}), "trace": dog.trace}
    with httpx.Client() as client, dog.running():
        request = client.build_request(
            method,
            url,
            timeout=httpx.Timeout(timeout_s),
            headers=headers,
            extensions=extensions,
            **kwargs,
        )
        try:
            response = client.send(request, stream=True)
            dog.on_fire(response.close)
            try:
                body = bytearray()
                for piece in decoded_body(response, max_bytes):
                    body += piece
            finally:
                response.close()
        except (httpx.StreamError, httpx.TransportError):
            if dog.expired():
                raise httpx.ReadTimeout(f"no whole answer within {timeout_s:g} s") from None
            raise
        if dog.expired():
            raise httpx.ReadTimeout(f"no whole answer within {timeout_s:g} s")
    kept = [(k, v) for k, v in response.headers.raw if k.lower() not in _UNSENT]
    return httpx.Response(response.status_code, headers=kept, content=bytes(body), request=request)


def transient_status(status: int) -> bool:
    """True for statuses a later retry may not get: throttling and server errors."""
    return status in TRANSIENT_STATUS or status >= 500


def as_provider_error(
    exc: httpx.HTTPError, who: str, kind: type[ProviderError], timeout_s: float
) -> ProviderError:
    """An httpx failure as kind, transient for timeouts, lost connections, 429 and 5xx."""
    if isinstance(exc, AnswerTooLarge):
        return kind(f"{who}: {exc}")
    if isinstance(exc, httpx.TimeoutException):
        return kind(f"{who}: no answer within {timeout_s:g} s", transient=True)
    if isinstance(exc, httpx.HTTPStatusError):
        status = exc.response.status_code
        return kind(
            f"{who}: HTTP {status}{_detail(exc.response)}", transient=transient_status(status)
        )
    if isinstance(exc, httpx.TransportError):
        return kind(f"{who}: cannot connect ({_reason(exc)})", transient=True)
    return kind(f"{who}: {_reason(exc)}")


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _detail(response: httpx.Response) -> str:
    """The service's own error text, when it sent a short one."""
    try:
        body = response.json()
    except (ValueError, httpx.StreamError):  # not JSON, or a stream whose body was not read
        return ""
    message = body.get("error") if isinstance(body, dict) else None
    if isinstance(message, dict):
        message = message.get("message")
    # masked before it is cut: a key cut in two would pass the mask in pieces
    return f" ({masked(str(message), 200)})" if message else ""


def probe(
    url: str, timeout_s: float, who: str, headers: dict[str, str] | None = None
) -> httpx.Response | str:
    """GET url for a reachability check: the response, or why there was none within timeout_s."""
    try:
        return bounded("GET", url, timeout_s, MAX_PROBE_BYTES, headers=headers)
    except AnswerTooLarge as big:  # a long page is still an answer
        return httpx.Response(big.status)
    except httpx.TimeoutException:
        return f"{who} gave no answer within {timeout_s:g} s"
    except httpx.HTTPError as exc:
        return f"{who} unreachable ({_reason(exc)})"


def unreachable(url: str, timeout_s: float) -> str | None:
    """None when url gives any HTTP answer within timeout_s, else the reason it did not."""
    answer = probe(url, timeout_s, url)
    return answer if isinstance(answer, str) else None


def bearer(key: SecretStr | None) -> dict[str, str]:
    """The Authorization header for an API key; the key goes there and nowhere else."""
    return {} if key is None else {"Authorization": f"Bearer {key.get_secret_value()}"}


def models_unready(base_url: str, key: SecretStr | None, timeout_s: float, who: str) -> str | None:
    """None when an OpenAI-compatible server answers GET {base}/models, else why not."""
    answer = probe(base_url.rstrip("/") + "/models", timeout_s, who, bearer(key))
    if isinstance(answer, str):
        return answer
    if answer.status_code in {401, 403}:
        return f"{who} refused the API key"
    return None
