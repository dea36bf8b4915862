"""Against a real `prefect server start`: setup, deploy, a worker, run_deployment, read back."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def launch(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        args,
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A Prefect server on a free loopback port with its own PREFECT_HOME, and a worker."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_API_URL": url,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_WORKER_QUERY_SECONDS": "1",
        "PYTHONPATH": str(ROOT),
        "PWD": str(ROOT),
        "LECTRA_OUTPUT_DIR": str(home / "outputs"),
    }
    env.pop("PREFECT_PROFILES_PATH", None)
    proc = launch(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env,
        home / "server.log",
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        assert proc.poll() is None, (home / "server.log").read_text()[-3000:]
        time.sleep(0.5)
    else:
        stop(proc)
        pytest.fail("prefect server did not start: " + (home / "server.log").read_text()[-3000:])
    try:
        yield env
    finally:
        stop(proc)


def run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done.stdout


def test_setup_deploy_and_run_on_a_real_server(server: dict[str, str], tmp_path: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    setup = run([sys.executable, "-m", "deployments.setup"], server)
    assert "tag limit images: 5" in setup and "work pool lectra: created" in setup
    again = run([sys.executable, "-m", "deployments.setup"], server)  # idempotent
    assert "work pool lectra: kept" in again and "lectra-writer/default: kept" in again
    run([str(BIN / "prefect"), "--no-prompt", "deploy", "--all"], server)
    worker = launch(
        [str(BIN / "prefect"), "worker", "start", "--pool", "lectra", "--type", "process"],
        server,
        tmp_path / "worker.log",
    )
    try:
        with temporary_settings(updates={PREFECT_API_URL: server["PREFECT_API_URL"]}):
            params = {"topic": "Ocean Currents", "slides": 3, "video_on": False}
            runs = [
                run_deployment("presentation/on-demand", parameters=params, timeout=300)
                for _ in range(2)
            ]
            with get_client(sync_client=True) as client:
                states = [client.read_flow_run(r.id).state for r in runs]
                limits = {t: client.read_concurrency_limit_by_tag(t) for t in ("images", "tts")}
                first = FlowRunFilter(id=FlowRunFilterId(any_=[runs[0].id]))
                second = FlowRunFilter(id=FlowRunFilterId(any_=[runs[1].id]))
                ran = client.read_task_runs(flow_run_filter=first)
                rerun = client.read_task_runs(flow_run_filter=second)
                artifacts = client.read_artifacts(flow_run_filter=first)
                deployments = {d.name: d for d in client.read_deployments()}
    finally:
        stop(worker)
    log = (tmp_path / "worker.log").read_text(errors="replace")
    assert [s.type.value for s in states if s] == ["COMPLETED", "COMPLETED"], log[-3000:]
    assert limits["images"].concurrency_limit == 5 and limits["tts"].concurrency_limit == 3
    assert {"narrate-1", "image-2", "script-0", "frame-2", "publish"} <= {t.name for t in ran}
    # the rerun replays the whole run: its steps are skipped, what it does run is Cached
    assert {t.name for t in rerun} == {"replay-run", "publish"}
    assert {t.state.name for t in rerun if t.state} == {"Cached"}
    assert {a.key for a in artifacts} >= {"run-report", "slides", "outputs"}
    assert any(a.type == "progress" for a in artifacts)
    assert deployments["weekly"].schedules and deployments["weekly"].parameters["writer_block"]
