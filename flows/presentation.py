"""The presentation flow and its CLI: topic -> outline -> per-slide streams -> outputs."""

import argparse
import sys
import time
from typing import Any, NoReturn

from prefect import flow, get_run_logger
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from blocks.settings import block_settings
from flows.artifacts import publish_artifacts, track_progress
from lectra.config import RunConfig, resolve
from lectra.errors import LectraError
from lectra.files import sweep_partials
from lectra.languages import LANGUAGES
from lectra.models import DeckRequest, slugify
from lectra.report import RunReport, build_report, markdown, save_report
from lectra.settings import LectraSettings, load_settings
from tasks.audio import join_narration
from tasks.common import gather, prepared
from tasks.deck import deck, records
from tasks.frame import frame
from tasks.image import TAG as IMAGES_TAG
from tasks.image import image
from tasks.narration import TAG as TTS_TAG
from tasks.narration import narrate
from tasks.outline import outline
from tasks.publish import publish
from tasks.replay import whole_run
from tasks.script import script
from tasks.segment import segment
from tasks.video import video

WORKERS = 48  # task threads: enough for ~9 slides in flight


def validate(
    topic: str,
    project: str | None,
    slides: int | None,
    lang: str | None,
    video: bool | None,
    blocks: dict[str, object] | None = None,
    **overrides: object,
) -> tuple[LectraSettings, DeckRequest]:
    """The settings and the request, validated; InputError when either is invalid."""
    settings = load_settings(blocks, **overrides)
    request = DeckRequest.build(
        topic,
        project,
        settings.slides if slides is None else slides,
        lang or settings.lang,
        settings.video if video is None else video,
    )
    return settings, request


def plan_run(
    topic: str,
    project: str | None,
    slides: int | None,
    lang: str | None,
    video: bool | None,
    blocks: dict[str, object] | None = None,
    **overrides: object,
) -> RunConfig:
    """Validate the request and pick the providers, checking reachability for 'auto'."""
    settings, request = validate(topic, project, slides, lang, video, blocks, **overrides)
    cfg = resolve(request, settings)
    log = get_run_logger()
    for stage, name in cfg.providers.items():
        log.info("%s: %s (%s)", stage, name, cfg.reasons[stage])
    return cfg


def _run_name() -> str:
    params = flow_run.parameters
    return (
        f"presentation-{params.get('project') or slugify(str(params.get('topic', ''))) or 'deck'}"
    )


def stream(cfg: RunConfig) -> list[PrefectFuture[Any]]:
    """Submit the whole DAG: the outline, each slide's stream, then what joins them."""
    head_f = prepared(outline, cfg, network=True).submit(cfg)
    head = head_f.result()
    write = prepared(script, cfg, network=True)
    fetch = prepared(image, cfg, IMAGES_TAG, network=True)
    speak = prepared(narrate, cfg, TTS_TAG, network=True)
    draw, encode = prepared(frame, cfg), prepared(segment, cfg)
    plans, pictures, voices, frames, clips = [], [], [], [], []
    # Slide by slide, each task waiting only for its own slide's futures, so slides stream;
    # in this order the bounded thread pool never holds a task whose inputs wait behind it.
    for i in range(len(head.outline.slide_titles)):
        plans.append(plan := write.submit(cfg, head.outline, i))
        pictures.append(picture := fetch.submit(cfg, plan, i))
        voices.append(voice := speak.submit(cfg, plan, i))
        frames.append(drawn := draw.submit(cfg, head.outline, plan, picture, i))
        if cfg.request.video:  # each slide's segment is encoded as soon as it can be
            clips.append(encode.submit(cfg, drawn, voice, i))
    finals = [
        prepared(records, cfg).submit(cfg, plans, pictures),
        prepared(deck, cfg).submit(cfg, frames, voices),
        track_f := prepared(join_narration, cfg).submit(cfg, voices),
    ]
    if cfg.request.video:
        finals.append(prepared(video, cfg).submit(cfg, clips, track_f))
    track_progress([*voices, *frames], "Slides spoken and drawn")
    return [head_f, *plans, *pictures, *voices, *frames, *clips, *finals]


