"""A course: many decks from one file or one topic, and its index (course.json, index.html)."""

import html
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from lectra.config.parameters import RunParameters
from lectra.config.run import requested
from lectra.documents.read import is_url, source_bytes
from lectra.models import MAX_TOPIC_CHARS, slugify
from lectra.runtime.errors import InputError, first_error
from lectra.runtime.yamlfile import load_yaml
from lectra.slides.userdeck import deck_file
from lectra.storage.publish import write_text

MAX_LECTURES = 40
MAX_DECKS = 200
COURSE_FILES = ("course.json", "index.html")


class CourseSpec(BaseModel):
    """What a course file says: decks listed, or a topic the writer plans into lectures."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, max_length=MAX_TOPIC_CHARS, description="The course's name.")
    topic: str | None = Field(
        None, max_length=MAX_TOPIC_CHARS, description="A topic the writer plans lectures for."
    )
    lectures: int | None = Field(None, ge=1, le=MAX_LECTURES, description="Lectures to plan.")
    defaults: dict[str, Any] = Field(
        default_factory=dict, description="Options every deck takes unless it says otherwise."
    )
    decks: list[dict[str, Any]] = Field(
        default_factory=list,
        max_length=MAX_DECKS,
        description="Each deck: a topic and any per-deck option.",
    )

    @model_validator(mode="after")
    def _decks_or_topic(self) -> "CourseSpec":
        if bool(self.decks) == bool(self.topic):
            raise ValueError("a course lists decks, or gives a topic and a number of lectures")
        if self.topic and not self.lectures:
            raise ValueError("lectures: how many lectures to plan for the topic")
        return self

    @property
    def name(self) -> str:
        """The course's title, else its topic."""
        return self.title or self.topic or "Course"


def load_course(path: Path) -> CourseSpec:
    """The course a YAML file describes, every deck checked as its run would check it;
    InputError naming what is wrong, before anything is written."""
    data = load_yaml(path, "course file")
    if not isinstance(data, dict):
        raise InputError(f"course file {path} is not a mapping with a 'decks:' list")
    if isinstance(data.get("decks"), list):
        data["decks"] = [
            _sourced(d, path.parent) if isinstance(d, dict) else {"topic": d} for d in data["decks"]
        ]
    try:
        spec = CourseSpec(**data)
    except ValidationError as exc:
        raise InputError(f"course file {path}: {first_error(exc)}") from None
    try:
        check_decks(spec)
    except InputError as exc:
        raise InputError(f"course file {path}: {exc}") from None
    return spec


def _sourced(deck: dict[str, Any], folder: Path) -> dict[str, Any]:
    """A deck whose sources' relative paths are made absolute from the course file's folder."""
    if isinstance(deck.get("narrate"), str):
        deck = {**deck, "narrate": str((folder / deck["narrate"]).expanduser().absolute())}
    sources = deck.get("sources")
    if not isinstance(sources, list):
        return deck
    kept = [
        s if not isinstance(s, str) or is_url(s) else str((folder / s).expanduser().absolute())
        for s in sources
    ]
    return {**deck, "sources": kept}


def check_decks(spec: CourseSpec) -> None:
    """InputError naming the first deck whose options its run would refuse (topic, project,
    settings, voice files), or two decks that would share a project folder."""
    projects: dict[str, int] = {}
    for number, deck in enumerate(spec.decks, 1):
        params = deck_parameters(spec, number, deck, ".", ".cache")
        try:
            for given in params.sources or []:  # there and within bounds: parsed in its run
                if not is_url(given):
                    source_bytes(given)
            if params.narrate:
                deck_file(Path(params.narrate))
            first = (params.sources or [params.narrate or "deck"])[0]
            named = params.topic or Path(first).stem
            unread = {"sources": None, "narrate": None, "topic": named}
            _, request = requested(params.model_copy(update=unread))
        except InputError as exc:
            raise InputError(f"deck {number}: {exc}") from None
        if request.project in projects:
            raise InputError(
                f"deck {number}: project {request.project!r} is deck {projects[request.project]}'s"
            )
        projects[request.project] = number


def course_spec(file: str | None, topic: str | None, lectures: int | None) -> CourseSpec:
    """The course from its file, or from a topic and a number of lectures."""
    if bool(file) == bool(topic):
        raise InputError("give a course file, or a topic and a number of lectures")
    if file:
        return load_course(Path(file).expanduser())
    try:
        return CourseSpec(topic=topic, lectures=lectures)
    except ValidationError as exc:
        raise InputError(first_error(exc)) from None


def lecture_topics(course_topic: str, titles: list[str]) -> list[dict[str, Any]]:
    """The decks of a planned course: one per lecture title, named with the course's topic
    when the title alone would not say what it is about."""
    decks = []
    for title in titles:
        inside = course_topic.lower() in title.lower()
        decks.append({"topic": title if inside else f"{course_topic}: {title}"[:MAX_TOPIC_CHARS]})
    return decks


def deck_parameters(
    spec: CourseSpec, number: int, deck: dict[str, Any], course_dir: str, cache: str
) -> RunParameters:
    """Deck number's parameters: the course's defaults, then its own options; its project
    is its number and topic, inside the course's folder; its cache the one single decks
    built where the course is use (same keys: a deck built before replays)."""
    given = {**spec.defaults, **deck}
    first = (given.get("sources") or [given.get("narrate") or ""])[0]
    named = str(given.get("topic") or "") or Path(str(first)).stem
    given.setdefault("project", f"{number:02d}-{slugify(named)}")
    given["output_dir"] = course_dir
    if cache:
        given.setdefault("cache_dir", cache)
    try:
        return RunParameters.checked(**given)
    except InputError as exc:
        raise InputError(f"deck {number}: {exc}") from None


