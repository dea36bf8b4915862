"""What Lectra relies on in Prefect beyond its documented API, gathered here, one function
each; tests/tasks/test_internals.py checks each against the installed Prefect, so an upgrade
that changes one fails there, by name, and nowhere else."""

import subprocess
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from prefect.filesystems import LocalFileSystem
from prefect.transactions import get_transaction


def skip_commit() -> None:
    """Leave the running task's result out of the cache: its transaction writes no record
    (Transaction.write_on_commit, a field with no documented setter)."""
    txn = get_transaction()
    if txn is not None:
        txn.write_on_commit = False


def resolved_path(folder: LocalFileSystem, path: str) -> Path:
    """Where a storage block reads path: LocalFileSystem's own resolution (_resolve_path), so a
    checked read opens exactly the file Prefect would have."""
    return Path(folder._resolve_path(path))


def quiet_temporary_server(
    output_to: Callable[[], AbstractContextManager[None]],
) -> Any:
    """Prefect's temporary server (SubprocessASGIServer, one a process per port: its client's
    SubprocessASGIServer() is this one), started with its output redirected by output_to
    around the uvicorn process's start (_run_uvicorn_command)."""
    from prefect.server.api.server import SubprocessASGIServer

    class QuietServer(SubprocessASGIServer):
        """Prefect's temporary server, its output where output_to says."""

        def _run_uvicorn_command(self) -> "subprocess.Popen[Any]":
            with output_to():
                return super()._run_uvicorn_command()

    return QuietServer()
