"""Programs Lectra runs are stopped at their deadline and die with Lectra, kill -9 included."""

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lectra.providers.voices import espeak
from lectra.runtime.errors import ToolTimeoutError, VoiceError
from lectra.runtime.processes import run_bounded
from tests.bounds import ends_before

pytestmark = pytest.mark.hostile


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_a_stuck_program_is_stopped_at_its_deadline() -> None:
    with ends_before(30), pytest.raises(ToolTimeoutError, match=r"sleep did not finish in 0\.5 s"):
        run_bounded(["sleep", "30"], None, timeout_s=0.5)


def test_a_stuck_espeak_is_a_voice_error_the_fallbacks_handle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shim = tmp_path / "espeak-ng"
    shim.write_text("#!/bin/sh\nexec sleep 30\n")
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(espeak, "SENTENCE_BASE_S", 0.5)
    with ends_before(30), pytest.raises(VoiceError, match="did not finish"):
        espeak.EspeakVoice().speak("Hello there.", "en")


def test_a_child_dies_with_lectra_killed_by_sigkill(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    script = (
        "import threading, time\n"
        "from lectra.runtime.processes import run_bounded\n"
        "threading.Thread(target=run_bounded, args=(['sh', '-c', 'echo $$ > "
        f"{pid_file}; exec sleep 60'], None, 120)).start()\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], env=os.environ | {"PYTHONPATH": "."})
    try:
        deadline = time.monotonic() + 20
        while not (pid_file.exists() and pid_file.read_text().strip()):
            assert time.monotonic() < deadline, "the child never started"
            time.sleep(0.05)
        child = int(pid_file.read_text())
        assert _alive(child)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 30  # half the child's sleep: only a survivor reaches it
        while _alive(child):
            assert time.monotonic() < deadline, "the child outlived its parent"
            time.sleep(0.05)
    finally:
        parent.kill()
