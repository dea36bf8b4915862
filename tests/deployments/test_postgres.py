"""The deployment path on a Prefect server backed by PostgreSQL 15, started by the test."""

import json
import sys
from pathlib import Path

import pytest

from deployments.local import (
    BIN,
    launch,
    postgres,
    prefect_server,
    psql,
    run,
    run_on_demand,
    stop,
)


def test_setup_deploy_and_a_worker_run_on_postgresql(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    home = tmp_path_factory.mktemp("prefect-pg")
    with postgres() as database, prefect_server(home, database) as env:
        run([sys.executable, "-m", "deployments.setup"], env)
        run([str(BIN / "prefect"), "--no-prompt", "deploy", "--name", "on-demand"], env)
        worker = launch(
            [str(BIN / "prefect"), "worker", "start", "--pool", "lectra", "--type", "process"],
            env,
            tmp_path / "worker.log",
        )
        try:
            with temporary_settings(updates={PREFECT_API_URL: env["PREFECT_API_URL"]}):
                params = {"topic": "Glaciers", "slides": 3, "video": False, "lang": "de"}
                flow_run = run_on_demand(params)
                with get_client(sync_client=True) as client:
                    state = client.read_flow_run(flow_run.id).state
                    limit = client.read_global_concurrency_limit_by_name("lectra-tts")
        finally:
            stop(worker)
        assert state and state.is_completed(), (tmp_path / "worker.log").read_text()[-3000:]
        rows = run(psql(database, "SELECT count(*) FROM task_run WHERE name = 'narrate-2'"), env)
    assert limit.limit == 3
    assert int(rows.strip()) >= 1  # the run's records are in PostgreSQL
    report = json.loads((home / "outputs" / "glaciers" / "run_report.json").read_text())
    assert report["lang"] == "de" and report["deck_slides"] == 4  # and the closing page
