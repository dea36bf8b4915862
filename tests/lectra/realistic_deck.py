"""Build a whole deck from the realistic loopback model with the core steps, no Prefect."""

from dataclasses import dataclass
from pathlib import Path

from lectra.config.run import RunConfig
from lectra.models import OutlineResult, SlideFrames, SlideNarration, SlidePlan
from lectra.pipeline.deck import build_presentation
from tests.conftest import make_cfg
from tests.fakes.loopback import serve
from tests.fakes.realistic import RealisticOllama
from tests.lectra import steps


@dataclass
class Deck:
    """What one realistic run made."""

    cfg: RunConfig
    outline: OutlineResult
    plans: list[SlidePlan]
    frames: list[SlideFrames]
    narrations: list[SlideNarration]
    pptx: Path


def build(tmp_path: Path, lang: str, voice: str = "espeak", **settings: object) -> Deck:
    """Outline, scripts, generated images, narration, frames and the PPTX for lang."""
    with serve(RealisticOllama(lang)) as server:
        cfg = make_cfg(
            tmp_path,
            slides=8,
            lang=lang,
            writer="ollama",
            ollama_url=server.url,
            voice_engine=voice,
            image_source="generated",
            **settings,
        )
        head = steps.write_outline(cfg)
        plans = [steps.write_script(cfg, head.outline, i) for i in range(8)]
    plans[-1] = steps.with_closing(cfg, head.outline, plans[-1], plans)
    images = [steps.make_image(cfg, plan) for plan in plans]
    narrations = [steps.narrate(cfg, plan) for plan in plans]
    frames = [
        steps.render_frames(cfg, head.outline, plan, image)
        for plan, image in zip(plans, images, strict=True)
    ]
    pptx = build_presentation(cfg, frames, narrations).path
    return Deck(cfg, head, plans, frames, narrations, pptx)
