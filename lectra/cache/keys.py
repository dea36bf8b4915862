"""Cache keys: a hash of exactly the inputs a step's result depends on."""

import hashlib
import json
from typing import Any

from pydantic import BaseModel

from lectra.cache.code_version import code_version
from lectra.config.run import RunConfig
from lectra.pipeline.stages import engines, run_part

KEY_VERSION = "7"  # the format of keys; the code behind each step is versioned by code_version
# not inputs: the folder a result was written in (its paths count relative to it), and who made
# it (a slide the writer wrote and the same slide given in a script are the same input)
WHERE = {"root", "provider"}


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


def run_config(params: dict[str, Any]) -> RunConfig | None:
    """The RunConfig among a step's inputs."""
    return next((v for v in params.values() if isinstance(v, RunConfig)), None)


def step_key(stage: str, params: dict[str, Any]) -> str:
    """The hash of a stage's inputs: the run's relevant part plus every other parameter."""
    cfg = run_config(params)
    code = code_version(stage, engines(cfg, stage) if cfg else ())
    inputs: dict[str, Any] = {"stage": stage, "version": KEY_VERSION, "code": code}
    for name, value in sorted(params.items()):
        inputs[name] = run_part(value, stage) if isinstance(value, RunConfig) else _plain(value)
    text = json.dumps(inputs, sort_keys=True, ensure_ascii=False, default=str)
    return f"{stage}-{hashlib.sha256(text.encode()).hexdigest()[:40]}"
