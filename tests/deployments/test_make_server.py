"""make server / make server-stop: a local server in the background that asks who you are,
found by this user's CLI runs."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from deployments.local import ROOT, free_port, run
from flows.server import answers, choose_api


@pytest.mark.hostile
def test_make_server_asks_who_you_are_and_this_users_cli_run_uses_it(tmp_path: Path) -> None:
    port = free_port()
    home = tmp_path / "prefect-home"
    env = {**os.environ, "PREFECT_HOME": str(home), "LECTRA_SERVER_PORT": str(port)}
    env.pop("PREFECT_API_URL", None)
    env.pop("PREFECT_API_DATABASE_CONNECTION_URL", None)
    api = f"http://127.0.0.1:{port}/api"
    started = run(["./scripts/server.sh", "start"], env, timeout=180)
    try:
        assert f"running at http://127.0.0.1:{port}" in started
        assert str(home / "prefect.db") in started  # its database where PREFECT_HOME says
        auth_file = home / "lectra-server.auth"
        secret = auth_file.read_text().strip()
        assert stat.S_IMODE(auth_file.stat().st_mode) == 0o600
        assert stat.S_IMODE(home.stat().st_mode) == 0o700  # the database holds block secrets
        assert secret not in started and len(secret) > 40

        # no credentials: the blocks' keys are refused
        asked = {"include_secrets": True}
        assert httpx.post(f"{api}/block_documents/filter", json=asked).status_code in {401, 403}
        assert httpx.get(f"{api}/admin/version").status_code == 401  # no CSRF check on a GET
        guess = httpx.get(f"{api}/admin/version", auth=("lectra", "guess"))
        assert guess.status_code == 401
        user, password = secret.split(":", 1)
        assert httpx.get(f"{api}/admin/version", auth=(user, password)).is_success
        # credentials without the CSRF token a browser page cannot read: refused too
        forged = httpx.post(f"{api}/flow_runs/filter", json={}, auth=(user, password))
        assert forged.status_code == 403
        # a page on another origin is granted nothing; the UI's own origin is
        preflight = {"Access-Control-Request-Method": "POST"}
        foreign = httpx.options(
            f"{api}/deployments/filter", headers={"Origin": "http://evil.example", **preflight}
        )
        assert "access-control-allow-origin" not in foreign.headers
        own_origin = f"http://127.0.0.1:{port}"
        own = httpx.options(
            f"{api}/deployments/filter", headers={"Origin": own_origin, **preflight}
        )
        assert own.headers.get("access-control-allow-origin") == own_origin

        # this user's CLI run, with the same PREFECT_HOME, uses it with nothing more to set
        assert choose_api(None, local=api).url == api
        cli = subprocess.run(
            [sys.executable, "-m", "flows.presentation", "Tide Mills", "--slides", "1"],
            cwd=ROOT,
            env={**env, "LECTRA_LOCAL_PREFECT_API": api, "LECTRA_OUTPUT_DIR": str(tmp_path)},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert cli.returncode == 0, cli.stderr[-2000:]
        assert f"Prefect server at {api} (found running)" in cli.stderr
        listed = run(
            [str(ROOT / ".venv/bin/prefect"), "flow-run", "ls"], {**env, "PREFECT_API_URL": api}
        )
        assert "presentation" in listed or "tide-mills" in listed.lower()
        assert secret not in cli.stdout + cli.stderr + listed
        assert "already running" in run(["./scripts/server.sh", "start"], env)
    finally:
        stopped = run(["./scripts/server.sh", "stop"], env)
    assert "server: stopped" in stopped and not answers(api, timeout_s=1)
    assert (home / "prefect.db").exists()
    assert (home / "lectra-server.auth").read_text().strip() == secret  # made once, kept
