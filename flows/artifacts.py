"""What a run shows in the Prefect UI besides its timeline: report, slides, progress, links."""

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

from lectra.models import StepResult
from lectra.report import RunReport, markdown, output_links, slide_rows


def track_progress(futures: list[Any], label: str, every_s: float = 1.0) -> None:
    """A progress artifact that moves as the futures finish, updated at most every every_s."""
    artifact_id = create_progress_artifact(progress=0.0 if futures else 100.0, description=label)
    assert isinstance(artifact_id, UUID)
    total, shown = len(futures) or 1, time.monotonic()
    for done, _ in enumerate(as_completed(futures), start=1):
        if done == total or time.monotonic() - shown >= every_s:
            update_progress_artifact(artifact_id, progress=round(100 * done / total, 1))
            shown = time.monotonic()


def publish_artifacts(report: RunReport, results: list[StepResult]) -> None:
    """The performance report, the table of slides and the links to the outputs, at once."""
    calls = [
        lambda: create_markdown_artifact(
            key="run-report", markdown=markdown(report), description="Lectra performance report"
        ),
        lambda: create_table_artifact(
            key="slides", table=slide_rows(results), description="Slides: title, narration, image"
        ),
        lambda: create_markdown_artifact(
            key="outputs", markdown=output_links(report), description="Links to the outputs"
        ),
    ]
    context = copy_context()  # the flow run the artifacts belong to
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        for made in [pool.submit(context.copy().run, call) for call in calls]:
            made.result()
