"""Each Prefect internal Lectra relies on (tasks/internals.py), checked against the installed
Prefect: an upgrade that changes one fails here, by name."""

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from prefect import flow, task
from prefect.filesystems import LocalFileSystem

from tasks.internals import quiet_temporary_server, resolved_path, skip_commit


def test_skip_commit_keeps_a_result_out_of_the_cache(prefect_server: None, tmp_path: Path) -> None:
    runs: list[int] = []

    @task(cache_key_fn=lambda *_: "same-key", persist_result=True, result_storage=tmp_path)
    def made(skip: bool) -> int:
        runs.append(1)
        if skip:
            skip_commit()
        return len(runs)

    @flow
    def twice(skip: bool) -> list[int]:
        return [made(skip), made(skip)]

    assert twice(True) == [1, 2]  # nothing was written: the second call ran again
    assert not (tmp_path / "same-key").exists()
    assert twice(False) == [3, 3]  # written: the second call is the cache's
    assert (tmp_path / "same-key").exists()


def test_resolved_path_is_where_the_block_reads(tmp_path: Path) -> None:
    folder = LocalFileSystem(basepath=str(tmp_path))
    (tmp_path / "record").write_bytes(b"data")
    assert resolved_path(folder, "record") == tmp_path / "record"
    assert folder.read_path("record") == resolved_path(folder, "record").read_bytes()


def test_the_quiet_server_redirects_around_the_uvicorn_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hook is called around the start of the server process, and the subclass is still
    the class Prefect's client asks for (one server a process by port)."""
    from prefect.server.api.server import SubprocessASGIServer

    entered: list[str] = []

    @contextmanager
    def noted() -> Iterator[None]:
        entered.append("in")
        yield
        entered.append("out")

    monkeypatch.setattr(SubprocessASGIServer, "_instances", {})  # as in a fresh CLI process
    server = quiet_temporary_server(noted)
    assert SubprocessASGIServer() is server  # what Prefect's client will start and stop
    server.port = server.find_available_port()
    # what it starts is a subprocess: start it the way Prefect does, without waiting for it
    proc: subprocess.Popen[bytes] = server._run_uvicorn_command()
    try:
        assert entered == ["in", "out"] and sys.executable in str(proc.args)
    finally:
        proc.kill()
        proc.wait()
