"""The version of the code behind each step: a hash of the sources it runs, found by its imports.

A step's cached result is replayed only while this hash is unchanged, so an edit to a prompt
redoes the outline and the scripts, an edit to the layout the pages, frames and deck, and
nothing else. No version number is kept by hand.
"""

from pathlib import Path

from lectra.pipeline.stages import covered
from lectra.runtime.sources import SOURCE_ROOT, followed, reread_sources, sources_version

__all__ = ["SOURCE_ROOT", "code_version", "modules_of", "reread_sources"]

ALWAYS = ("lectra.models",)  # what every step result is made of


def modules_of(stage: str, root: Path | None = None, engines: tuple[str, ...] = ()) -> set[str]:
    """Every lectra module a stage's work runs: its modules, the chosen engines' and all they
    import, in turn ('run': every stage's)."""
    code = [m for s in covered(stage) for m in s.code]
    return followed([*code, *engines, *ALWAYS], root or SOURCE_ROOT)


def code_version(stage: str, engines: tuple[str, ...] = (), root: Path | None = None) -> str:
    """A hash of the sources (and data files) a stage runs with the given engine modules
    (lectra.pipeline.stages.engines); root is the folder holding lectra/."""
    return sources_version(frozenset(modules_of(stage, root, engines)), root or SOURCE_ROOT)
