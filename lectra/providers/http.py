"""HTTP helpers shared by the providers: bounded calls, failures as typed errors, and
reachability checks."""

import threading
import time
from typing import Any

import httpx
from pydantic import SecretStr

from lectra.errors import ProviderError

TRANSIENT_STATUS = {408, 425, 429}
MAX_ANSWER_BYTES = 50_000_000  # decoded: a model's answer or one sentence's WAV is far below
MAX_PROBE_BYTES = 1_000_000
_UNSENT = {b"content-encoding", b"content-length", b"transfer-encoding"}


class AnswerTooLarge(httpx.HTTPError):
    """The answer's decoded body went over its cap (a runaway or a compression bomb)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def bounded(
    method: str,
    url: str,
    timeout_s: float,
    max_bytes: int = MAX_ANSWER_BYTES,
    client: httpx.Client | None = None,
    **kwargs: Any,
) -> httpx.Response:
    """One request whose body is read within timeout_s in all and capped at max_bytes decoded.

    httpx's timeouts are per read: a server sending a byte a second never trips them. Here a
    timer closes the response at the deadline. The response comes back with its body read.
    """
    deadline = time.monotonic() + timeout_s
    own = client or httpx.Client()
    try:
        request = own.build_request(method, url, timeout=httpx.Timeout(timeout_s), **kwargs)
        response = own.send(request, stream=True)
        timer = threading.Timer(max(0.0, deadline - time.monotonic()), response.close)
        timer.start()
        body = bytearray()
        try:
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise AnswerTooLarge(f"answer over {max_bytes} bytes", response.status_code)
        except (httpx.StreamError, httpx.TransportError):
            if time.monotonic() >= deadline - 0.01:
                raise httpx.ReadTimeout(f"no whole answer within {timeout_s:g} s") from None
            raise
        finally:
            timer.cancel()
            response.close()
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout(f"no whole answer within {timeout_s:g} s")
        headers = [(k, v) for k, v in response.headers.raw if k.lower() not in _UNSENT]
        return httpx.Response(
            response.status_code, headers=headers, content=bytes(body), request=request
        )
    finally:
        if client is None:
            own.close()


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
    return f" ({str(message)[:200]})" if message else ""


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
