"""Engines by name: a table maps each name to the module whose build() makes the engine.

Modules are imported only when chosen (edge-tts, httpx and Pillow cost the CLI's start
otherwise), and a stage's code version follows the chosen engine's module alone, so a
change to one engine redoes only the results it made.
"""

import importlib
from typing import Any

from lectra.runtime.errors import InputError


def build(table: dict[str, str], kind: str, name: str, *args: Any) -> Any:
    """The engine called name in table (a writer, voice engine or image source), built."""
    if name not in table:
        raise InputError(f"unknown {kind} {name!r}")
    return importlib.import_module(table[name]).build(*args)
