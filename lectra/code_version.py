"""The version of the code behind each step: a hash of the sources it runs, found by its imports.

A step's cached result is replayed only while this hash is unchanged, so an edit to a prompt
redoes the outline and the scripts, an edit to the layout the frames and the deck, and
nothing else. No version number is kept by hand.
"""

import hashlib
import re
from functools import lru_cache
from pathlib import Path

PACKAGE = "lectra"
SOURCE_ROOT = Path(__file__).resolve().parent.parent  # the folder holding lectra/

_WRITER = (
    "lectra.providers.prompts",
    "lectra.providers.ollama",
    "lectra.providers.openai_compat",
    "lectra.providers.offline_writer",
    "lectra.providers.grounding",
    "lectra.script_tidy",
)
# the modules that do each stage's work; what they import is found from their sources
STAGE_MODULES: dict[str, tuple[str, ...]] = {
    "outline": _WRITER,
    "script": (*_WRITER, "lectra.pagination"),
    "image": ("lectra.providers.generated_images", "lectra.providers.ddg_images"),
    "narration": (
        "lectra.providers.edge",
        "lectra.providers.speech_server",
        "lectra.providers.piper_voice",
        "lectra.providers.espeak",
        "lectra.media",
        "lectra.cleantext",
        "lectra.subtitles",
        "lectra.notes_split",
    ),
    "frame": ("lectra.render_frame", "lectra.layout"),
    "segment": ("lectra.video",),
    "video": ("lectra.video",),
    "audio": ("lectra.assemble",),
    "deck": ("lectra.assemble",),
    "records": ("lectra.assemble",),
}
ALWAYS = ("lectra.models",)  # what every step result is made of
# calls every stage's modules: its own source counts for every stage, its imports do not
GLUE = ("lectra.steps",)
# the settings, resolved and with providers picked: what a step takes from them is in its key
NOT_FOLLOWED = {"lectra.config", "lectra.settings"}
DATA = {"outline": "lectra/providers/data", "script": "lectra/providers/data"}


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


def modules_of(stage: str, root: Path | None = None) -> set[str]:
    """Every lectra module a stage's work runs: its modules and all they import, in turn."""
    root = root or SOURCE_ROOT
    todo = [*STAGE_MODULES.get(stage, ()), *ALWAYS]
    seen: set[str] = set()
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += _imported(module, root) - seen - NOT_FOLLOWED
    return seen


def code_version(stage: str, root: Path | None = None) -> str:
    """A hash of the sources (and data files) a stage runs; 'run' covers every stage.

    root is the folder holding lectra/ (default: this checkout's, SOURCE_ROOT).
    """
    return _version(stage, root or SOURCE_ROOT)


@lru_cache(maxsize=64)
def _version(stage: str, root: Path) -> str:
    stages = sorted(STAGE_MODULES) if stage == "run" else [stage]
    modules = set().union(*(modules_of(s, root) for s in stages), GLUE)
    files = sorted(p for m in modules if (p := _file(m, root)) is not None)
    for folder in sorted({DATA[s] for s in stages if s in DATA}):
        files += sorted(p for p in (root / folder).rglob("*") if p.is_file())
    sha = hashlib.sha256()
    for path in files:
        sha.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()[:16]


def reread_sources() -> None:
    """Forget the hashes and imports read so far: the sources changed in this process."""
    _version.cache_clear()
    _imported.cache_clear()
