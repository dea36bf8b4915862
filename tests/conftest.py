"""Shared fixtures: a run configuration in a temporary folder and a Prefect test server."""

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# auto's reachability checks go to a closed loopback port, never to the internet
os.environ["LECTRA_OLLAMA_URL"] = "http://127.0.0.1:9"
os.environ["LECTRA_EDGE_CHECK_URL"] = "http://127.0.0.1:9/"
os.environ["LECTRA_DDG_CHECK_URL"] = "http://127.0.0.1:9/"
os.environ["LECTRA_LOCAL_PREFECT_API"] = "http://127.0.0.1:9/api"  # a dev's `make server` stays out
os.environ.pop("LECTRA_OPENAI_BASE_URL", None)

from lectra.config.run import RunConfig, resolve
from lectra.config.settings import load_settings
from lectra.models import DeckRequest

if TYPE_CHECKING:
    from tests.fakes.images import ImageWeb
    from tests.fakes.llm import FakeOllama


def make_cfg(tmp_path: Path, slides: int = 4, lang: str = "en", **settings: object) -> RunConfig:
    """A resolved run configuration writing under tmp_path."""
    request = DeckRequest.build("Renewable Energy", "test", slides, lang)
    return resolve(request, load_settings(output_dir=tmp_path, lang=lang, **settings))


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


@pytest.fixture
def broken_piper(tmp_path: Path) -> Path:
    """An English Piper voice whose model file is corrupt, its config beside it intact."""
    from lectra.providers.voices.piper import bundled_voice

    model = tmp_path / "voices" / "en_US-broken-medium.onnx"
    model.parent.mkdir()
    model.write_bytes(b"not an onnx model")
    config = bundled_voice().with_name(bundled_voice().name + ".json")
    model.with_name(model.name + ".json").write_bytes(config.read_bytes())
    return model


@pytest.fixture
def ollama() -> Iterator["FakeOllama"]:
    """A fake Ollama server on a loopback port, with llama3.1 pulled."""
    from tests.fakes.llm import FakeOllama
    from tests.fakes.loopback import serve

    with serve(FakeOllama()) as server:
        yield server


@pytest.fixture
def image_web() -> Iterator["ImageWeb"]:
    """A loopback web serving good and bad pictures."""
    from tests.fakes.images import serve_images

    with serve_images() as server:
        yield server
