"""What a run shows in the Prefect UI besides its timeline: report, slides, progress, links."""

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


def track_progress(futures: list[Any], label: str) -> None:
    """A progress artifact that moves as each of the futures finishes."""
    artifact_id = create_progress_artifact(progress=0.0, description=label)
    assert isinstance(artifact_id, UUID)
    total = len(futures) or 1
    for done, _ in enumerate(as_completed(futures), start=1):
        update_progress_artifact(artifact_id, progress=round(100 * done / total, 1))


def publish_artifacts(report: RunReport, results: list[StepResult]) -> None:
    """The performance report, the table of slides and the links to the outputs."""
    create_markdown_artifact(
        key="run-report", markdown=markdown(report), description="Lectra performance report"
    )
    create_table_artifact(
        key="slides", table=slide_rows(results), description="Slides: title, narration, image"
    )
    create_markdown_artifact(
        key="outputs", markdown=output_links(report), description="Links to the outputs"
    )
