"""The presentation flow: topic -> outline -> per-slide streams -> outputs."""

import time
from typing import Any, cast

from prefect import flow, get_run_logger
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from flows.artifacts import publish_artifacts, track_progress
from flows.parameters import (
    DeckParameters,
    DeckSettings,
    ImageSettings,
    VoiceSettings,
    WriterSettings,
    documented,
)
from flows.planning import plan_run
from flows.review import outline_step, reviewed, script_step
from flows.run_steps import RunSteps, replayed_steps
from lectra.config.parameters import (
    BurnSubtitles,
    CacheDir,
    EmbedAudio,
    Engine,
    Grounding,
    ImageCap,
    Images,
    Lang,
    Narrate,
    OutputDir,
    PiperVoiceFile,
    Project,
    RedoSlides,
    Refresh,
    Review,
    Script,
    ScriptFile,
    Slides,
    Sources,
    Template,
    Theme,
    Topic,
    TtsCap,
    Video,
    Voice,
    Wait,
    Writer,
)
from lectra.config.run import RunConfig
from lectra.documents.faithfulness import summary
from lectra.models import paths_in, slugify
from lectra.pipeline.pages import closes
from lectra.pipeline.rebuilt import earlier_scripts
from lectra.pipeline.report import RunReport, build_report, results_of, save_report
from lectra.providers.voices.piper import preload
from lectra.runtime.files import (
    building_dir,
    prune_stale,
    publish_folder,
    remove_folder,
    start_building,
    sweep_partials,
)
from lectra.runtime.memory import limit_malloc_arenas
from lectra.runtime.runlock import project_lock
from tasks.audio import join_narration
from tasks.common import prepared
from tasks.deck import deck, records
from tasks.frame import frame
from tasks.image import image
from tasks.narration import narrate
from tasks.pages import pages
from tasks.publish import publish, upload
from tasks.replay import record_run, replay_run
from tasks.segment import segment
from tasks.timing import SPANS
from tasks.video import video

WORKERS = 48  # task threads: enough for ~9 slides in flight
# cast: flow() declares TaskRunner[PrefectFuture], which Prefect's own runners (invariant in
# their future type) do not match
TASK_RUNNER = cast("TaskRunner[PrefectFuture[Any]]", ThreadPoolTaskRunner(max_workers=WORKERS))


def _run_name() -> str:
    """The project and the start time, so runs of one topic tell apart."""
    params = flow_run.parameters
    project = params.get("project") or slugify(str(params.get("topic", ""))) or "deck"
    return f"{project}-{time.strftime('%m%d-%H%M%S')}"


def stream(run: RunSteps) -> None:
    """Submit the whole DAG: the outline, each slide's stream, then what joins them."""
    cfg = run.cfg
    head_f = outline_step(run)
    head = head_f.result()
    # Plain values go in quoted (as script_step says); edges come from the futures alone, and
    # wait_for for the outline's value.
    config, told = quote(cfg), quote(head.outline)
    plans, pictures, voices, frames, clips, written_all = [], [], [], [], [], []
    # Slide by slide, each task waiting only for its own slide's futures, so slides stream;
    # in this order the bounded thread pool never holds a task whose inputs wait behind it.
    for i in range(len(head.outline.slide_titles)):
        written = script_step(run, head.outline, i, wait_for=[head_f])
        written_all.append(written)
        pictures.append(picture := run.submit(image, config, written, i))
        # the last slide also lays out the closing page, with the sources every slide cites
        cited = written_all if closes(i, len(head.outline.slide_titles)) else None
        plans.append(plan := run.submit(pages, config, told, written, i, cited, wait_for=[head_f]))
        voices.append(voice := run.submit(narrate, config, plan, i))
        frames.append(drawn := run.submit(frame, config, told, plan, picture, i, wait_for=[head_f]))
        if cfg.request.video:  # each slide's segment is encoded as soon as it can be
            clips.append(run.submit(segment, config, drawn, voice, i))
    run.submit(records, config, told, plans, pictures)
    run.submit(deck, config, frames, voices)
    track = run.submit(join_narration, config, voices)
    if cfg.request.video:
        run.submit(video, config, clips, track)
    track_progress([*voices, *frames], "Slides spoken and drawn")


