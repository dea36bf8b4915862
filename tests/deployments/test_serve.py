"""deployments/serve.py deploys exactly what prefect.yaml declares."""

from prefect.client.schemas.schedules import CronSchedule

from deployments.serve import declared, deployments


def test_served_deployments_are_the_declared_ones() -> None:
    specs = {spec["name"]: spec for spec in declared()}
    served = {d.name: d for d in deployments()}
    assert served.keys() == specs.keys() == {"on-demand", "course", "weekly"}
    for name, spec in specs.items():
        made = served[name]
        assert made.description == spec["description"]
        assert made.parameters == spec["parameters"]
        assert f"{made.entrypoint}".endswith(spec["entrypoint"]), made.entrypoint
        crons = [
            (s.schedule.cron, s.schedule.timezone)
            for s in made.schedules or []
            if isinstance(s.schedule, CronSchedule)
        ]
        assert crons == [(s["cron"], s["timezone"]) for s in spec.get("schedules") or []]
