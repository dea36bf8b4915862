"""Shared fixtures: a run configuration in a temporary folder and a Prefect test server."""

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

from lectra.config import RunConfig, resolve
from lectra.models import DeckRequest
from lectra.settings import load_settings


def make_cfg(tmp_path: Path, slides: int = 4, lang: str = "en", **settings: object) -> RunConfig:
    """A resolved run configuration writing under tmp_path."""
    request = DeckRequest.build("Renewable Energy", "test", slides, lang)
    return resolve(request, load_settings(output_dir=tmp_path, **settings))


@pytest.fixture
def cfg(tmp_path: Path) -> RunConfig:
    """A 4-slide English run in a temporary folder."""
    return make_cfg(tmp_path)


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """One temporary Prefect server and database for every flow test."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


@pytest.fixture
def broken_espeak(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An espeak-ng on PATH that fails like a broken install: the real boundary, replaced."""
    bin_dir = tmp_path / "fakebin"
    bin_dir.mkdir()
    fake = bin_dir / "espeak-ng"
    fake.write_text("#!/bin/sh\necho 'espeak-ng: cannot open audio device' >&2\nexit 1\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return fake
