"""The version of some code: a hash of its modules' sources and every lectra module they import."""

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parents[2]  # the folder holding lectra/

# the settings, resolved and with providers picked: what code takes from them is in its inputs
NOT_FOLLOWED = "lectra.config."
# data files read by a module: they count wherever the module does
DATA = {"lectra.providers.writers.offline": "lectra/providers/writers/data"}


def module_file(module: str, root: Path) -> Path | None:
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
    path = module_file(module, root)
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
                found.add(f"{base}.{name}" if module_file(f"{base}.{name}", root) else base)
    return frozenset(m for m in found if module_file(m, root) is not None)


def followed(modules: Iterable[str], root: Path) -> set[str]:
    """modules and every lectra module they import, in turn (not the settings)."""
    todo = list(modules)
    seen: set[str] = set()
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += {m for m in _imported(module, root) - seen if not m.startswith(NOT_FOLLOWED)}
    return seen


@lru_cache(maxsize=256)
def sources_version(modules: frozenset[str], root: Path = SOURCE_ROOT) -> str:
    """A hash of the sources (and data files) of modules and all they import."""
    found = followed(modules, root)
    files = sorted(p for m in found if (p := module_file(m, root)) is not None)
    for folder in sorted({DATA[m] for m in found if m in DATA}):
        files += sorted(p for p in (root / folder).rglob("*") if p.is_file())
    sha = hashlib.sha256()
    for path in files:
        sha.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()[:16]


def reread_sources() -> None:
    """Forget the hashes and imports read so far: the sources changed in this process."""
    sources_version.cache_clear()
    _imported.cache_clear()
