"""One run per project: a second run is refused (or waits), a dead run's lock is free."""

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from lectra.runtime.errors import ProjectBusyError
from lectra.runtime.runlock import busy, lock_file, project_lock

pytestmark = pytest.mark.hostile


def test_a_second_run_of_the_project_is_refused_naming_the_first(tmp_path: Path) -> None:
    out = tmp_path / "deck"
    with project_lock(out, "run-one"):
        assert busy(out) == f"run run-one (pid {os.getpid()})"
        with (
            pytest.raises(ProjectBusyError, match=r"deck is being built by run run-one"),
            project_lock(out, "run-two"),
        ):
            pass
        with project_lock(tmp_path / "other", "run-three"):  # other projects go on
            pass
    assert busy(out) is None
    with project_lock(out, "run-two"):
        pass


def test_with_wait_the_second_run_starts_when_the_first_ends(tmp_path: Path) -> None:
    out = tmp_path / "deck"
    got = threading.Event()

    def second() -> None:
        with project_lock(out, "run-two", wait=True):
            got.set()

    with project_lock(out, "run-one"):
        waiter = threading.Thread(target=second)
        waiter.start()
        waiter.join(0.3)
        assert not got.is_set()  # still held by the first run
    assert got.wait(10)
    waiter.join()


def test_the_lock_of_a_killed_run_is_free(tmp_path: Path) -> None:
    out = tmp_path / "deck"
    code = (
        "import sys, time; from pathlib import Path\n"
        "from lectra.runtime.runlock import project_lock\n"
        f"with project_lock(Path({str(out)!r}), 'doomed'):\n"
        "    print('held', flush=True); time.sleep(60)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    assert busy(out) == f"run doomed (pid {child.pid})"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert busy(out) is None
    with project_lock(out, "next"):
        assert lock_file(out).read_text().startswith("run next")


def test_two_runs_with_different_caches_take_the_same_lock(tmp_path: Path) -> None:
    """The lock lives beside the project, not in a cache: LECTRA_CACHE_DIR cannot split it."""
    from tests.conftest import make_cfg

    first = make_cfg(tmp_path, cache_dir=tmp_path / "cache-a")
    second = make_cfg(tmp_path, cache_dir=tmp_path / "cache-b")
    assert first.project_dir == second.project_dir and first.cache_dir != second.cache_dir
    with (
        project_lock(first.project_dir, "run-a"),
        pytest.raises(ProjectBusyError),
        project_lock(second.project_dir, "run-b"),
    ):
        pass
    assert lock_file(first.project_dir).parent == tmp_path  # in the output folder


def test_a_link_planted_as_the_lock_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "outputs" / "deck"
    out.parent.mkdir()
    lock_file(out).symlink_to(victim)
    with project_lock(out, "run-one"):
        assert busy(out) == f"run run-one (pid {os.getpid()})"
    assert victim.read_text() == "precious" and not lock_file(out).is_symlink()
