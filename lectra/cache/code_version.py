"""The version of the code behind each step: a hash of the sources it runs, found by its imports.

A step's cached result is replayed only while this hash is unchanged, so an edit to a prompt
redoes the outline and the scripts, an edit to the layout the pages, frames and deck, and
nothing else. No version number is kept by hand.
"""

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from lectra.pipeline.stages import covered

SOURCE_ROOT = Path(__file__).resolve().parents[2]  # the folder holding lectra/

ALWAYS = ("lectra.models",)  # what every step result is made of
# the settings, resolved and with providers picked: what a step takes from them is in its key
NOT_FOLLOWED = "lectra.config."
# data files read by a module: they count wherever the module does
DATA = {"lectra.providers.writers.offline": "lectra/providers/writers/data"}


def _file(module: str, root: Path) -> Path | None:
    """The source file of a lectra module under root, or None if there is none."""
    base = root.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


_IMPORT = re.compile(
    r"^\s*(?:from\s+(lectra[\w.]*)\s+import\s+(\([^)]*\)|[^\n]+)|import\s+(lectra[\w.]*))",
    re.MULTILINE,
)


@lru_cache(maxsize=512)
def _imported(module: str, root: Path) -> frozenset[str]:
    """The lectra modules a module's source imports by name (a regex: parsing took 1.5 s)."""
    path = _file(module, root)
    if path is None:
        return frozenset()
    found: set[str] = set()
    for base, names, plain in _IMPORT.findall(path.read_text(encoding="utf-8")):
        if plain:
            found.add(plain)
            continue
        for name in names.strip("()").replace("\n", " ").split(","):
            name = name.split("#")[0].split(" as ")[0].strip()
            if name:  # a submodule if it has a file, else a name defined in base
                found.add(f"{base}.{name}" if _file(f"{base}.{name}", root) else base)
    return frozenset(m for m in found if _file(m, root) is not None)


def modules_of(stage: str, root: Path | None = None, engines: tuple[str, ...] = ()) -> set[str]:
    """Every lectra module a stage's work runs: its modules, the chosen engines' and all they
    import, in turn ('run': every stage's)."""
    root = root or SOURCE_ROOT
    todo = [*(m for s in covered(stage) for m in s.code), *engines, *ALWAYS]
    seen: set[str] = set()
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += {m for m in _imported(module, root) - seen if not m.startswith(NOT_FOLLOWED)}
    return seen


def code_version(stage: str, engines: tuple[str, ...] = (), root: Path | None = None) -> str:
    """A hash of the sources (and data files) a stage runs with the given engine modules
    (lectra.pipeline.stages.engines); root is the folder holding lectra/."""
    return _version(stage, engines, root or SOURCE_ROOT)


@lru_cache(maxsize=256)
def _version(stage: str, engines: tuple[str, ...], root: Path) -> str:
    modules = modules_of(stage, root, engines)
    files = sorted(p for m in modules if (p := _file(m, root)) is not None)
    for folder in sorted({DATA[m] for m in modules if m in DATA}):
        files += sorted(p for p in (root / folder).rglob("*") if p.is_file())
    sha = hashlib.sha256()
    for path in files:
        sha.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()[:16]


def reread_sources() -> None:
    """Forget the hashes and imports read so far: the sources changed in this process."""
    _version.cache_clear()
    _imported.cache_clear()
