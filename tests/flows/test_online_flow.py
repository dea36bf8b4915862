"""Full flow runs on the real providers, each faked at its boundary; nothing leaves the host."""

import json
from pathlib import Path
from typing import Any

import pytest

from flows.cli import main
from flows.presentation import presentation
from lectra.runtime.errors import WriterError
from tests.fakes.edge import fake_edge
from tests.fakes.images import ImageWeb, fake_ddgs, results
from tests.fakes.llm import FakeOllama, FakeOpenAI
from tests.fakes.loopback import Reply, Request, serve
from tests.fakes.speech import FakeSpeechServer
from tests.flows.checks import assert_no_overflow, assert_outputs_agree, assert_secret_kept

SOURCES = [
    {"title": "Tides", "body": "Tidal range drives the turbines.", "href": "https://x.test/t"}
]


def test_auto_picks_ollama_edge_and_ddg_and_builds_the_deck(
    prefect_server: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    ollama: FakeOllama,
    image_web: ImageWeb,
) -> None:
    monkeypatch.setenv("LECTRA_OLLAMA_URL", ollama.url)
    monkeypatch.setenv("LECTRA_EDGE_CHECK_URL", image_web.url)  # any HTTP answer counts
    monkeypatch.setenv("LECTRA_DDG_CHECK_URL", image_web.url)
    calls = fake_edge(monkeypatch)
    fake_ddgs(monkeypatch, results(image_web, "/jpeg", "/webp", "/png", "/cmyk"))
    report = presentation(topic="Tidal Power", project="tides", slides=4, output_dir=str(tmp_path))

    out = tmp_path / "tides"
    saved = assert_outputs_agree(out)
    assert_no_overflow(out / "presentation.pptx")
    assert report.providers == {"writer": "ollama", "voice": "edge", "images": "ddg"}
    reason = f"auto: ollama at {ollama.url} has llama3.1 and answers"
    assert report.provider_reasons["writer"] == reason
    assert saved["warnings"] == []
    outline = json.loads((out / "outline.json").read_text())
    assert outline["slide_titles"][1:] == ["Model Section 1", "Model Section 2", "Model Section 3"]
    # the one-line structured test auto asks, the outline and 4 scripts
    assert len(ollama.chats) == 6 and all(c["stream"] is False for c in ollama.chats)
    assert {c["voice"] for c in calls} == {"en-US-AriaNeural"}
    meta = json.loads((out / "images_metadata.json").read_text())
    assert [m["source"] for m in meta] == ["ddg"] * 4  # the title slide's picture too
    assert len({m["url"] for m in meta[1:]}) == 3  # no image twice
    words = sorted(p.name for p in (out / "word_boundaries").iterdir())
    assert words == [f"slide_{i:03d}.json" for i in range(4)]


