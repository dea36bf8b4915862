"""A run killed halfway (SIGKILL) and started again redoes only the slides that had not finished."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.fakes.llm import FakeOllama
from tests.flows.checks import assert_outputs_agree
from tests.flows.test_cli import ROOT


def start(tmp_path: Path, ollama: FakeOllama) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "LECTRA_WRITER": "ollama",
        "LECTRA_OLLAMA_URL": ollama.url,
        "LECTRA_OUTPUT_DIR": str(tmp_path / "out"),
        "LECTRA_VOICE_ENGINE": "espeak",  # resuming is the point here, not the voice
    }
    return subprocess.Popen(
        [sys.executable, "-m", "flows.presentation", "Geothermal", "--slides", "6", "--no-video"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # one process group with its temporary Prefect server
    )


def test_a_killed_run_resumes_with_only_the_unfinished_slides(
    tmp_path: Path, ollama: FakeOllama
) -> None:
    # the outline and 3 scripts answer; the next hangs (a local server takes one at a time,
    # so the 2 after it wait for the writer slot and are never sent)
    ollama.hold_after, ollama.hold_s = 4, 120
    first = start(tmp_path, ollama)
    deadline = time.monotonic() + 120
    while len(ollama.chats) < 5 and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.1)
    assert len(ollama.chats) == 5, first.communicate()[1] if first.poll() is not None else ""
    records = tmp_path / "out" / ".cache" / "results"
    while len(list(records.glob("script-*"))) < 3:  # the 3 answered scripts are recorded
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.05)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()

    out = tmp_path / "out" / "geothermal"
    ollama.hold_after = None
    second = start(tmp_path, ollama)
    _, err = second.communicate(timeout=300)
    assert second.returncode == 0, err[-2000:]
    asked = ollama.chats[5:]
    assert len(asked) == 3  # no outline, and only the three scripts that never finished
    assert all("slides" not in c["format"].get("properties", {}) for c in asked)
    report = assert_outputs_agree(out, video=False)
    assert not [p.name for p in out.rglob(".*")]  # what the killed run was writing is gone
    cached_scripts = [t for t in report["tasks"] if t["stage"] == "script" and t["cached"]]
    assert len(cached_scripts) == 3 and report["deck_slides"] >= 6
    assert json.loads((out / "outline.json").read_text())["slide_titles"][0]
