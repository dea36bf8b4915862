"""The baseline: the pipeline the old way, one step after another, with the same tasks.

All scripts, then all images, then all pages, then the slides drawn, then all narration,
then the deck and the narration join, then the video. It exists to be measured against
(bench/), not to be used.
"""

import time
from typing import Any, TypeVar

from prefect import Task, flow

from flows.parameters import DeckParameters
from flows.planning import plan_run
from flows.run_steps import RunSteps
from lectra.pipeline.pages import closes
from lectra.pipeline.report import RunReport, build_report, results_of, save_report
from lectra.runtime.files import sweep_partials
from tasks.audio import join_narration
from tasks.deck import deck, records
from tasks.frame import frame
from tasks.image import image
from tasks.narration import narrate
from tasks.outline import outline
from tasks.pages import pages
from tasks.publish import publish
from tasks.script import script
from tasks.segment import segment
from tasks.video import video

R = TypeVar("R")


@flow(name="presentation-sequential", log_prints=False)
def sequential(
    topic: str,
    slides: int | None = None,
    lang: str | None = None,
    output_dir: str | None = None,
    refresh: bool | None = None,
) -> RunReport:
    """Build the same outputs as the presentation flow, strictly one task at a time."""
    params = DeckParameters.checked(
        topic=topic, slides=slides, lang=lang, video=True, output_dir=output_dir, refresh=refresh
    )
    cfg = plan_run(params)
    cfg.out_dir.mkdir(parents=True, exist_ok=True)
    sweep_partials(cfg.out_dir)
    started = time.time()
    run = RunSteps(cfg)

    def done(declared: Task[..., R], *args: Any) -> R:
        return run.submit(declared, *args).result()

    head = done(outline, cfg)
    count = len(head.outline.slide_titles)
    written = [done(script, cfg, head.outline, i) for i in range(count)]
    pictures = [done(image, cfg, w, w.index) for w in written]
    plans = [
        done(pages, cfg, head.outline, w, w.index, written if closes(w.index, count) else None)
        for w in written
    ]
    frames = [
        done(frame, cfg, head.outline, p, img, p.index)
        for p, img in zip(plans, pictures, strict=True)
    ]
    voices = [done(narrate, cfg, p, p.index) for p in plans]
    done(records, cfg, head.outline, plans, pictures)
    done(deck, cfg, frames, voices)
    track = done(join_narration, cfg, voices)
    clips = [done(segment, cfg, f, v, f.index) for f, v in zip(frames, voices, strict=True)]
    done(video, cfg, clips, track)
    steps = run.steps()
    published = RunSteps(cfg)
    published.submit(publish, cfg, results_of(steps)).result()
    report = build_report(cfg, [*steps, *published.steps()], started, time.time())
    save_report(cfg, report)
    return report
