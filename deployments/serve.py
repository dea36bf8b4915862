"""Serve Lectra's flows with their schedules from this process, no work pool needed.

python -m deployments.serve   (with PREFECT_API_URL pointing at a running server)
"""

from typing import cast

from prefect import serve
from prefect.deployments.runner import RunnerDeployment

from flows.presentation import presentation

WEEKLY_CRON = "0 7 * * 1"  # Mondays 07:00


def deployments() -> list[RunnerDeployment]:
    """The on-demand and the weekly deployment of the presentation flow."""
    on_demand = presentation.to_deployment(
        name="on-demand-served",
        description="Build a narrated deck for a topic given at run time.",
        parameters={"topic": "Renewable Energy", "slides": 8},
    )
    weekly = presentation.to_deployment(
        name="weekly-served",
        description="Every Monday: this week's deck, with the writer block 'default'.",
        cron=WEEKLY_CRON,
        parameters={"topic": "Renewable Energy", "slides": 10, "writer_block": "default"},
    )
    return [cast(RunnerDeployment, on_demand), cast(RunnerDeployment, weekly)]


def main() -> None:
    """Register both deployments and run their flow runs in this process as they come."""
    serve(*deployments())


if __name__ == "__main__":
    main()
