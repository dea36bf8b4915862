"""run_report.json: where the time went, who served each stage, and what went wrong."""

import os
import socket
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, Field

from lectra.config.run import RunConfig
from lectra.documents.faithfulness import Faithfulness, measure, summary
from lectra.models import (
    NarrationTrack,
    OutlineResult,
    OutputFile,
    SlideImage,
    SlideNarration,
    SlidePlan,
    SlideScript,
    StepResult,
)
from lectra.pipeline.grounded import deck_plan, documents_of
from lectra.pipeline.rebuilt import RebuiltSlide, rebuilt_slides
from lectra.pipeline.stages import ORDER
from lectra.runtime.files import write_json


class Span(BaseModel):
    """When a task run's work started (epoch s), how long it worked and waited for a slot."""

    started_at: float
    seconds: float
    waited_s: float = 0.0
    retries: int = 0  # attempts that failed before this one
    holds: list[tuple[str, float, float]] = Field(default_factory=list)  # (tag, start, end)


class Step(BaseModel):
    """One task run of the flow: its name and stage, its results and, if it ran, its span."""

    task: str
    stage: str
    results: list[StepResult]
    cached: bool = False  # the cache answered: the task's body did not run
    span: Span | None = None


class TaskSpan(BaseModel):
    """One task run: when it started (from the flow's start) and how long it worked."""

    task: str
    stage: str
    start_s: float
    seconds: float
    waited_s: float
    retries: int = 0
    cached: bool = False
    provider: str
    # each service slot it held: (tag, from, to), seconds from the flow's start
    holds: list[tuple[str, float, float]] = Field(default_factory=list)


class StageSummary(BaseModel):
    """A stage across all its tasks."""

    stage: str
    tasks: int
    busy_s: float  # sum of task durations
    span_s: float  # first start to last end
    waited_s: float
    retries: int = 0
    cached: int = 0  # tasks the cache answered


class RunReport(BaseModel):
    """The whole run's record, written as run_report.json."""

    topic: str
    title: str = ""  # the deck's title, as the outline has it
    project: str
    lang: str
    worker: str = ""  # the Prefect worker that ran it, else this machine's name
    slides_requested: int
    deck_slides: int
    output_dir: str
    started_at: str
    flow_start: float = 0.0  # epoch seconds: task spans and holds count from it
    flow_seconds: float
    narration_seconds: float
    cached_tasks: int = 0
    replayed: bool = False  # every step's result came from a complete earlier run
    retries: int = 0
    providers: dict[str, str]
    server_limits: dict[str, int] = Field(default_factory=dict)  # the tags whose calls held them
    provider_reasons: dict[str, str]
    design: dict[str, str] = Field(default_factory=dict)  # theme or template, and page size
    stages: list[StageSummary]
    tasks: list[TaskSpan]
    warnings: list[str]
    outputs: dict[str, str]
    rebuilt: list[RebuiltSlide] = Field(default_factory=list)  # slides whose steps ran, and why
    faithfulness: Faithfulness | None = None  # a deck from sources, checked against them


def _span(step: Step, flow_start: float) -> TaskSpan:
    """A task's span; the cache answered a cached one at once, whatever it cost first."""
    ran = step.span if step.span and not step.cached else Span(started_at=flow_start, seconds=0)
    return TaskSpan(
        task=step.task,
        stage=step.stage,
        start_s=round(ran.started_at - flow_start, 3),
        seconds=round(ran.seconds, 3),
        waited_s=round(ran.waited_s, 3),
        retries=ran.retries,
        cached=step.cached,
        provider=step.results[0].provider if step.results else "",
        holds=[
            (tag, round(start - flow_start, 3), round(end - flow_start, 3))
            for tag, start, end in (ran.holds if not step.cached else [])
        ],
    )


def _stage(stage: str, group: list[TaskSpan]) -> StageSummary:
    return StageSummary(
        stage=stage,
        tasks=len(group),
        busy_s=round(sum(s.seconds for s in group), 3),
        span_s=round(max(s.start_s + s.seconds for s in group) - min(s.start_s for s in group), 3),
        waited_s=round(sum(s.waited_s for s in group), 3),
        retries=sum(s.retries for s in group),
        cached=sum(s.cached for s in group),
    )


