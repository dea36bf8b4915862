"""The console shows an expected failure as its one line; other handlers keep its traceback."""

import logging
import sys

import pytest
from prefect.logging.handlers import PrefectConsoleHandler

from flows.console import OneLineFailures, one_line_failures
from lectra.runtime.errors import WriterError


def _record(error: BaseException) -> logging.LogRecord:
    try:
        raise error
    except type(error):
        info = sys.exc_info()
    return logging.LogRecord("prefect.task_runs", logging.ERROR, __file__, 1, "failed", None, info)


@pytest.mark.hostile
def test_an_expected_failure_loses_its_traceback_only_on_the_console() -> None:
    record = _record(WriterError("no outline: cannot connect"))
    shown = OneLineFailures(logging.Formatter("%(message)s")).format(record)
    assert shown == "failed"
    assert "Traceback" in logging.Formatter().format(record)  # the API handler's copy


def test_a_bug_keeps_its_traceback() -> None:
    shown = OneLineFailures(logging.Formatter("%(message)s")).format(_record(KeyError("x")))
    assert "Traceback" in shown and "KeyError" in shown


def test_debug_leaves_the_console_as_prefect_made_it() -> None:
    handler = PrefectConsoleHandler()
    logging.getLogger().addHandler(handler)
    before = handler.formatter
    try:
        with one_line_failures(debug=True):
            assert handler.formatter is before
        with one_line_failures():
            assert isinstance(handler.formatter, OneLineFailures)
        assert handler.formatter is before
    finally:
        logging.getLogger().removeHandler(handler)
