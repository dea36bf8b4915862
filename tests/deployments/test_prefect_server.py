"""Against a real `prefect server start` on SQLite: setup, deploy, a worker, schedules, limits."""

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from deployments.local import BIN, launch, prefect_server, run, run_on_demand, stop
from lectra.pipeline.stages import STAGES, stage_of


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A Prefect server on SQLite, set up for Lectra and with both deployments registered."""
    with prefect_server(tmp_path_factory.mktemp("prefect-home")) as env:
        setup = run([sys.executable, "-m", "deployments.setup"], env)
        assert "limit lectra-images: 5 (created)" in setup and "work pool lectra: created" in setup
        again = run([sys.executable, "-m", "deployments.setup"], env)  # idempotent
        assert "work pool lectra: kept" in again and "lectra-writer/default: kept" in again
        run([str(BIN / "prefect"), "--no-prompt", "deploy", "--all"], env)
        yield env


def api(env: dict[str, str]) -> Any:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    return temporary_settings(updates={PREFECT_API_URL: env["PREFECT_API_URL"]})


def test_the_weekly_schedule_gets_runs(server: dict[str, str]) -> None:
    # SQLAlchemy 2.1 broke Prefect 3.8.8's scheduler: the deployment existed, runs never came
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName

    with api(server), get_client(sync_client=True) as client:
        weekly = DeploymentFilter(name=DeploymentFilterName(any_=["weekly"]))
        deadline = time.monotonic() + 90
        while not (runs := client.read_flow_runs(deployment_filter=weekly)):
            assert time.monotonic() < deadline, "no scheduled run of 'weekly' after 90 s"
            time.sleep(2)
    assert all(r.state and r.state.is_scheduled() for r in runs)
    starts = sorted(r.expected_start_time for r in runs if r.expected_start_time)
    assert starts and all(t.weekday() == 0 and (t.hour, t.minute) == (7, 0) for t in starts)


def test_deployment_runs_on_a_worker_and_a_rerun_is_replayed(
    server: dict[str, str], tmp_path: Path
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    worker = launch(
        [str(BIN / "prefect"), "worker", "start", "--pool", "lectra", "--type", "process"],
        server,
        tmp_path / "worker.log",
    )
    try:
        with api(server):
            params = {"topic": "Ocean Currents", "slides": 3, "video": False}
            runs = [run_on_demand(params) for _ in range(2)]
            with get_client(sync_client=True) as client:
                states = [client.read_flow_run(r.id).state for r in runs]
                first = FlowRunFilter(id=FlowRunFilterId(any_=[runs[0].id]))
                second = FlowRunFilter(id=FlowRunFilterId(any_=[runs[1].id]))
                ran = recorded(client, first, "record-run")
                rerun = recorded(client, second, "publish")
                artifacts = client.read_artifacts(flow_run_filter=first)
                deployments = {d.name: d for d in client.read_deployments()}
    finally:
        stop(worker)
    log = (tmp_path / "worker.log").read_text(errors="replace")
    assert [s.type.value for s in states if s] == ["COMPLETED", "COMPLETED"], log[-3000:]
    assert runs[0].name != runs[1].name and runs[0].name.startswith("ocean-currents-")
    assert {"narrate-1", "image-2", "script-0", "frame-2", "publish"} <= {t.name for t in ran}
    names = {t.id: t.name for t in ran}
    upstream = {
        t.name: {
            names.get(getattr(i, "id", None)) for given in t.task_inputs.values() for i in given
        }
        for t in ran
    }
    # the timeline's edges are the data's: no stray edge from an object two results share
    for task in ("script-1", "pages-1", "image-2", "narrate-2", "frame-2"):
        stage, index = stage_of(task), task.rsplit("-", 1)[1]
        assert stage is not None
        after = [STAGES[a] for a in stage.after]
        assert upstream[task] == {a.run_name.format(index=index) for a in after}, task
    # the last slide's pages also read every script: its closing page lists their sources
    assert upstream["pages-2"] == {"outline", "script-0", "script-1", "script-2"}
    # the rerun replays the whole run: its steps are skipped; publish checks the files
    assert {t.name for t in rerun} == {"replay-run", "publish"}
    assert {t.name: t.state.name for t in rerun if t.state} == {
        "replay-run": "Cached",
        "publish": "Completed",
    }
    keys = {a.key for a in artifacts}
    assert keys >= {"run-report-ocean-currents", "slides-ocean-currents", "outputs-ocean-currents"}
    outputs = next(a for a in artifacts if a.key == "outputs-ocean-currents")
    assert "file://" not in str(outputs.data) and "`presentation.pptx`" in str(outputs.data)
    assert any(a.type == "progress" for a in artifacts)
    # outputs land where the worker runs: the checkout, unless LECTRA_OUTPUT_DIR says otherwise
    report = Path(server["LECTRA_OUTPUT_DIR"]) / "ocean-currents" / "run_report.json"
    assert json.loads(report.read_text())["replayed"] is True
    assert deployments["weekly"].schedules and deployments["on-demand"].parameter_openapi_schema


def test_two_runs_at_once_share_the_servers_limits_and_say_so(
    server: dict[str, str], tmp_path: Path
) -> None:
    calls = tmp_path / "calls.log"
    procs = [
        launch(
            [sys.executable, "-m", "tests.deployments.limited_run", str(calls), str(tmp_path), t],
            server,
            tmp_path / f"run{n}.log",
        )
        for n, t in enumerate(["Limits One", "Limits Two"])
    ]
    for n, proc in enumerate(procs):
        assert proc.wait(timeout=300) == 0, (tmp_path / f"run{n}.log").read_text()[-3000:]
    spans: dict[str, list[tuple[float, float]]] = {"tts": [], "images": []}
    for line in calls.read_text().splitlines():
        kind, start, end = line.split()
        spans[kind].append((float(start), float(end)))
    assert len(spans["tts"]) >= 24 and len(spans["images"]) >= 22  # 12 slides, two runs
    # at most 3 narration and 5 image calls at once across both processes; with eight allowed
    # in each process, narration reaches the server's 3
    assert peak(spans["tts"]) == 3 and peak(spans["images"]) <= 5
    for project in ("limits-one", "limits-two"):
        report = json.loads((tmp_path / project / "run_report.json").read_text())
        assert any("server's 'lectra-tts' limit allows 3" in w for w in report["warnings"])
        assert max(t["waited_s"] for t in report["tasks"] if t["stage"] == "narration") > 0.3


def recorded(client: Any, flow_runs: Any, last: str) -> list[Any]:
    """The flow run's task runs once the server has recorded the last one, final (it batches)."""
    deadline = time.monotonic() + 20
    while True:
        runs = client.read_task_runs(flow_run_filter=flow_runs)
        done = [t for t in runs if t.name == last and t.state and t.state.is_final()]
        if done or time.monotonic() > deadline:
            return list(runs)
        time.sleep(0.5)


def peak(spans: list[tuple[float, float]]) -> int:
    """The most spans open at one moment."""
    edges = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans])
    open_now = most = 0
    for _, step in edges:  # at a tie the end sorts first: a slot passed on is not two calls
        open_now += step
        most = max(most, open_now)
    return most