def results_of(steps: list[Step]) -> list[StepResult]:
    """Every result of the steps, in order."""
    return [r for step in steps for r in step.results]


def outputs_of(cfg: RunConfig, results: list[StepResult]) -> dict[str, str]:
    """The run's output files by name, from the results that made them, where they are found
    once published."""
    found: dict[str, Path] = {}
    for result in results:
        if isinstance(result, OutputFile):  # by stem; a second file of one stem by its name
            stem = result.path.stem
            found[stem if stem not in found else result.path.name.replace(".", "_")] = result.path
            found |= {path.name: path for path in result.also}
        if isinstance(result, NarrationTrack) and result.timings_path:
            found["slide_timings"] = result.timings_path
    found["run_report"] = cfg.path("run_report.json")
    return {name: cfg.shown(path) for name, path in found.items()}


def build_report(
    cfg: RunConfig,
    steps: list[Step],
    flow_start: float,
    flow_end: float,
    replayed: bool = False,
    before: list[SlideScript] | None = None,
) -> RunReport:
    """Summarise the run's steps into a report; stages come out in pipeline order."""
    results = results_of(steps)
    spans = sorted((_span(step, flow_start) for step in steps), key=lambda s: s.start_s)
    by_stage: dict[str, list[TaskSpan]] = defaultdict(list)
    for span in spans:
        by_stage[span.stage].append(span)
    order = ORDER + sorted(set(by_stage) - set(ORDER))
    track = next((r for r in results if isinstance(r, NarrationTrack)), None)
    spoken = voice_as_spoken(results, cfg.providers.get("voice", ""))
    req = cfg.request
    faithful = faithfulness_of(cfg, results)
    said = summary(faithful) if faithful else None
    return RunReport(
        topic=req.topic,
        title=next((r.outline.title for r in results if isinstance(r, OutlineResult)), ""),
        project=req.project,
        lang=req.lang,
        worker=os.environ.get("PREFECT__WORKER_NAME") or socket.gethostname(),
        slides_requested=req.slides,
        deck_slides=len(track.timings) if track else 0,
        output_dir=cfg.destination,
        started_at=datetime.fromtimestamp(flow_start, UTC).isoformat(timespec="seconds"),
        flow_start=flow_start,
        flow_seconds=round(flow_end - flow_start, 3),
        narration_seconds=round(track.duration_s, 3) if track else 0.0,
        cached_tasks=sum(s.cached for s in spans),
        replayed=replayed,
        retries=sum(s.retries for s in spans),
        providers=cfg.providers | spoken[0],
        server_limits=cfg.server_limits,
        provider_reasons=cfg.reasons | spoken[1],
        design={
            "theme" if cfg.design.builtin else "template": cfg.design.name,
            "page": f"{cfg.design.width}x{cfg.design.height}",
            "fonts": f"{cfg.design.title_face} / {cfg.design.body_face}",
        },
        stages=[_stage(stage, group) for stage in order if (group := by_stage.get(stage))],
        tasks=spans,
        warnings=[
            *cfg.warnings,
            *(w for r in results for w in r.warnings),
            *([said] if said else []),
        ],
        faithfulness=faithful,
        outputs=outputs_of(cfg, results),
        rebuilt=rebuilt_slides(
            [(s.task, s.stage) for s in steps if not s.cached],
            [r for r in results if isinstance(r, SlidePlan)],
            before,
            cfg.redo,
        ),
    )


def faithfulness_of(cfg: RunConfig, results: list[StepResult]) -> Faithfulness | None:
    """The deck's slides checked against the sources they cite, for a deck from sources."""
    if not cfg.sources:
        return None
    scripts = {r.index: r.script for r in results if isinstance(r, SlidePlan)}  # pages' last
    return measure(documents_of(cfg), deck_plan(cfg), list(scripts.values()))


def voice_as_spoken(results: list[StepResult], asked: str) -> tuple[dict[str, str], dict[str, str]]:
    """The voice as the summary names it, and why: the engines that really spoke the slides,
    most first, when that is not the one chosen alone (nothing to change when it is)."""
    speakers = Counter(r.provider for r in results if isinstance(r, SlideNarration) and r.provider)
    if not speakers or set(speakers) == {asked}:
        return {}, {}
    total = sum(speakers.values())
    said = ", ".join(f"{name} {count} of {total} slides" for name, count in speakers.most_common())
    names = ", ".join(name for name, _ in speakers.most_common())
    return {"voice": names}, {"voice": f"{asked} was chosen; spoken by {said} (see the warnings)"}


