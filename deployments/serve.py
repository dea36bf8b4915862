"""Serve the deployments prefect.yaml declares from this process, no work pool or worker needed.

PREFECT_API_URL=http://127.0.0.1:4200/api python -m deployments.serve [--suffix served]
The names, parameters and schedules are read from prefect.yaml, so both ways deploy the same
thing. Serving a name that is already a worker deployment (prefect deploy, deployments.deploy)
would replace it and break it for the pool's workers, so it is refused; --suffix serves
side by side under other names (on-demand-served, ...).
"""

import argparse
import re
import sys
from pathlib import Path
from typing import Any, cast

import yaml
from prefect import Flow, serve
from prefect.client.orchestration import get_client
from prefect.deployments.runner import RunnerDeployment
from prefect.exceptions import ObjectNotFound
from prefect.schedules import Cron, Schedule

from flows.course import course
from flows.presentation import presentation

FLOWS: dict[str, Flow[..., Any]] = {
    "flows/presentation.py:presentation": presentation,
    "flows/course.py:course": course,
}
PREFECT_YAML = Path(__file__).resolve().parents[1] / "prefect.yaml"


def declared() -> list[dict[str, Any]]:
    """The deployments prefect.yaml declares."""
    return list(yaml.safe_load(PREFECT_YAML.read_text())["deployments"])


def schedules_of(spec: dict[str, Any]) -> list[Schedule]:
    """A declared deployment's cron schedules."""
    return [Cron(s["cron"], timezone=s.get("timezone", "UTC")) for s in spec.get("schedules") or []]


def deployments(suffix: str = "") -> list[RunnerDeployment]:
    """Each declared deployment, of the flow its entrypoint names, with its parameters and
    schedules; named name-suffix when a suffix is given."""
    made = []
    for spec in declared():
        schedules = schedules_of(spec)
        deployment = FLOWS[spec["entrypoint"]].to_deployment(
            name=f"{spec['name']}-{suffix}" if suffix else spec["name"],
            description=spec.get("description"),
            parameters=spec.get("parameters") or {},
            schedules=schedules or None,
        )
        made.append(cast(RunnerDeployment, deployment))
    return made


def worker_deployments(wanted: list[RunnerDeployment]) -> list[str]:
    """The wanted flow/name pairs that exist on the server as deployments of a work pool."""
    found = []
    with get_client(sync_client=True) as client:
        for deployment in wanted:
            name = f"{deployment.flow_name}/{deployment.name}"
            try:
                existing = client.read_deployment_by_name(name)
            except ObjectNotFound:
                continue
            if existing.work_pool_name:
                found.append(f"{name} (pool {existing.work_pool_name})")
    return found


def main(argv: list[str] | None = None) -> int:
    """Register the deployments and run their flow runs in this process as they come; exit 2
    with one line when that would replace worker deployments."""
    parser = argparse.ArgumentParser(prog="python -m deployments.serve", description=__doc__)
    parser.add_argument("--suffix", default="", help="serve as <name>-SUFFIX, beside workers")
    args = parser.parse_args(argv)
    if args.suffix and not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,30}", args.suffix):
        print("serve: error: --suffix takes lowercase letters, digits and '-'", file=sys.stderr)
        return 2
    wanted = deployments(args.suffix)
    taken = worker_deployments(wanted)
    if taken:
        print(
            f"serve: error: {', '.join(taken)} already run on workers; serving would replace "
            "them: use --suffix served to serve beside them",
            file=sys.stderr,
        )
        return 2
    serve(*wanted)
    return 0


if __name__ == "__main__":
    sys.exit(main())
