"""The course flow: many decks, each its own presentation run, spread over a pool's workers.

python -m flows.course course.yaml   (or --topic "Climate Science" --lectures 6)
"""

import contextvars
import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.client.orchestration import get_client
from prefect.client.schemas.objects import FlowRun, WorkerStatus
from prefect.deployments import run_deployment
from prefect.exceptions import ObjectNotFound
from prefect.states import State

from flows.artifacts import artifact_key
from flows.presentation import presentation
from lectra.config.parameters import RunParameters
from lectra.config.run import run_config
from lectra.config.settings import load_settings
from lectra.course import (
    CourseIndex,
    CourseSpec,
    DeckOutcome,
    course_peaks,
    course_spec,
    deck_parameters,
    lecture_topics,
    markdown,
    outcome,
    write_index,
)
from lectra.models import slugify
from lectra.runtime.errors import CourseError, LectraError
from lectra.storage.publish import MANIFEST, read_text
from tasks.common import prepared
from tasks.outline import outline
from tasks.slots import shared_server

DECK_DEPLOYMENT = "presentation/on-demand"  # what prefect.yaml deploys the deck flow as
MAX_REPORT_BYTES = 64 * 1024 * 1024


def storage_of(output_dir: str | None) -> tuple[str, str]:
    """Where a course's folder goes and the cache its decks share with single decks built
    there: folders (absolute) or storage URLs."""
    settings = load_settings(output_dir=output_dir)
    root = settings.output_url or str(settings.output_dir.resolve())
    cache = settings.cache_url or str(settings.cache_folder)
    return root, cache


def planned(spec: CourseSpec, output_root: str) -> list[dict[str, Any]]:
    """The decks a topic-only course is made of: the writer's outline of the course, one
    deck per content slide (cached like any outline)."""
    if spec.decks or not spec.topic or not spec.lectures:
        return spec.decks
    own = {k: v for k, v in spec.defaults.items() if k in {"lang", "writer"}}
    params = RunParameters.checked(
        topic=spec.topic,
        slides=spec.lectures + 1,
        project=slugify(spec.name),
        output_dir=output_root,
        **own,
    )
    cfg = run_config(params)
    head = prepared(outline, cfg).submit(cfg).result()
    return lecture_topics(spec.topic, head.outline.slide_titles[1 : spec.lectures + 1])


def deck_target(deployment: str | None) -> str | None:
    """The deployment decks run through, so a pool's workers share them: the one named, else
    the deck deployment when this run reports to a server that has it and a worker of its
    pool is online; None: run the decks here."""
    if deployment:
        return deployment
    if not shared_server():
        return None
    with get_client(sync_client=True) as client:
        try:
            found = client.read_deployment_by_name(DECK_DEPLOYMENT)
        except ObjectNotFound:
            return None
        pool = found.work_pool_name
        workers = client.read_workers_for_work_pool(pool) if pool else []
    if not any(w.status == WorkerStatus.ONLINE for w in workers):
        get_run_logger().warning(
            "%s has no worker online in pool %s: the decks run here (prefect worker start "
            "--pool %s spreads them)",
            DECK_DEPLOYMENT,
            pool,
            pool,
        )
        return None
    return DECK_DEPLOYMENT


def _report(params: RunParameters, course_dir: str) -> dict[str, Any] | None:
    try:
        text = read_text(course_dir, f"{params.project}/{MANIFEST}", MAX_REPORT_BYTES)
        return dict(json.loads(text)) if text else None
    except (OSError, ValueError, LectraError):
        return None


def _why(state: State[Any] | None) -> str:
    """One line saying why a deck's run did not complete."""
    if state is None:
        return "no state"
    message = (state.message or state.name or "").strip()
    return message.splitlines()[0] if message else state.name or "failed"


