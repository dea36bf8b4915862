"""Workers on other machines: a course over two workers that share nothing on disk but the code
they clone, a Prefect server on PostgreSQL, outputs and cache in an S3-protocol store.

Each worker has its own working folder, scratch folder and home; its runs clone the code from
a git repository of this checkout (deployments.deploy), and the runs' settings come as job
variables. The model and the voice are servers on loopback that count their calls.
"""

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deployments.local import ROOT, launch, postgres, prefect_server, run, start_workers, stop
from tests.deployments.test_course_workers import COURSE
from tests.fakes.llm import FakeOpenAI
from tests.fakes.loopback import serve
from tests.fakes.s3 import BUCKET, CREDENTIALS, bucket_files, s3_server
from tests.fakes.speech import FakeSpeechServer

pytestmark = pytest.mark.slow

COURSES = f"s3://{BUCKET}/courses"


def code_repository(where: Path) -> Path:
    """A git repository holding this checkout's files as they are now (tracked and new)."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (n.decode() for n in listed)):
        if (ROOT / name).is_file():
            (where / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, where / name)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(where)]
    for step in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "code"]):
        subprocess.run([*git, *step], check=True, capture_output=True)
    return where


def machine(root: Path, env: dict[str, str], s3: dict[str, str]) -> tuple[Path, dict[str, str]]:
    """A working folder and environment of their own, as on another machine: no checkout on
    the path, its own scratch folder and home, the store's credentials in its environment."""
    (root / "home").mkdir(parents=True)
    own = {k: v for k, v in env.items() if k not in {"PYTHONPATH", "PWD", "LECTRA_OUTPUT_DIR"}}
    own |= s3 | {"HOME": str(root / "home"), "LECTRA_SCRATCH_DIR": str(root / "scratch")}
    return root, own


def test_a_course_over_workers_on_other_machines_lands_in_the_bucket(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    home = tmp_path_factory.mktemp("prefect-shared")
    (tmp_path / "course.yaml").write_text(COURSE)
    repo = code_repository(tmp_path / "repo")
    with (
        serve(FakeOpenAI()) as model,
        serve(FakeSpeechServer(delay_s=0.2)) as speech,
        s3_server(tmp_path / "s3.log") as s3,
        postgres() as database,
        prefect_server(home, database) as env,
    ):
        services = [
            "LECTRA_WRITER=openai",
            f"LECTRA_OPENAI_BASE_URL={model.url}/v1",
            "LECTRA_VOICE_ENGINE=openai",
            f"LECTRA_SPEECH_BASE_URL={speech.url}/v1",
            "LECTRA_IMAGE_SOURCE=generated",
        ]
        here = dict(pair.split("=", 1) for pair in services)
        run([sys.executable, "-m", "deployments.setup"], env)
        deploy = [sys.executable, "-m", "deployments.deploy", "--repo", str(repo), "--ref", "main"]
        run([*deploy, *(a for pair in services for a in ("--env", pair))], env)
        machines = {n: machine(tmp_path / n, env, s3) for n in ("worker-a", "worker-b")}
        workers = start_workers(env, list(machines), tmp_path, machines=machines)
        server = launch(
            [sys.executable, "-m", "deployments.serve", "--suffix", "served"],
            env,
            tmp_path / "serve.log",
        )
        try:
            # serving under the declared names would replace the workers' deployments
            refused = subprocess.run(
                [sys.executable, "-m", "deployments.serve"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            wait_for_deployment(env, "presentation/on-demand-served")
            course = machine(tmp_path / "course-runner", env, s3)[1] | here
            course_args = [str(tmp_path / "course.yaml"), "--output-dir", COURSES]
            out = run(
                [sys.executable, "-m", "flows.course", *course_args, "--decks-at-once", "3"],
                course | {"PYTHONPATH": str(ROOT)},
                timeout=900,
            )
            chats, spoken = len(model.chats), len(speech.inputs)
            # one deck again, from a fresh machine: the shared cache replays it
            again = machine(tmp_path / "third", env, s3)[1] | here | {"PYTHONPATH": str(ROOT)}
            deck_args = ["Glaciers", "--slides", "3", "--no-video", "--output-dir", COURSES]
            rerun = run(
                [sys.executable, "-m", "flows.presentation", *deck_args],
                again,
                timeout=300,
            )
            deployment = read_deployment(env, "presentation/on-demand")
        finally:
            stop(server)
            for worker in workers:
                stop(worker)
        stored = bucket_files(s3)
    logs = "\n".join(p.read_text(errors="replace") for p in tmp_path.glob("*.log"))

    assert refused.returncode == 2, refused.stderr
    said = refused.stderr.strip().splitlines()
    assert len(said) == 1 and "presentation/on-demand (pool lectra)" in said[0], said
    assert deployment["pull_steps"] == [
        {"prefect.deployments.steps.git_clone": {"repository": str(repo), "branch": "main"}}
    ]

    index = json.loads(stored["courses/earth-systems/course.json"])
    decks = index["decks"]
    assert [d["status"] for d in decks] == ["complete"] * 3, out
    assert {d["worker"] for d in decks} == {"worker-a", "worker-b"}
    assert index["peaks"]["tts"] <= 3 and speech.peak <= 3
    for d in decks:  # every deck's files, in the bucket
        folder = f"courses/earth-systems/{d['project']}"
        report = json.loads(stored[f"{folder}/run_report.json"])
        for url in report["outputs"].values():
            assert url.removeprefix(f"s3://{BUCKET}/") in stored, url
        assert f"{folder}/presentation.pptx" in stored and f"{folder}/narration.mp3" in stored
    page = stored["courses/earth-systems/index.html"].decode()
    links = re.findall(r'href="([^"]+)"', page)
    assert len(links) == 3 and all(f"courses/earth-systems/{link}" in stored for link in links)
    # nothing of the workers' and runner's work stayed on this machine's output folder
    assert not (home / "outputs").exists()
    for name in ("worker-a", "worker-b"):
        assert not list((tmp_path / name).glob("*.py"))  # no code where the workers run

    rerun_report = json.loads(stored["courses/glaciers/run_report.json"])
    assert rerun_report["replayed"], rerun
    assert (len(model.chats), len(speech.inputs)) == (chats, spoken)  # no model or voice call
    assert "Done in " in rerun and f": {COURSES}/glaciers" in rerun

    secret = CREDENTIALS["AWS_SECRET_ACCESS_KEY"]
    assert not [k for k, v in stored.items() if secret.encode() in v]
    assert secret not in logs and secret not in json.dumps(deployment)


def wait_for_deployment(env: dict[str, str], name: str, timeout_s: float = 90) -> None:
    """Wait until the server env points at has the deployment name."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if read_deployment(env, name):
            return
        time.sleep(1)
    raise RuntimeError(f"{name} never appeared")


def read_deployment(env: dict[str, str], name: str) -> dict[str, object]:
    """The deployment's fields as the server has them, {} when there is none."""
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with (
        temporary_settings(updates={PREFECT_API_URL: env["PREFECT_API_URL"]}),
        get_client(sync_client=True) as client,
    ):
        try:
            return client.read_deployment_by_name(name).model_dump(mode="json")
        except ObjectNotFound:
            return {}