@pytest.mark.hostile
def test_openai_with_grounding_keeps_its_key_out_of_every_output(
    prefect_server: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    key = "sk-lectra-test-secret-4242"
    fake_ddgs(monkeypatch, [], text=SOURCES)
    with serve(FakeOpenAI(key=key)) as server:
        monkeypatch.setenv("LECTRA_OPENAI_BASE_URL", f"{server.url}/v1")
        monkeypatch.setenv("LECTRA_OPENAI_API_KEY", key)
        report = presentation(
            topic="Tidal Power",
            project="secret",
            slides=3,
            writer="openai",
            grounding=True,
            video=False,
            output_dir=str(tmp_path),
        )
    assert report.providers["writer"] == "openai" and report.warnings == []
    assert "Tidal range drives the turbines." in server.chats[0]["messages"][1]["content"]
    assert_secret_kept(key, tmp_path, capfd)  # the outputs and the cache


class EchoingOpenAI(FakeOpenAI):
    """A server behind a proxy that echoes the Authorization header: in its first answer, an
    error, and in every slide's notes after that."""

    def __init__(self, key: str) -> None:
        super().__init__(key=key)
        self.auth, self.failed = "", False

    def _chat(self, request: Request) -> Reply:
        self.auth = request.headers.get("Authorization", "")
        return super()._chat(request)

    def next_answer(self, body: dict[str, Any], schema: dict[str, Any]) -> str | Reply:
        if not self.failed:
            self.failed = True
            return Reply(500, {"error": {"message": f"proxy saw Authorization: {self.auth}"}})
        answer = super().next_answer(body, schema)
        if isinstance(answer, str) and '"notes": "' in answer:
            answer = answer.replace('"notes": "', f'"notes": "Token {self.auth}. ', 1)
        return answer


@pytest.mark.hostile
def test_a_key_the_server_echoes_is_scrubbed_everywhere(
    prefect_server: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    key = "sk-echoed-secret-7373"
    with serve(EchoingOpenAI(key)) as server:
        monkeypatch.setenv("LECTRA_OPENAI_BASE_URL", f"{server.url}/v1")
        monkeypatch.setenv("LECTRA_OPENAI_API_KEY", key)
        monkeypatch.setenv("LECTRA_RETRY_DELAY_S", "0")
        report = presentation(
            topic="Tidal Power",
            project="echo",
            slides=3,
            writer="openai",
            video=False,
            output_dir=str(tmp_path),
        )
    assert report.providers["writer"] == "openai" and server.failed
    notes = (tmp_path / "echo" / "script.json").read_text()
    assert "Token Bearer ***" in notes
    assert_secret_kept(key, tmp_path, capfd)  # outputs, cache, stdout and stderr (the logs)


def test_grounding_without_network_is_skipped_with_a_warning(
    prefect_server: None, tmp_path: Path, ollama: FakeOllama, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_ddgs(monkeypatch, [], text=ConnectionError("dns error"))
    monkeypatch.setenv("LECTRA_OLLAMA_URL", ollama.url)
    report = presentation(
        topic="Tides",
        project="g",
        slides=2,
        writer="ollama",
        grounding=True,
        video=False,
        output_dir=str(tmp_path),
    )
    assert report.warnings == ["grounding skipped: web search unavailable (ConnectionError)"]
    assert "web search results" not in ollama.chats[0]["messages"][1]["content"]


def test_an_outline_the_writer_cannot_give_ends_the_run_naming_server_and_model(
    prefect_server: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("LECTRA_RETRIES", "1")
    monkeypatch.setenv("LECTRA_RETRY_DELAY_S", "0")
    code = main(["Tides", "--writer", "ollama", "--output-dir", str(tmp_path)])
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert code == 1
    assert last.startswith(
        "lectra: error: no outline: ollama model llama3.1 at http://127.0.0.1:9: cannot connect"
    )


def test_transient_failures_are_retried_and_counted_and_others_are_not(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ollama: FakeOllama
) -> None:
    from tests.fakes.loopback import Reply

    monkeypatch.setenv("LECTRA_RETRY_DELAY_S", "0")
    monkeypatch.setenv("LECTRA_OLLAMA_URL", ollama.url)
    ollama.script.extend([Reply(503, {"error": "busy"}), Reply(503, {"error": "busy"})])
    report = presentation(
        topic="Retries",
        project="r",
        slides=2,
        writer="ollama",
        video=False,
        output_dir=str(tmp_path),
    )
    assert report.retries == 2 and report.warnings == []
    assert [t.retries for t in report.tasks if t.task == "outline"] == [2]
    assert next(s for s in report.stages if s.stage == "outline").retries == 2

    ollama.models = []  # not pulled: a retry cannot help

    def asked() -> int:
        return sum(r.path == "/api/chat" for r in ollama.requests)

    before = asked()
    with pytest.raises(WriterError, match="not pulled"):  # a new topic: the cache is shared
        presentation(
            topic="Retries again", project="r2", slides=2, writer="ollama", output_dir=str(tmp_path)
        )
    assert asked() == before + 1


@pytest.mark.hostile
def test_a_speech_server_narrates_within_the_cap_and_keeps_its_key_out(
    prefect_server: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    key = "sk-speech-flow-secret-9191"
    with serve(FakeSpeechServer(key=key, delay_s=0.2)) as server:
        monkeypatch.setenv("LECTRA_SPEECH_BASE_URL", f"{server.url}/v1")
        monkeypatch.setenv("LECTRA_SPEECH_API_KEY", key)
        monkeypatch.setenv("LECTRA_SPEECH_MODEL", "kokoro")
        report = presentation(
            topic="Tidal Power",
            project="spoken",
            slides=4,
            video=False,
            max_concurrent_tts=2,
            output_dir=str(tmp_path),
        )
    out = tmp_path / "spoken"
    assert report.providers["voice"] == "openai" and report.warnings == []
    assert server.peak == 2  # sentences of several slides at once, two at a time
    assert {r.json["model"] for r in server.requests if r.json} == {"kokoro"}
    saved = assert_outputs_agree(out, video=False)
    assert saved["providers"]["voice"] == "openai"
    marks = json.loads((out / "sentence_boundaries" / "slide_001.json").read_text())
    assert len(marks[0]["sentences"]) >= 2
    assert_secret_kept(key, tmp_path, capfd)  # the outputs and the cache


def test_a_server_answering_one_request_at_a_time_gets_one_at_a_time(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ollama: FakeOllama
) -> None:
    """A local model server at laptop speed: one answer at a time, 0.5 s each, and a 1.2 s
    deadline. Asked all at once (before), the third slide's request waited 1 s in the
    server's queue and timed out, and its retry queued behind the abandoned one; within
    the 'writer' slot each request waits here, its deadline running only once it is sent."""
    monkeypatch.setenv("LECTRA_OLLAMA_URL", ollama.url)
    monkeypatch.setenv("LECTRA_WRITER_TIMEOUT_S", "1.2")
    ollama.answer_s = 0.5
    report = presentation(
        topic="Tidal Power",
        project="queue",
        slides=6,
        writer="ollama",
        video=False,
        output_dir=str(tmp_path),
    )
    assert report.warnings == [] and report.retries == 0
    assert ollama.worker.queue_peak == 0  # never a request waiting in the server's queue
    script = json.loads((tmp_path / "queue" / "script.json").read_text())
    assert len(script) == 6 and all("Model Section" in s["title"] for s in script[1:])


def test_a_forced_edge_voice_that_fails_names_piper_in_the_summary(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """edge-tts asked for and failing every call: Piper speaks, and the report says so."""
    from lectra.pipeline.report import markdown
    from tests.fakes.edge import SilentCommunicate

    fake_edge(monkeypatch, SilentCommunicate)
    monkeypatch.setenv("LECTRA_OUTPUT_DIR", str(tmp_path))
    monkeypatch.setenv("LECTRA_RETRIES", "0")
    report = presentation(
        topic="Tides", slides=2, video=False, voice_engine="edge", voice="en-US-AriaNeural"
    )
    assert report.providers["voice"] == "piper"
    assert report.provider_reasons["voice"].startswith("edge was chosen; spoken by piper 2 of 2")
    assert "| voice | piper |" in markdown(report)
    assert all("spoken by Piper instead" in w for w in report.warnings)