def run_deck(
    number: int, params: RunParameters, course_dir: str, target: str | None
) -> tuple[DeckOutcome, dict[str, Any] | None]:
    """Run one deck, through the deployment (a worker runs it) or here; how it went, and its
    run report if it completed."""
    given = params.model_dump(exclude_none=True)
    if target:
        # polled every second, not Prefect's 5: a deck's end is seen at once
        run = run_deployment(
            target, parameters=given, timeout=None, poll_interval=1, as_subflow=True
        )
        assert isinstance(run, FlowRun)
        state: State[Any] | None = run.state
        flow_run = str(run.id)
    else:
        state = presentation(**given, return_state=True)
        flow_run = str(state.state_details.flow_run_id or "")
    done = state is not None and state.is_completed()
    report = _report(params, course_dir) if done else None
    made = outcome(number, params, report, course_dir)
    update = {"flow_run": flow_run, "error": "" if done else _why(state)}
    return made.model_copy(update=update), report


def _name() -> str:
    from prefect.runtime import flow_run

    given = flow_run.parameters
    stem = given.get("topic") or Path(str(given.get("file") or "course")).stem
    return f"course-{slugify(str(stem))}-{time.strftime('%m%d-%H%M%S')}"


@flow(name="course", flow_run_name=_name, log_prints=False)
def course(
    file: str | None = None,
    topic: str | None = None,
    lectures: int | None = None,
    output_dir: str | None = None,
    decks_at_once: int = 2,
    deployment: str | None = None,
) -> CourseIndex:
    """Build every deck of a course into <output_dir>/<course>/, with course.json and
    index.html.

    Args:
        file: A course YAML file: a mapping with a `decks:` list (each a topic and any deck
            option) and optional `title` and `defaults`; or `topic` and `lectures`.
        topic: A course topic the writer plans into lectures (instead of a file).
        lectures: How many lectures to plan for the topic.
        output_dir: Folder or storage URL (s3://bucket/prefix) that receives the course
            folder; a folder must be the same path on every worker (a shared mount), a URL
            works from anywhere. Default: LECTRA_OUTPUT_DIR, else ./outputs.
        decks_at_once: Decks this course has in flight at once (workers run them).
        deployment: The deck deployment to run decks through; default presentation/on-demand
            when the server has it, else decks run here, one after another.
    """
    began = time.perf_counter()
    log = get_run_logger()
    spec = course_spec(file, topic, lectures)
    root, cache = storage_of(output_dir)
    course_dir = f"{root}/{slugify(spec.name)}"
    decks = planned(spec, root)
    params = [deck_parameters(spec, n, d, course_dir, cache) for n, d in enumerate(decks, 1)]
    target = deck_target(deployment)
    at_once = max(1, decks_at_once) if target else 1
    log.info(
        "%d decks, %s", len(params), f"through {target}, {at_once} at once" if target else "here"
    )
    with ThreadPoolExecutor(max_workers=at_once) as pool:
        futures = [
            # each thread runs in a copy of this flow's context, so decks are its subflows
            pool.submit(contextvars.copy_context().run, run_deck, n, p, course_dir, target)
            for n, p in enumerate(params, 1)
        ]
        ran = [f.result() for f in futures]
    outcomes = [made for made, _ in ran]
    index = CourseIndex(
        title=spec.name,
        folder=str(course_dir),
        seconds=round(time.perf_counter() - began, 3),
        decks=outcomes,
        peaks=course_peaks([report for _, report in ran if report]),
    )
    write_index(index, course_dir)
    create_markdown_artifact(
        key=artifact_key("course", slugify(spec.name)),
        markdown=markdown(index),
        description=f"Lectra course report: {spec.name}",
    )
    if index.failed:
        names = ", ".join(f"{d.number} ({d.topic}): {d.error}" for d in index.failed)
        raise CourseError(f"{len(index.failed)} of {len(outcomes)} decks failed: {names}")
    return index


if __name__ == "__main__":
    import sys

    from flows.course_cli import main

    sys.exit(main())