@flow(
    name="presentation",
    flow_run_name=_run_name,
    log_prints=False,
    # bounded: one thread per submitted task cost ~1 MB of RSS a task at 50 slides
    task_runner=TASK_RUNNER,
)
@documented
def presentation(
    topic: Topic = "",
    project: Project = None,
    script: Script = None,
    script_file: ScriptFile = None,
    sources: Sources = None,
    narrate: Narrate = None,
    redo_slides: RedoSlides = None,
    review: Review = None,
    slides: Slides = None,
    lang: Lang = None,
    video: Video = None,
    embed_audio: EmbedAudio = None,
    burn_subtitles: BurnSubtitles = None,
    wait: Wait = None,
    writer: Writer = None,
    voice_engine: Engine = None,
    voice: Voice = None,
    piper_voice: PiperVoiceFile = None,
    image_source: Images = None,
    grounding: Grounding = None,
    refresh: Refresh = None,
    output_dir: OutputDir = None,
    cache_dir: CacheDir = None,
    max_concurrent_images: ImageCap = None,
    max_concurrent_tts: TtsCap = None,
    theme: Theme = None,
    template: Template = None,
    writer_block: WriterSettings = None,
    voice_block: VoiceSettings = None,
    image_block: ImageSettings = None,
    deck_block: DeckSettings = None,
) -> RunReport:
    """Build a narrated deck and video about a topic into <output_dir>/<project>/.

    A parameter left empty falls through to the block the run names, then LECTRA_*, then the
    default; lectra.config.parameters describes each one.
    """
    params = DeckParameters.checked(**locals())  # the signature is its fields (a test checks)
    limit_malloc_arenas()  # a worker's run: before this run's task threads start
    cfg = plan_run(params)
    building = building_dir(cfg.project_dir)
    with project_lock(cfg.project_dir, cfg.run_id, cfg.wait):
        try:
            return build(cfg.model_copy(update={"out_dir": building}))
        finally:  # published (the earlier run's folder is here now), or failed
            remove_folder(building)
            SPANS.take(flow_run.id)  # a failed run's spans, which no report took


def build(cfg: RunConfig) -> RunReport:
    """Every output of the run, built in cfg.out_dir and published to the project folder
    together at the end, so the project never shows two runs at once (the lock holds it)."""
    sweep_partials(cfg.project_dir)  # what a killed run was writing when it died
    start_building(cfg.project_dir, cfg.out_dir)
    before = earlier_scripts(cfg.out_dir)  # the last run's, for the report's "why"
    if cfg.review != "off":  # drafted here, edited by a person, then built
        cfg = reviewed(cfg)
    started = time.time()
    # a slide asked again is never replayed, whatever an earlier run with the same asks made
    replayed = [] if cfg.redo else prepared(replay_run, cfg).submit(cfg).result().steps
    if not replayed and cfg.voice.name == "piper":  # loaded while the scripts are written
        preload(cfg.voice.piper_voice)
    run = RunSteps(cfg)
    if replayed:  # the same inputs as a complete earlier run: every step is skipped
        track_progress([], "Slides spoken and drawn (replayed)")
    else:
        stream(run)
    steps = [*replayed_steps(replayed, cfg.out_dir), *run.steps()]
    results = results_of(steps)
    if not replayed and not cfg.redo and not any(r.warnings for r in results):
        record = prepared(record_run, cfg).with_options(refresh_cache=True)
        record.submit(cfg, steps).result()
    published = RunSteps(cfg)
    published.submit(publish, cfg, results)  # any file a cached step made, back in place
    steps += published.steps()
    report = build_report(cfg, steps, started, time.time(), bool(replayed), before)
    save_report(cfg, report)
    if report.faithfulness and (said := summary(report.faithfulness)):
        get_run_logger().warning(said)  # said at the end of the run, as well as in the report
    prune_stale(cfg.out_dir, {p.absolute() for r in results for p in paths_in(r)})
    publish_folder(cfg.out_dir, cfg.project_dir)
    if cfg.project_url:  # the whole folder, once published here
        upload.submit(cfg).result()
    publish_artifacts(report, results)
    return report


if __name__ == "__main__":
    import sys

    from flows.cli import main

    sys.exit(main())
