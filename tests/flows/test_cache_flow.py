"""Caching across runs: no service call on a rerun, outputs rebuilt, --refresh, per-stage keys."""

import hashlib
from pathlib import Path

import pytest

from flows.presentation import presentation
from lectra.models import slugify
from tests.fakes.edge import fake_edge
from tests.fakes.images import ImageWeb, fake_ddgs, results
from tests.fakes.llm import FakeOllama
from tests.flows.checks import assert_outputs_agree

OUTPUTS = ["presentation.pptx", "narration.mp3", "video.mp4", "slide_timings.json"]


def digests(out: Path) -> dict[str, str]:
    return {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in OUTPUTS}


@pytest.fixture
def online(
    monkeypatch: pytest.MonkeyPatch, ollama: FakeOllama, image_web: ImageWeb, tmp_path: Path
) -> dict[str, list]:
    """Every provider online and faked; returns the record of calls to each."""
    monkeypatch.setenv("LECTRA_WRITER", "ollama")
    monkeypatch.setenv("LECTRA_VOICE_ENGINE", "edge")
    monkeypatch.setenv("LECTRA_IMAGE_SOURCE", "ddg")
    monkeypatch.setenv("LECTRA_OLLAMA_URL", ollama.url)
    monkeypatch.setenv("LECTRA_OUTPUT_DIR", str(tmp_path))
    edge = fake_edge(monkeypatch)
    searches = fake_ddgs(monkeypatch, results(image_web, "/jpeg", "/webp", "/png", "/cmyk"))
    return {"chats": ollama.chats, "speech": edge, "searches": searches}


def counts(calls: dict[str, list]) -> dict[str, int]:
    return {name: len(made) for name, made in calls.items()}


def test_a_rerun_is_all_cache_and_a_deleted_project_comes_back(
    prefect_server: None, tmp_path: Path, online: dict[str, list]
) -> None:
    first = presentation(topic="Wave Energy", slides=4)
    out = tmp_path / slugify("Wave Energy")
    made = counts(online)
    assert made == {"chats": 5, "speech": 4, "searches": 3} and first.cached_tasks == 0
    before = digests(out)

    again = presentation(topic="Wave Energy", slides=4)
    assert counts(online) == made  # no LLM, TTS or image call at all
    assert again.cached_tasks == len(again.tasks) and all(t.cached for t in again.tasks)
    assert again.flow_seconds < 1.0  # the whole run is replayed: no step runs at all
    assert digests(out) == before

    for path in sorted(out.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    out.rmdir()
    rebuilt = presentation(topic="Wave Energy", slides=4)
    assert counts(online) == made
    assert digests(out) == before
    assert_outputs_agree(out)
    assert rebuilt.tasks and {t.task for t in rebuilt.tasks if not t.cached} == {"publish"}


def test_refresh_redoes_everything_and_a_voice_change_redoes_only_narration(
    prefect_server: None, tmp_path: Path, online: dict[str, list], monkeypatch: pytest.MonkeyPatch
) -> None:
    presentation(topic="Tidal Energy", slides=3, video=False)
    made = counts(online)
    presentation(topic="Tidal Energy", slides=3, video=False, refresh=True)
    assert counts(online) == {name: 2 * n for name, n in made.items()}

    monkeypatch.setenv("LECTRA_EDGE_RATE", "+20%")
    report = presentation(topic="Tidal Energy", slides=3, video=False)
    after = counts(online)
    assert after["speech"] == 3 * made["speech"]
    assert after["chats"] == 2 * made["chats"] and after["searches"] == 2 * made["searches"]
    redone = {t.stage for t in report.tasks if not t.cached}
    # the fake speaks the same bytes at any rate, so what joins the narration stays cached
    assert "narration" in redone and redone <= {"narration", "deck", "audio", "publish"}
    assert not redone & {"outline", "script", "image", "frame"}
