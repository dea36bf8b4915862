"""Throwaway local servers for the tests and benchmarks: PostgreSQL, and `prefect server start`
on SQLite or PostgreSQL, each on a free loopback port."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flows.server import answers

if TYPE_CHECKING:
    from prefect.client.schemas.objects import FlowRun

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PG_BIN = Path("/usr/lib/postgresql/15/bin")
SERVER_TUNING = {  # scripts/server.sh's batching of the server's writes
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "100",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL": "1",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_BATCH_SIZE": "500",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_FLUSH_INTERVAL": "2",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def launch(
    args: list[str], env: dict[str, str], log: Path, cwd: Path = ROOT
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        args,
        cwd=cwd,
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


def run(args: list[str], env: dict[str, str], timeout: float = 300) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]} failed:\n{done.stdout[-2000:]}{done.stderr[-3000:]}")
    return done.stdout


def _as_postgres(args: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run its programs as the postgres user."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@contextmanager
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL 15 cluster on a free port; yields Prefect's connection URL."""
    # pytest's folders are private to root; the postgres user needs one it can enter
    top = Path(tempfile.mkdtemp(prefix="lectra-pg-"))
    top.chmod(0o755)
    data, port = top / "data", free_port()
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
    initdb = [str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]
    subprocess.run(_as_postgres(initdb), check=True, capture_output=True, cwd="/")
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    ctl = [str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(data / "log")]
    subprocess.run(_as_postgres([*ctl, "-w", "start"]), check=True, capture_output=True, cwd="/")
    try:
        create = [str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(port)]
        subprocess.run(
            _as_postgres([*create, "-U", "postgres", "prefect"]),
            check=True,
            capture_output=True,
            cwd="/",
        )
        yield f"postgresql+asyncpg://postgres@127.0.0.1:{port}/prefect"
    finally:
        subprocess.run(_as_postgres([*ctl, "-m", "fast", "stop"]), capture_output=True, cwd="/")
        shutil.rmtree(top, ignore_errors=True)


def psql(database_url: str, query: str) -> list[str]:
    """The command that runs one query on the database at database_url, unaligned."""
    port = database_url.rsplit(":", 1)[1].split("/")[0]
    where = ["-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", "prefect"]
    return [str(PG_BIN / "psql"), *where, "-tAc", query]


@contextmanager
def prefect_server(home: Path, database_url: str | None = None) -> Iterator[dict[str, str]]:
    """`prefect server start` on a free loopback port with its own PREFECT_HOME.

    Yields the environment a client, a worker or a CLI run needs to use it.
    """
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
        "LECTRA_VOICE_ENGINE": "espeak",  # the worker's runs test the server, not the voice
    }
    env.pop("PREFECT_PROFILES_PATH", None)
    env |= SERVER_TUNING  # as `make server` runs it
    if database_url:
        env["PREFECT_API_DATABASE_CONNECTION_URL"] = database_url
    log = home / "server.log"
    start = [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    proc = launch(start, env, log)
    deadline = time.monotonic() + 120
    try:
        while not answers(url, timeout_s=1):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("no Prefect server: " + log.read_text()[-3000:])
            time.sleep(0.5)
        yield env
    finally:
        stop(proc)


def start_workers(
    env: dict[str, str],
    names: list[str],
    logs: Path,
    pool: str = "lectra",
    machines: dict[str, tuple[Path, dict[str, str]]] | None = None,
) -> list[subprocess.Popen[bytes]]:
    """One process worker of pool per name, each running one flow run at a time, logging to
    logs/<name>.log; wait for them to come online (wait_for_workers). machines gives a worker
    its own working folder and environment, as if it ran elsewhere (default: this checkout)."""
    start = [str(BIN / "prefect"), "worker", "start", "--pool", pool, "--type", "process"]
    machines = machines or {}
    workers = []
    for name in names:
        cwd, own = machines.get(name, (ROOT, env))
        args = [*start, "--name", name, "--limit", "1"]
        workers.append(launch(args, own, logs / f"{name}.log", cwd))
    try:
        wait_for_workers(env, pool, len(names))
    except RuntimeError:
        for worker in workers:
            stop(worker)
        raise
    return workers


def wait_for_workers(env: dict[str, str], pool: str, count: int, timeout_s: float = 60) -> None:
    """Wait until count workers of pool are online on the server env points at."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.objects import WorkerStatus
    from prefect.settings import PREFECT_API_URL, temporary_settings

    deadline = time.monotonic() + timeout_s
    with (
        temporary_settings(updates={PREFECT_API_URL: env["PREFECT_API_URL"]}),
        get_client(sync_client=True) as client,
    ):
        while time.monotonic() < deadline:
            workers = client.read_workers_for_work_pool(pool)
            if sum(w.status == WorkerStatus.ONLINE for w in workers) >= count:
                return
            time.sleep(0.5)
    raise RuntimeError(f"fewer than {count} workers of pool {pool} came online")


def run_on_demand(params: dict[str, Any]) -> "FlowRun":
    """Run the on-demand deployment with params and wait for it to end (up to 300 s)."""
    from prefect.client.schemas.objects import FlowRun
    from prefect.deployments import run_deployment

    flow_run = run_deployment("presentation/on-demand", parameters=params, timeout=300)
    if not isinstance(flow_run, FlowRun):  # run_deployment is sync here, not a coroutine
        raise TypeError(f"run_deployment gave {type(flow_run).__name__}")
    return flow_run
