"""What a run shows in the Prefect UI besides its timeline: report, slides, progress, outputs."""

import re
import time
from concurrent.futures import ThreadPoolExecutor
from contextvars import copy_context
from typing import Any
from uuid import UUID

from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.futures import as_completed
from prefect.runtime import flow_run
from prefect.utilities.urls import url_for

from lectra.models import StepResult
from lectra.pipeline.report import RunReport, faithfulness_table, markdown, output_links, slide_rows
from tasks.slots import shared_server


def track_progress(futures: list[Any], label: str, every_s: float = 1.0) -> None:
    """A progress artifact that moves as the futures finish, updated at most every every_s."""
    artifact_id = create_progress_artifact(progress=0.0 if futures else 100.0, description=label)
    assert isinstance(artifact_id, UUID)
    total, shown = len(futures) or 1, time.monotonic()
    for done, _ in enumerate(as_completed(futures), start=1):
        if done == total or time.monotonic() - shown >= every_s:
            update_progress_artifact(artifact_id, progress=round(100 * done / total, 1))
            shown = time.monotonic()


def run_link(flow_run_id: UUID | str | None = None) -> str | None:
    """The Prefect UI page of a flow run (default: this one), when a server is kept."""
    if not shared_server():
        return None  # the temporary server's UI is gone when the process ends
    run_id = flow_run_id or flow_run.get_id()
    return url_for("flow-run", obj_id=run_id) if run_id else None


def artifact_key(kind: str, project: str) -> str:
    """A key per project, so each project's history is its own (lowercase, digits, dashes)."""
    slug = re.sub(r"[^a-z0-9-]+", "-", project.lower()).strip("-") or "deck"
    return f"{kind}-{slug}"[:128]


def publish_artifacts(report: RunReport, results: list[StepResult]) -> None:
    """The performance report, the table of slides and the outputs, at once."""
    project = report.project
    calls = [
        lambda: create_markdown_artifact(
            key=artifact_key("run-report", project),
            markdown=markdown(report),
            description=f"Lectra performance report: {project}",
        ),
        lambda: create_table_artifact(
            key=artifact_key("slides", project),
            table=slide_rows(results),
            description=f"Slides of {project}: title, narration, image",
        ),
        lambda: create_markdown_artifact(
            key=artifact_key("outputs", project),
            markdown=output_links(report),
            description=f"Outputs of {project}, in {report.output_dir}",
        ),
    ]
    if report.faithfulness is not None:
        faithful = report.faithfulness
        calls.append(
            lambda: create_markdown_artifact(
                key=artifact_key("faithfulness", project),
                markdown="\n".join(
                    [
                        f"### Faithfulness of {report.topic} to its sources",
                        "",
                        *faithfulness_table(faithful),
                    ]
                ),
                description=f"Slides of {project} checked against the documents they cite",
            )
        )
    context = copy_context()  # the flow run the artifacts belong to
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        for made in [pool.submit(context.copy().run, call) for call in calls]:
            made.result()