def save_report(cfg: RunConfig, report: RunReport) -> None:
    """Write run_report.json into the output folder."""
    write_json(cfg.path("run_report.json"), report.model_dump())


def markdown(report: RunReport) -> str:
    """The report as markdown tables: stage timings, providers and warnings."""
    lines = [
        f"### {report.topic}: {report.deck_slides} slides, "
        f"{report.narration_seconds:.1f} s of narration",
        "",
        f"Flow time {report.flow_seconds:.2f} s; {report.cached_tasks} tasks from the cache, "
        f"{report.retries} retries. Output: `{report.output_dir}`",
        "",
        *(
            [
                "The same inputs as a complete earlier run: its results were replayed and every "
                "step skipped, so the timeline shows only replay-run and publish.",
                "",
            ]
            if report.replayed
            else []
        ),
        "| stage | tasks | span s | busy s | waiting for a slot s | retries | cached |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *(
            f"| {s.stage} | {s.tasks} | {s.span_s:.2f} | {s.busy_s:.2f} | {s.waited_s:.2f} "
            f"| {s.retries} | {s.cached} |"
            for s in report.stages
        ),
        "",
        "| stage | provider | why |",
        "|---|---|---|",
        *(
            f"| {k} | {v} | {report.provider_reasons.get(k, '')} |"
            for k, v in report.providers.items()
        ),
    ]
    if report.design:
        lines += ["", "Design: " + ", ".join(f"{k} {v}" for k, v in report.design.items())]
    if report.rebuilt:
        lines += [
            "",
            "Slides built again: "
            + "; ".join(f"{r.slide} ({r.why})" for r in report.rebuilt[:12])
            + ("; ..." if len(report.rebuilt) > 12 else ""),
        ]
    if report.faithfulness:
        lines += ["", *faithfulness_table(report.faithfulness)]
    if report.warnings:
        lines += ["", "**Warnings**", "", *(f"- {w}" for w in report.warnings)]
    return "\n".join(lines)


def faithfulness_table(found: Faithfulness) -> list[str]:
    """Each slide's faithfulness to its sources, and what of them no slide covers."""
    lines = [
        "| slide | title | words in its sources | numbers not in them | cites |",
        "|---:|---|---:|---|---|",
        *(
            f"| {s.slide} | {s.title} | {s.words_in_source:.0%} | "
            f"{', '.join(s.numbers_not_in_source) or '-'} | {'; '.join(s.cites)} |"
            for s in found.slides
        ),
    ]
    if found.uncovered:
        shown = "; ".join(found.uncovered[:10]) + ("; ..." if len(found.uncovered) > 10 else "")
        lines += ["", f"On no slide ({len(found.uncovered)} sections): {shown}"]
    if found.left_out:
        lines += ["", "Not read: " + "; ".join(found.left_out)]
    return lines


def slide_rows(results: list[StepResult]) -> list[dict[str, object]]:
    """One row per slide: title, narration length and where its image came from."""
    plans = {r.index: r for r in results if isinstance(r, SlidePlan)}
    voices = {r.index: r for r in results if isinstance(r, SlideNarration)}
    images = {r.index: r for r in results if isinstance(r, SlideImage)}
    return [
        {
            "slide": index,
            "title": plan.script.title,
            "pages": len(plan.pages),
            "narration_s": round(sum(p.duration_s for p in voices[index].pages), 2)
            if index in voices
            else 0.0,
            "voice": voices[index].provider if index in voices else "",
            "image": images[index].source if index in images else "none",
        }
        for index, plan in sorted(plans.items())
    ]


def output_links(report: RunReport) -> str:
    """The outputs as paths relative to the output folder (a browser opens no file:// link)."""
    lines = [f"### Outputs of {report.topic}", "", f"In `{report.output_dir}`:", ""]
    for name, path in sorted(report.outputs.items()):
        lines.append(f"- {name}: `{Path(path).relative_to(report.output_dir)}`")
    return "\n".join(lines)
