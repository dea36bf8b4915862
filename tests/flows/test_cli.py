"""The CLI end to end, as a user runs it: python -m flows.presentation."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from prefect.settings import PREFECT_API_URL, temporary_settings

from flows.cli import main
from flows.parameters import DeckParameters
from lectra.config.run import requested
from lectra.runtime.runlock import project_lock
from tests.flows.checks import assert_outputs_agree

ROOT = Path(__file__).resolve().parents[2]


def run_cli(
    *args: str | bytes, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {
        **os.environ,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PYTHONPATH": str(ROOT),
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "flows.presentation", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["   "], "topic is empty"),
        (["x" * 501], "topic is 501 characters"),
        (["tab\there"], "control characters"),
        (["Solar", "--project", "../x"], "not a safe folder name"),
        (["Solar", "--project", "a/b"], "not a safe folder name"),
        (["Solar", "--project", ".."], "not a safe folder name"),
        (["Solar", "--project", ""], "not a safe folder name"),
        (["Solar", "--slides", "0"], "slides: Input should be greater than or equal to 1"),
        (["Solar", "--slides", "61"], "slides: Input should be less than or equal to 60"),
        (["Solar", "--slides", "ten"], "invalid int value: 'ten'"),
        (["Solar", "--lang", "klingon"], "invalid choice: 'klingon'"),
        (["Solar", "--writer", "psychic"], "invalid choice: 'psychic'"),
        (["Solar", "--writer", "openai"], "needs LECTRA_OPENAI_BASE_URL"),
        (["Solar", "--voice", "robot"], "voice: 'robot' is not an edge-tts voice"),
        (["Solar", "--lang", "de", "--voice-engine", "piper"], "speaks 'en', the deck is in 'de'"),
        (["Solar", "--voice-engine", "openai"], "needs LECTRA_SPEECH_BASE_URL"),
        (["Solar", "--piper-voice", "nowhere/x.onnx"], "x.onnx: not an .onnx file"),
        (["\u200b\u200f\ufeff"], "topic is empty (no visible characters)"),
        (["Solar", "--lang", ""], "invalid choice: ''"),
        (["Caf\udce9"], "topic is not valid UTF-8 text"),  # how Python passes such bytes on
        (["Solar", "--voice", "x\udcff"], "voice is not valid UTF-8 text"),
    ],
)
@pytest.mark.hostile
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    tmp_path: Path,
    args: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code = main([*args, "--output-dir", str(tmp_path / "outputs")])
    err = capsys.readouterr().err
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.hostile
def test_a_block_name_without_a_server_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        assert main(["Solar", "--writer-block", "nope"]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "--writer-block needs a Prefect server" in lines[0], lines
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("LECTRA_OLLAMA_URL", "http://127.0.0.1:99999", "Port out of range"),
        ("LECTRA_OLLAMA_URL", "http://[::1", "Invalid IPv6 URL"),
        ("LECTRA_SPEECH_BASE_URL", "http://h:0x50/v1", "is not a usable URL"),
        ("LECTRA_OUTPUT_DIR", "/dev/null", "LECTRA_OUTPUT_DIR: /dev/null is not a folder"),
        ("LECTRA_CACHE_DIR", "/dev/null/c", "LECTRA_CACHE_DIR: /dev/null is not a folder"),
    ],
)
@pytest.mark.hostile
def test_unusable_urls_and_folders_are_one_line_exit_2(
    tmp_path: Path,
    variable: str,
    value: str,
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(variable, value)
    assert main(["Solar"]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], lines
    assert list(tmp_path.iterdir()) == []


@pytest.mark.hostile
def test_a_project_path_that_is_a_file_and_a_tilde_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "solar").write_text("a file")
    assert main(["Solar", "--output-dir", str(tmp_path / "decks")]) == 2
    assert "decks/solar exists and is not a folder" in capsys.readouterr().err
    monkeypatch.setenv("HOME", str(tmp_path))
    settings, _ = requested(DeckParameters.checked(topic="Solar", output_dir="~/lectures"))
    assert settings.output_dir == tmp_path / "lectures"  # not a folder named '~'


@pytest.mark.hostile
def test_a_bad_environment_variable_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LECTRA_VOICE", "robot")
    assert main(["Solar", "--output-dir", str(tmp_path / "outputs")]) == 2
    assert "LECTRA_VOICE: 'robot' is not an edge-tts voice" in capsys.readouterr().err
    monkeypatch.setenv("LECTRA_LANG", "xx")
    assert main(["Solar", "--output-dir", str(tmp_path / "outputs")]) == 2
    assert "LECTRA_LANG: unknown language 'xx'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.hostile
@pytest.mark.parametrize(
    "args",
    [
        ["", "--project", "p"],
        ["Solar", "--slides", "x"],
        [b"Caf\xe9 au lait"],
        ["x", "--lang", b"\xff"],
    ],
)
def test_bad_input_from_a_real_process(tmp_path: Path, args: list[str | bytes]) -> None:
    result = run_cli(*args, "--output-dir", str(tmp_path / "outputs"), cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_help_documents_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for flag in [
        "--project",
        "--slides",
        "--lang",
        "--no-video",
        "--no-embed-audio",
        "--burn-subtitles",
        "--output-dir",
        "--writer",
        "--voice-engine",
        "--image-source",
        "--voice",
        "--piper-voice",
        "--grounding",
        "--max-concurrent-images",
        "--max-concurrent-tts",
    ]:
        assert flag in out
    said = " ".join(out.split())
    assert "--no-video Make no video.mp4" in said  # it said "Render video.mp4"
    assert "--no-embed-audio Keep the narration out of presentation.pptx" in said


@pytest.mark.hostile
def test_a_project_another_run_is_building_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with project_lock(tmp_path / "busy", "first-run"):
        code = main(["Tidal Power", "--project", "busy", "--output-dir", str(tmp_path)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1
    assert err[0].startswith("lectra: error: busy is being built by run first-run (pid ")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".busy.lock"]  # the first run's lock


def test_cli_builds_a_deck_under_the_output_dir(tmp_path: Path) -> None:
    result = run_cli(
        "Tidal Power",
        "--slides",
        "3",
        "--no-video",
        "--no-embed-audio",
        cwd=tmp_path,
        env={"LECTRA_OUTPUT_DIR": "decks"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = tmp_path / "decks" / "tidal-power"
    report = assert_outputs_agree(out, video=False, embedded=False)
    assert report["deck_slides"] == 4  # the 3 asked and the closing page
    assert "| narration |" in result.stdout  # the report table is printed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["decks"]  # nothing written elsewhere


@pytest.mark.hostile
def test_two_first_runs_at_once_without_a_server_both_succeed(
    tmp_path: Path,
) -> None:
    env = {
        "PREFECT_HOME": str(tmp_path / "prefect-home"),  # one database, as on a laptop
        "LECTRA_OUTPUT_DIR": str(tmp_path / "decks"),
        "LECTRA_WRITER": "offline",
        "LECTRA_VOICE_ENGINE": "espeak",
        "LECTRA_IMAGE_SOURCE": "generated",
    }
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    full_env.pop("PREFECT_API_URL", None)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "flows.presentation", topic, "--slides", "2", "--no-video"],
            cwd=tmp_path,
            env=full_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for topic in ("Twin One", "Twin Two")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert "Traceback" not in err, err[-3000:]
        assert "no Prefect server at http://127.0.0.1:9/api: using a temporary one" in err
        assert proc.returncode == 0, err[-3000:]
    for project in ("twin-one", "twin-two"):
        assert_outputs_agree(tmp_path / "decks" / project, video=False, embedded=True)


@pytest.mark.hostile
def test_a_writer_that_cannot_answer_is_one_error_line_without_a_traceback(
    prefect_server: None, tmp_path: Path
) -> None:
    # against the session's server: a temporary one would only add its start-up
    env = {"LECTRA_OLLAMA_URL": "http://127.0.0.1:9", "PREFECT_API_URL": PREFECT_API_URL.value()}
    result = run_cli("Solar", "--writer", "ollama", "--output-dir", "o", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    errors = [line for line in result.stderr.splitlines() if line.startswith("lectra: error")]
    assert errors == [
        "lectra: error: no outline: ollama model llama3.1 at http://127.0.0.1:9: cannot connect "
        "([Errno 111] Connection refused)"
    ]


@pytest.mark.hostile
def test_a_killed_run_leaves_no_temporary_server_behind(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PREFECT_HOME": str(tmp_path / "home")}
    env.pop("PREFECT_API_URL", None)
    cli = subprocess.Popen(
        [sys.executable, "-m", "flows.presentation", "Solar", "--slides", "2"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert cli.stderr is not None
        for line in cli.stderr:  # the server answers before the flow run begins
            if "Beginning flow run" in line:
                break
        children = [
            int(p) for p in Path(f"/proc/{cli.pid}/task/{cli.pid}/children").read_text().split()
        ]
        server = [p for p in children if "uvicorn" in Path(f"/proc/{p}/cmdline").read_text()]
        assert len(server) == 1
        cli.kill()
        cli.wait()
        deadline = time.monotonic() + 60  # a server left behind lives on: only it reaches this
        while Path(f"/proc/{server[0]}").exists():
            assert time.monotonic() < deadline, "the temporary server outlived its run"
            time.sleep(0.1)
    finally:
        cli.kill()


@pytest.mark.hostile
def test_a_busy_prefect_server_is_retried_then_one_line(tmp_path: Path) -> None:
    """Every API call answered 503: Prefect's client retries each, then the CLI says so in
    one line (a 130-line traceback before)."""
    from tests.fakes.loopback import Reply, Server, answer, serve

    busy = Reply(503, {"detail": "busy"}, headers={"Retry-After": "0"})
    with serve(Server()) as api:
        for method in ("GET", "POST", "PATCH", "PUT"):
            api.route(method, "/", answer(busy))
        api.route("GET", "/api/health", answer(Reply(200, True)))
        api.route("GET", "/api/admin/version", answer(Reply(200, '"3.8.8"')))
        env = {"PREFECT_API_URL": f"{api.url}/api", "LECTRA_OUTPUT_DIR": "decks"}
        done = run_cli("Tides", "--slides", "2", "--no-video", cwd=tmp_path, env=env)
    err = [line for line in done.stderr.splitlines() if line.startswith("lectra: error")]
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-3000:]
    assert len(err) == 1 and "answered 503 Service Unavailable" in err[0], err
    assert "it is busy: try again" in err[0]
    paths = [r.path for r in api.requests]
    assert max(paths.count(p) for p in paths) > 1  # retried


@pytest.mark.hostile
def test_a_version_check_answered_busy_is_retried(tmp_path: Path) -> None:
    """Prefect checks the server's version once, unretried: two 503s there are waited out."""
    from tests.fakes.loopback import Reply, Server, answer, serve

    busy = Reply(503, {"detail": "busy"}, headers={"Retry-After": "0"})
    answers = iter([busy, busy])

    def version(_: object) -> Reply:
        return next(answers, Reply(200, '"3.8.8"'))

    with serve(Server()) as api:
        for method in ("GET", "POST", "PATCH", "PUT"):
            api.route(method, "/", answer(busy))
        api.route("GET", "/api/health", answer(Reply(200, True)))
        api.route("GET", "/api/admin/version", version)
        env = {"PREFECT_API_URL": f"{api.url}/api", "LECTRA_OUTPUT_DIR": "decks"}
        done = run_cli("Tides", "--slides", "2", "--no-video", cwd=tmp_path, env=env)
    checks = [r for r in api.requests if r.path.endswith("/admin/version")]
    assert len(checks) == 3, [r.path for r in api.requests]
    assert "Failed to reach API" not in done.stderr  # past the check: the busy routes' line
    assert "answered 503 Service Unavailable" in done.stderr and "Traceback" not in done.stderr
