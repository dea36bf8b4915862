"""Every stage in one table: its task's run name, the code it runs, the stages whose results
it takes, and what of the run its cache key holds. Tasks, keys, the report, the sequential
baseline and the benchmark all read it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lectra.config.run import RunConfig
from lectra.providers.images import IMAGES
from lectra.providers.voices import VOICES
from lectra.providers.writers import WRITERS

Part = Callable[[RunConfig], dict[str, Any]]


def _nothing(cfg: RunConfig) -> dict[str, Any]:
    return {}


def _writer(cfg: RunConfig) -> dict[str, Any]:
    writer = cfg.writer
    return {
        "topic": cfg.request.topic,
        "slides": cfg.request.slides,
        "writer": writer.name,
        "model": writer.model,
        "url": writer.url,
        "temperature": writer.temperature,
        "grounding": writer.grounding,
        "sources": [ref.sha256 for ref in cfg.sources],  # the documents' content, by hash
    }


def _design(cfg: RunConfig) -> dict[str, Any]:
    return cfg.design.key


def _pages(cfg: RunConfig) -> dict[str, Any]:
    documents = [ref.title or ref.name for ref in cfg.sources]  # on the closing page
    return {"pagination": cfg.pagination, "documents": documents, **_design(cfg)}


def _images(cfg: RunConfig) -> dict[str, Any]:
    drawn = cfg.images.name == "generated"  # drawn art takes the design's colours
    return {"images": cfg.images.name, **({"palette": cfg.images.palette} if drawn else {})}


def _voice(cfg: RunConfig) -> dict[str, Any]:
    return {"voice": cfg.voice.heard()}


def _deck(cfg: RunConfig) -> dict[str, Any]:
    return {"embed_audio": cfg.embed_audio, **_design(cfg)}


def _subtitles(cfg: RunConfig) -> dict[str, Any]:
    return {"burn_subtitles": cfg.burn_subtitles}


def _video(cfg: RunConfig) -> dict[str, Any]:
    return {"video": cfg.request.video}


@dataclass(frozen=True)
class Stage:
    """One stage of the pipeline."""

    name: str
    run_name: str  # the task run's name; {index} for a stage run once per slide
    code: tuple[str, ...]  # the modules doing its work: what they import is followed
    after: tuple[str, ...] = ()  # the stages whose results it takes
    part: Part = _nothing  # what of the run its results depend on
    engine: Callable[[RunConfig], str] | None = None  # the chosen engine's module

    @property
    def per_slide(self) -> bool:
        """True for a stage with one task run per slide."""
        return "{index}" in self.run_name


def _writer_engine(cfg: RunConfig) -> str:
    return WRITERS[cfg.writer.name]


def _image_engine(cfg: RunConfig) -> str:
    return IMAGES[cfg.images.name]


def _voice_engine(cfg: RunConfig) -> str:
    return VOICES[cfg.voice.name]


STAGES: dict[str, Stage] = {
    s.name: s
    for s in (
        Stage("outline", "outline", ("lectra.pipeline.outline",), (), _writer, _writer_engine),
        Stage(
            "script",
            "script-{index}",
            ("lectra.pipeline.script",),
            ("outline",),
            _writer,
            _writer_engine,
        ),
        Stage("pages", "pages-{index}", ("lectra.pipeline.pages",), ("outline", "script"), _pages),
        Stage(
            "image",
            "image-{index}",
            ("lectra.pipeline.image",),
            ("script",),
            _images,
            _image_engine,
        ),
        Stage(
            "narration",
            "narrate-{index}",
            ("lectra.pipeline.narration",),
            ("pages",),
            _voice,
            _voice_engine,
        ),
        Stage(
            "frame",
            "frame-{index}",
            ("lectra.pipeline.frames",),
            ("outline", "pages", "image"),
            _design,
        ),
        Stage(
            "segment",
            "segment-{index}",
            ("lectra.pipeline.segments",),
            ("frame", "narration"),
            _subtitles,
        ),
        Stage("records", "records", ("lectra.pipeline.records",), ("pages", "image")),
        Stage("deck", "deck", ("lectra.pipeline.deck",), ("frame", "narration"), _deck),
        Stage("audio", "join-narration", ("lectra.pipeline.track",), ("narration",)),
        Stage("video", "video", ("lectra.pipeline.video",), ("segment", "audio"), _subtitles),
        Stage("publish", "publish", (), ("records", "deck", "audio", "video")),
    )
}
# the whole run, replayed when every input and every stage's code is unchanged
RUN = "run"
ORDER = [*STAGES, RUN]


def covered(stage: str) -> list[Stage]:
    """The stages whose results a stage's key stands for: itself, or every one for the run."""
    return list(STAGES.values()) if stage == RUN else [STAGES[stage]]


def run_part(cfg: RunConfig, stage: str) -> dict[str, Any]:
    """What of the run a stage depends on: never the output folder, run id, limits, retries
    or secrets; the language always."""
    part: dict[str, Any] = {"lang": cfg.lang, "narrate": cfg.narrate.sha256 if cfg.narrate else ""}
    for each in covered(stage):
        part |= each.part(cfg)
    if stage == RUN:  # a given script reaches the steps as their inputs, the run as a whole here
        given = cfg.given.model_dump(mode="json") if cfg.given else None
        part |= _video(cfg) | {"script": given, "redo": cfg.redo}
    return part


def engines(cfg: RunConfig, stage: str) -> tuple[str, ...]:
    """The modules of the engines a stage's results come from (every stage's for the run)."""
    return tuple(sorted({s.engine(cfg) for s in covered(stage) if s.engine is not None}))


def stage_of(task_name: str) -> Stage | None:
    """The stage a task run's name belongs to (script-3 -> script)."""
    for stage in STAGES.values():
        head = stage.run_name.removesuffix("{index}")
        if task_name == stage.run_name or (
            stage.per_slide and task_name.startswith(head) and task_name[len(head) :].isdigit()
        ):
            return stage
    return None
