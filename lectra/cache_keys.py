"""Cache keys: a hash of exactly the inputs a step's result depends on."""

import hashlib
import json
from typing import Any

from pydantic import BaseModel

from lectra.code_version import code_version
from lectra.config import RunConfig

KEY_VERSION = "5"  # the format of keys; the code behind each step is versioned by code_version
WHERE = {"root"}  # the folder a result was written in: its paths count relative to it


def _plain(value: Any, root: str = "") -> Any:
    """JSON-ready form of a step input, with its paths relative to the folder they were
    written under: keys are the same in every project."""
    if isinstance(value, RunConfig):
        raise TypeError("RunConfig goes through run_part, not _plain")
    if isinstance(value, BaseModel):
        root = getattr(value, "root", "") or root
        data = value.model_dump(mode="json", exclude=WHERE & set(type(value).model_fields))
        return {k: _plain(v, root) for k, v in data.items()}
    if isinstance(value, list | tuple):
        return [_plain(v, root) for v in value]
    if isinstance(value, dict):
        return {_plain(str(k), root): _plain(v, root) for k, v in value.items()}
    if isinstance(value, str) and root and value.startswith(root + "/"):
        return value[len(root) + 1 :]
    return value


def run_part(cfg: RunConfig, stage: str) -> dict[str, Any]:
    """What of the run a stage depends on: never the output folder, run id, limits, retries
    or secrets."""
    part: dict[str, Any] = {"lang": cfg.lang}
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
    inputs: dict[str, Any] = {"stage": stage, "version": KEY_VERSION, "code": code_version(stage)}
    for name, value in sorted(params.items()):
        inputs[name] = run_part(value, stage) if isinstance(value, RunConfig) else _plain(value)
    text = json.dumps(inputs, sort_keys=True, ensure_ascii=False, default=str)
    return f"{stage}-{hashlib.sha256(text.encode()).hexdigest()[:40]}"