@flow(
    name="presentation",
    flow_run_name=_run_name,
    log_prints=False,
    # bounded: one thread per submitted task cost ~1 MB of RSS a task at 50 slides
    task_runner=ThreadPoolTaskRunner(max_workers=WORKERS),
)
def presentation(
    topic: str,
    project: str | None = None,
    slides: int | None = None,
    lang: str | None = None,
    video_on: bool | None = None,
    writer: str | None = None,
    voice_engine: str | None = None,
    voice: str | None = None,
    image_source: str | None = None,
    grounding: bool | None = None,
    output_dir: str | None = None,
    max_concurrent_images: int | None = None,
    max_concurrent_tts: int | None = None,
    refresh: bool | None = None,
    writer_block: str | None = None,
    voice_block: str | None = None,
    image_block: str | None = None,
) -> RunReport:
    """Build a narrated deck and video about a topic into <output_dir>/<project>/.

    Settings come from the parameters, then LECTRA_* variables, then the named blocks.
    """
    blocks = block_settings({"writer": writer_block, "voice": voice_block, "images": image_block})
    cfg = plan_run(
        topic,
        project,
        slides,
        lang,
        video_on,
        blocks,
        writer=writer,
        voice_engine=voice_engine,
        voice=voice,
        image_source=image_source,
        grounding=grounding,
        output_dir=output_dir,
        max_concurrent_images=max_concurrent_images,
        max_concurrent_tts=max_concurrent_tts,
        refresh=refresh,
    )
    cfg.out_dir.mkdir(parents=True, exist_ok=True)
    sweep_partials(cfg.out_dir)  # what a killed run was writing when it died
    started = time.time()
    replayed = prepared(whole_run, cfg).submit(cfg, "replay").result().results
    futures = [] if replayed else stream(cfg)
    if replayed:  # the same inputs as a complete earlier run: every step is skipped
        track_progress([], "Slides spoken and drawn (replayed)")
    steps, _ = gather(futures, started, replayed)
    # publish restores any file a cached or replayed result points at
    results, cached = gather([prepared(publish, cfg).submit(cfg, steps)], started, steps)
    if not replayed and not any(r.warnings for r in steps):
        record = prepared(whole_run, cfg).with_options(refresh_cache=True)
        record.submit(cfg, "record", steps).result()
    report = build_report(cfg, results, started, time.time(), cached)
    save_report(cfg, report)
    publish_artifacts(report, results)
    return report


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The CLI's options; every one documented in --help."""
    p = _Parser(
        prog="lectra",
        description="Turn a topic into a narrated PPTX, narration, slide timings and a video.",
    )
    p.add_argument("topic", help="what the presentation is about (1-500 characters)")
    p.add_argument("--project", help="output subfolder name (default: derived from the topic)")
    p.add_argument(
        "--slides",
        type=int,
        help="number of slides including the title slide, 1-60 (default 8, LECTRA_SLIDES)",
    )
    p.add_argument(
        "--lang", help=f"language code: {', '.join(LANGUAGES)} (default en, LECTRA_LANG)"
    )
    p.add_argument(
        "--no-video", dest="video", action="store_false", default=None, help="skip video.mp4"
    )
    p.add_argument(
        "--output-dir",
        help="folder that receives the project folder (default ./outputs, LECTRA_OUTPUT_DIR)",
    )
    p.add_argument(
        "--writer",
        choices=["auto", "offline", "ollama", "openai"],
        help="who writes the slides (default auto, LECTRA_WRITER)",
    )
    p.add_argument(
        "--voice-engine",
        choices=["auto", "espeak", "edge"],
        help="who speaks the notes (default auto, LECTRA_VOICE_ENGINE)",
    )
    p.add_argument(
        "--voice", help="edge-tts voice, e.g. en-GB-SoniaNeural (default by language, LECTRA_VOICE)"
    )
    p.add_argument(
        "--image-source",
        choices=["auto", "generated", "ddg"],
        help="where slide images come from (default auto, LECTRA_IMAGE_SOURCE)",
    )
    p.add_argument(
        "--grounding",
        action="store_true",
        default=None,
        help="put web search results about the topic into the outline prompt (LECTRA_GROUNDING)",
    )
    p.add_argument(
        "--refresh",
        action="store_true",
        default=None,
        help="ignore cached results and redo every step (LECTRA_REFRESH)",
    )
    for kind in ("writer", "voice", "image"):
        p.add_argument(
            f"--{kind}-block",
            metavar="NAME",
            help=f"load {kind} settings from this Prefect block (needs PREFECT_API_URL)",
        )
    p.add_argument("--max-concurrent-images", type=int, help="image calls at once (default 5)")
    p.add_argument("--max-concurrent-tts", type=int, help="narration calls at once (default 3)")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the CLI: 0 on success, 2 on bad input, 1 when a step fails."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits after --help (0) or a usage error (2)
        return int(exc.code or 0)
    overrides = {
        "writer": args.writer,
        "voice_engine": args.voice_engine,
        "voice": args.voice,
        "image_source": args.image_source,
        "grounding": args.grounding,
        "output_dir": args.output_dir,
        "max_concurrent_images": args.max_concurrent_images,
        "max_concurrent_tts": args.max_concurrent_tts,
        "refresh": args.refresh,
    }
    try:
        _, request = validate(
            args.topic, args.project, args.slides, args.lang, args.video, None, **overrides
        )
    except LectraError as exc:
        print(f"lectra: error: {exc}", file=sys.stderr)
        return 2
    began = time.perf_counter()
    try:
        report = presentation(
            topic=request.topic,
            project=request.project,
            slides=request.slides,
            lang=request.lang,
            video_on=request.video,
            writer_block=args.writer_block,
            voice_block=args.voice_block,
            image_block=args.image_block,
            **overrides,
        )
    except LectraError as exc:
        print(f"lectra: error: {exc}", file=sys.stderr)
        return 1
    print(markdown(report))
    print(f"\nDone in {time.perf_counter() - began:.1f} s: {report.output_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
