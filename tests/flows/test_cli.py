"""The CLI end to end, as a user runs it: python -m flows.presentation."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from flows.presentation import main
from tests.flows.checks import assert_outputs_agree

ROOT = Path(__file__).resolve().parents[2]


def run_cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None
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
        (["Solar", "--slides", "0"], "outside 1..60"),
        (["Solar", "--slides", "61"], "outside 1..60"),
        (["Solar", "--slides", "ten"], "invalid int value: 'ten'"),
        (["Solar", "--lang", "klingon"], "unknown language 'klingon'"),
        (["Solar", "--writer", "psychic"], "invalid choice: 'psychic'"),
        (["Solar", "--writer", "openai"], "needs LECTRA_OPENAI_BASE_URL"),
        (["Solar", "--voice", "robot"], "LECTRA_VOICE: 'robot' is not an edge-tts voice"),
    ],
)
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


@pytest.mark.parametrize("args", [["", "--project", "p"], ["Solar", "--slides", "x"]])
def test_bad_input_from_a_real_process(tmp_path: Path, args: list[str]) -> None:
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
        "--output-dir",
        "--writer",
        "--voice-engine",
        "--image-source",
        "--voice",
        "--grounding",
        "--max-concurrent-images",
        "--max-concurrent-tts",
    ]:
        assert flag in out


def test_cli_builds_a_deck_under_the_output_dir(tmp_path: Path) -> None:
    result = run_cli(
        "Tidal Power",
        "--slides",
        "3",
        "--no-video",
        cwd=tmp_path,
        env={"LECTRA_OUTPUT_DIR": "decks"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = tmp_path / "decks" / "tidal-power"
    report = assert_outputs_agree(out, video=False)
    assert report["deck_slides"] == 3
    assert "| narration |" in result.stdout  # the report table is printed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["decks"]  # nothing written elsewhere
