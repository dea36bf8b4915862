"""One run per project: a second run is refused (or waits), a dead run's lock is free."""

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from lectra.errors import ProjectBusyError
from lectra.runlock import busy, lock_file, project_lock

pytestmark = pytest.mark.hostile


def test_a_second_run_of_the_project_is_refused_naming_the_first(tmp_path: Path) -> None:
    out, cache = tmp_path / "deck", tmp_path / ".cache"
    with project_lock(out, cache, "run-one"):
        assert busy(out, cache) == f"run run-one (pid {os.getpid()})"
        with (
            pytest.raises(ProjectBusyError, match=r"deck is being built by run run-one"),
            project_lock(out, cache, "run-two"),
        ):
            pass
        with project_lock(tmp_path / "other", cache, "run-three"):  # other projects go on
            pass
    assert busy(out, cache) is None
    with project_lock(out, cache, "run-two"):
        pass


def test_with_wait_the_second_run_starts_when_the_first_ends(tmp_path: Path) -> None:
    out, cache = tmp_path / "deck", tmp_path / ".cache"
    got = threading.Event()

    def second() -> None:
        with project_lock(out, cache, "run-two", wait=True):
            got.set()

    with project_lock(out, cache, "run-one"):
        waiter = threading.Thread(target=second)
        waiter.start()
        waiter.join(0.3)
        assert not got.is_set()  # still held by the first run
    assert got.wait(10)
    waiter.join()


def test_the_lock_of_a_killed_run_is_free(tmp_path: Path) -> None:
    out, cache = tmp_path / "deck", tmp_path / ".cache"
    code = (
        "import sys, time; from pathlib import Path; from lectra.runlock import project_lock\n"
        f"with project_lock(Path({str(out)!r}), Path({str(cache)!r}), 'doomed'):\n"
        "    print('held', flush=True); time.sleep(60)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    assert busy(out, cache) == f"run doomed (pid {child.pid})"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert busy(out, cache) is None
    with project_lock(out, cache, "next"):
        assert lock_file(out, cache).read_text().startswith("run next")
