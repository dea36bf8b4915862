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

# What `make test-fast` leaves out: whole CLI runs in fresh processes (each with its temporary
# Prefect server), real `prefect server start` and PostgreSQL, the benchmark, the recorded real
# model and the LibreOffice renders of whole realistic decks. The rest runs on fakes in-process.
SLOW = (
    "tests/deployments/",
    "tests/bench/",
    "tests/flows/test_cli.py",
    "tests/flows/test_resume.py",
    "tests/flows/test_real_model.py",
    "tests/lectra/test_realistic_deck.py",
    "tests/lectra/test_design.py",
    "tests/lectra/test_pptx_audio.py::test_libreoffice",
    "tests/lectra/test_hostile_text.py::test_unbreakable_words_stay_in_their_boxes_in_the_frame",
    "tests/flows/test_course_flow.py::test_a_failing_deck",
    "tests/flows/test_cache_flow.py::test_a_poisoned_cache",
    "tests/flows/test_cache_flow.py::test_refresh_redoes_everything",
    "tests/flows/test_presentation_flow.py::test_links_planted_in_a_project",
    "tests/flows/test_online_flow.py::test_a_server_answering_one_request_at_a_time",
    "tests/lectra/test_bounded_calls.py::test_headers_sent_a_byte_at_a_time",
    "tests/flows/test_cache_flow.py::test_whatever_part_of_the_cache_and_outputs_is_deleted_a_rerun_succeeds[lost1]",
    "tests/flows/test_cache_flow.py::test_whatever_part_of_the_cache_and_outputs_is_deleted_a_rerun_succeeds[lost2]",
    "tests/flows/test_cache_flow.py::test_whatever_part_of_the_cache_and_outputs_is_deleted_a_rerun_succeeds[lost3]",
    "tests/flows/test_cache_flow.py::test_whatever_part_of_the_cache_and_outputs_is_deleted_a_rerun_succeeds[lost4]",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests SLOW names (a folder, a module or a test) slow: -m 'not slow' skips them."""
    for item in items:
        if item.nodeid.startswith(SLOW):
            item.add_marker(pytest.mark.slow)


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


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """An S3-protocol server on loopback with one bucket (tests.fakes.s3), its address and
    credentials in this process's environment; "log" is the file of the requests it served."""
    from tests.fakes.s3 import s3_server

    log = tmp_path_factory.mktemp("s3") / "s3.log"
    with s3_server(log) as env, pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        yield env | {"log": str(log)}


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
