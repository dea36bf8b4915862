"""make server / make server-stop: a local server in the background, found by the CLI."""

import os
from pathlib import Path

from deployments.local import free_port, run
from flows.server import answers, choose_api


def test_make_server_starts_a_server_the_cli_finds_and_stops_it(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "PREFECT_HOME": str(tmp_path), "LECTRA_SERVER_PORT": str(port)}
    env.pop("PREFECT_API_URL", None)
    env.pop("PREFECT_API_DATABASE_CONNECTION_URL", None)
    api = f"http://127.0.0.1:{port}/api"
    started = run(["./scripts/server.sh", "start"], env, timeout=180)
    try:
        assert f"running at http://127.0.0.1:{port}" in started
        assert str(tmp_path / "prefect.db") in started  # its database where PREFECT_HOME says
        assert choose_api(None, local=api).url == api
        assert "already running" in run(["./scripts/server.sh", "start"], env)
    finally:
        stopped = run(["./scripts/server.sh", "stop"], env)
    assert "server: stopped" in stopped and not answers(api, timeout_s=1)
    assert (tmp_path / "prefect.db").exists()
