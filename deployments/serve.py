"""Serve the deployments prefect.yaml declares from this process, no work pool or worker needed.

PREFECT_API_URL=http://127.0.0.1:4200/api python -m deployments.serve
The names, parameters and schedules are read from prefect.yaml, so both ways deploy the same
thing; use one or the other on a server, as the second replaces the first's deployments.
"""

from pathlib import Path
from typing import Any, cast

import yaml
from prefect import Flow, serve
from prefect.client.schemas.schedules import CronSchedule
from prefect.deployments.runner import RunnerDeployment

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


def deployments() -> list[RunnerDeployment]:
    """Each declared deployment, of the flow its entrypoint names, with its parameters and
    schedules."""
    made = []
    for spec in declared():
        schedules = [
            CronSchedule(cron=s["cron"], timezone=s.get("timezone", "UTC"))
            for s in spec.get("schedules") or []
        ]
        deployment = FLOWS[spec["entrypoint"]].to_deployment(
            name=spec["name"],
            description=spec.get("description"),
            parameters=spec.get("parameters") or {},
            schedules=schedules or None,
        )
        made.append(cast(RunnerDeployment, deployment))
    return made


def main() -> None:
    """Register the deployments and run their flow runs in this process as they come."""
    serve(*deployments())


if __name__ == "__main__":
    main()
