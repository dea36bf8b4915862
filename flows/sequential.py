"""The baseline: the pipeline the old way, one step after another, with the same tasks.

All scripts, then all images, then the slides drawn, then all narration, then the deck and the
narration join, then the video. It exists to be measured against (bench/), not to be used.
"""

import time

from prefect import flow

from flows.presentation import parameters, plan_run
from lectra.files import sweep_partials
from lectra.report import RunReport, build_report, save_report
from tasks.audio import join_narration
from tasks.common import prepared
from tasks.deck import deck, records
from tasks.frame import frame
from tasks.image import image
from tasks.narration import narrate
from tasks.outline import outline
from tasks.publish import publish
from tasks.script import script
from tasks.segment import segment
from tasks.video import video


@flow(name="presentation-sequential", log_prints=False)
def sequential(
    topic: str,
    slides: int | None = None,
    lang: str | None = None,
    output_dir: str | None = None,
    refresh: bool | None = None,
) -> RunReport:
    """Build the same outputs as the presentation flow, strictly one task at a time."""
    params = parameters(
        topic=topic, slides=slides, lang=lang, video=True, output_dir=output_dir, refresh=refresh
    )
    cfg = plan_run(params)
    cfg.out_dir.mkdir(parents=True, exist_ok=True)
    sweep_partials(cfg.out_dir)
    started = time.time()
    head = prepared(outline, cfg, network=True)(cfg)
    count = len(head.outline.slide_titles)
    plans = [prepared(script, cfg, network=True)(cfg, head.outline, i) for i in range(count)]
    pictures = [prepared(image, cfg, network=True)(cfg, p, p.index) for p in plans]
    frames = [
        prepared(frame, cfg)(cfg, head.outline, p, img, p.index)
        for p, img in zip(plans, pictures, strict=True)
    ]
    voices = [prepared(narrate, cfg, network=True)(cfg, p, p.index) for p in plans]
    finals = [
        *prepared(records, cfg)(cfg, plans, pictures),
        prepared(deck, cfg)(cfg, frames, voices),
        track := prepared(join_narration, cfg)(cfg, voices),
    ]
    clips = [
        prepared(segment, cfg)(cfg, f, v, f.index) for f, v in zip(frames, voices, strict=True)
    ]
    finals.append(prepared(video, cfg)(cfg, clips, track))
    results = [head, *plans, *pictures, *frames, *voices, *clips, *finals]
    results.append(prepared(publish, cfg)(cfg, results))
    report = build_report(cfg, results, started, time.time())
    save_report(cfg, report)
    return report
