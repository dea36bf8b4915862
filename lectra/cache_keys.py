"""Cache keys: a hash of exactly the inputs a step's result depends on."""

import hashlib
import json
from typing import Any

from pydantic import BaseModel

from lectra.config import RunConfig
from lectra.providers.prompts import PROMPT_VERSION

KEY_VERSION = "4"  # change to drop every cached result, e.g. when a step's output format changes
VOLATILE = {"task", "stage", "started_at", "seconds", "waited_s", "retries"}


def _plain(value: Any) -> Any:
    """JSON-ready form of a step input, without timings that differ run to run."""
    if isinstance(value, RunConfig):
        raise TypeError("RunConfig goes through run_part, not _plain")
    if isinstance(value, BaseModel):
        data = value.model_dump(mode="json", exclude=VOLATILE & set(type(value).model_fields))
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def run_part(cfg: RunConfig, stage: str) -> dict[str, Any]:
    """What of the run a stage depends on: never the run id, limits, retries or secrets."""
    part: dict[str, Any] = {"out_dir": str(cfg.out_dir), "lang": cfg.lang}
    if stage in {"outline", "script"}:
        writer = cfg.writer
        part |= {
            "topic": cfg.request.topic,
            "slides": cfg.request.slides,
            "writer": writer.name,
            "model": writer.model,
            "url": writer.url,
            "temperature": writer.temperature,
            "grounding": writer.grounding,
            "prompt": PROMPT_VERSION,
        }
    if stage == "script":
        part["pagination"] = cfg.pagination
    elif stage == "run":  # everything a whole run's outputs depend on
        part |= run_part(cfg, "outline") | {
            "pagination": cfg.pagination,
            "images": cfg.images.name,
            "voice": run_part(cfg, "narration")["voice"],
            "video": cfg.request.video,
            "embed_audio": cfg.embed_audio,
            "burn_subtitles": cfg.burn_subtitles,
            "project": cfg.request.project,
        }
    elif stage == "deck":
        part["embed_audio"] = cfg.embed_audio
    elif stage in {"segment", "video"}:
        part["burn_subtitles"] = cfg.burn_subtitles
    elif stage == "image":
        part["images"] = cfg.images.name
    elif stage == "narration":
        # how many calls go at once, and the key, change nothing that is heard
        unheard = {"timeout_s", "parallel", "speech_api_key"}
        part["voice"] = cfg.voice.model_dump(mode="json", exclude=unheard)
    return part


def step_key(stage: str, params: dict[str, Any]) -> str:
    """The hash of a stage's inputs: the run's relevant part plus every other parameter."""
    inputs: dict[str, Any] = {"stage": stage, "version": KEY_VERSION}
    for name, value in sorted(params.items()):
        inputs[name] = run_part(value, stage) if isinstance(value, RunConfig) else _plain(value)
    text = json.dumps(inputs, sort_keys=True, ensure_ascii=False, default=str)
    return f"{stage}-{hashlib.sha256(text.encode()).hexdigest()[:40]}"