class DeckOutcome(BaseModel):
    """One deck of a course: how it ended and where its outputs are."""

    number: int
    topic: str
    project: str
    status: Literal["complete", "failed"]
    title: str = ""
    slides: int = 0
    duration_s: float = 0.0  # narration, as the video runs
    flow_seconds: float = 0.0
    replayed: bool = False
    worker: str = ""
    flow_run: str = ""
    warnings: list[str] = Field(default_factory=list)
    error: str = ""
    video: str = ""  # paths relative to the course folder
    pptx: str = ""


class CourseIndex(BaseModel):
    """course.json: the course and each deck's outcome, in order."""

    title: str
    folder: str
    seconds: float
    decks: list[DeckOutcome]
    # the most service calls held at once across all decks and workers, by tag
    peaks: dict[str, int] = Field(default_factory=dict)

    @property
    def failed(self) -> list[DeckOutcome]:
        """The decks that did not complete."""
        return [d for d in self.decks if d.status == "failed"]


def outcome(
    number: int, params: RunParameters, report: dict[str, Any] | None, course_dir: str
) -> DeckOutcome:
    """A deck's outcome from its run_report.json (None: it failed before writing one)."""
    project = params.project or ""
    base = DeckOutcome(number=number, topic=params.topic, project=project, status="failed")
    if report is None:
        return base
    outputs = report.get("outputs", {})

    def relative(name: str) -> str:
        path = outputs.get(name)
        return str(Path(path).relative_to(course_dir)) if path else ""

    return base.model_copy(
        update={
            "status": "complete",
            "title": report.get("title") or params.topic,
            "slides": report.get("deck_slides", 0),
            "duration_s": report.get("narration_seconds", 0.0),
            "flow_seconds": report.get("flow_seconds", 0.0),
            "replayed": report.get("replayed", False),
            "worker": report.get("worker", ""),
            "warnings": report.get("warnings", []),
            "video": relative("video"),
            "pptx": relative("presentation"),
        }
    )


def minutes(seconds: float) -> str:
    """m:ss."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def index_html(index: CourseIndex) -> str:
    """A small static page: each deck's title, duration, video and PPTX links."""
    esc = html.escape
    rows = []
    for d in index.decks:
        links = " ".join(
            f'<a href="{esc(path)}">{label}</a>'
            for label, path in (("video", d.video), ("PPTX", d.pptx))
            if path
        )
        state = "" if d.status == "complete" else f" <em>failed: {esc(d.error)}</em>"
        rows.append(
            f"<tr><td>{d.number}</td><td>{esc(d.title or d.topic)}{state}</td>"
            f"<td>{minutes(d.duration_s) if d.duration_s else ''}</td><td>{links}</td></tr>"
        )
    return (
        '<!doctype html>\n<html><head><meta charset="utf-8">'
        f"<title>{esc(index.title)}</title>"
        "<style>body{font-family:sans-serif;max-width:48em;margin:2em auto}"
        "td{padding:.3em .8em;border-bottom:1px solid #ddd}</style></head>\n"
        f"<body><h1>{esc(index.title)}</h1>\n<table>\n"
        "<tr><th>#</th><th>Lecture</th><th>Length</th><th></th></tr>\n"
        + "\n".join(rows)
        + "\n</table></body></html>\n"
    )


def write_index(index: CourseIndex, course_dir: str) -> None:
    """course.json and index.html in the course's folder (or storage URL), each written
    whole; the page's links are relative, so they resolve wherever the folder is served."""
    data = json.dumps(index.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    write_text(course_dir, "course.json", data)
    write_text(course_dir, "index.html", index_html(index))


def markdown(index: CourseIndex) -> str:
    """The course report artifact: per deck its duration, time, worker and warnings."""
    lines = [
        f"### {index.title}: {len(index.decks)} decks, {len(index.failed)} failed, "
        f"{index.seconds:.1f} s",
        "",
        "| # | deck | status | length | flow s | worker | warnings |",
        "|---:|---|---|---:|---:|---|---|",
    ]
    for d in index.decks:
        said = "; ".join(d.warnings) if d.warnings else ""
        status = d.status if not d.error else f"{d.status}: {d.error}"
        lines.append(
            f"| {d.number} | {d.title or d.topic} | {status}{' (replayed)' if d.replayed else ''}"
            f" | {minutes(d.duration_s)} | {d.flow_seconds:.1f} | {d.worker} | {said} |"
        )
    return "\n".join(lines)


def course_peaks(reports: list[dict[str, Any]]) -> dict[str, int]:
    """The most server slots of each tag held at once across the decks' run reports (each
    task's holds, from its report's flow start); a deck's calls of a tag count only when they
    held the server's limit (local work, such as Piper speaking, takes no slot)."""
    held: dict[str, list[tuple[float, float]]] = {"images": [], "tts": []}
    for report in reports:
        start = report.get("flow_start", 0.0)
        limited = set(report.get("server_limits", {}))
        for task in report.get("tasks", []):
            for tag, begin, end in task.get("holds", []):
                if tag in limited:
                    held.setdefault(tag, []).append((start + begin, start + end))
    return {tag: peak_at_once(spans) for tag, spans in held.items()}


def peak_at_once(intervals: list[tuple[float, float]]) -> int:
    """The most intervals open at one moment (an end and a start at the same time do not
    overlap)."""
    events = sorted([(start, 1) for start, _ in intervals] + [(end, -1) for _, end in intervals])
    peak = running = 0
    for _, step in events:
        running += step
        peak = max(peak, running)
    return peak
