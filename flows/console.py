"""What the CLI's terminal shows of Prefect's logs: expected failures as one line, no traceback."""

import copy
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from prefect.logging.handlers import PrefectConsoleHandler
from prefect.settings import PREFECT_CLIENT_MAX_RETRIES

from lectra.runtime.errors import LectraError
from lectra.runtime.secrets import masked


class OneLineFailures(logging.Formatter):
    """A console formatter that leaves out the traceback of a LectraError.

    A LectraError is a failure Lectra expected and explains in its message (a writer that
    cannot answer, a full disk); its traceback still reaches Prefect's API logs, which format
    the record with their own handler.
    """

    def __init__(self, inner: logging.Formatter) -> None:
        super().__init__()
        self.inner = inner

    def format(self, record: logging.LogRecord) -> str:
        """The record as the inner formatter writes it, without an expected error's traceback."""
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, LectraError):
            record = copy.copy(record)  # the other handlers still get the traceback
            record.exc_info, record.exc_text = None, None
        return self.inner.format(record)


def _console_handlers() -> Iterator[logging.Handler]:
    seen = {id(h): h for name in ("", "prefect") for h in logging.getLogger(name).handlers}
    yield from (h for h in seen.values() if isinstance(h, PrefectConsoleHandler))


@contextmanager
def one_line_failures(debug: bool = False) -> Iterator[None]:
    """Within the block, Prefect's console shows expected failures without tracebacks."""
    handlers = [] if debug else list(_console_handlers())
    kept = [h.formatter for h in handlers]
    for handler, inner in zip(handlers, kept, strict=True):
        handler.setFormatter(OneLineFailures(inner or logging.Formatter()))
    try:
        yield
    finally:
        for handler, inner in zip(handlers, kept, strict=True):
            handler.setFormatter(inner)


def api_failure(exc: httpx.HTTPError) -> str:
    """A Prefect API call that failed for good, as one line: the server's answer and what to
    do (the client has already retried 429, 502, 503 with back-off)."""
    if not isinstance(exc, httpx.HTTPStatusError):
        return masked(f"the Prefect server could not be reached ({exc or type(exc).__name__})", 300)
    response, request = exc.response, exc.request
    said = f"{response.status_code} {response.reason_phrase}".strip()
    try:
        detail = response.json().get("exception_detail") or []
        why = f": {detail[0]['msg']}" if detail else ""
    except (ValueError, AttributeError, LookupError, TypeError):
        why = ""
    line = f"the Prefect server answered {said} to {request.method} {request.url.path}{why}"
    if response.status_code in (408, 429, 502, 503):
        retries = PREFECT_CLIENT_MAX_RETRIES.value()
        line += f" after {retries} retries; it is busy: try again (PREFECT_CLIENT_MAX_RETRIES)"
    return masked(line, 400)
