"""The package graph: lectra's packages import only packages below them, and nothing imports
Prefect inside lectra/."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bottom to top: each may import itself and anything before it, never after
LAYERS = [
    "runtime",
    "storage",
    "text",
    "models",
    "slides",
    "media",
    "providers",
    "documents",
    "config",
    "pipeline",
    "cache",
    "course",
]


def _part(module: str) -> str | None:
    """The layer a lectra module belongs to (its first name under lectra)."""
    parts = module.split(".")
    return parts[1] if parts[0] == "lectra" and len(parts) > 1 else None


def _imports(path: Path) -> set[str]:
    """Every module a source file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found |= {f"{node.module}.{alias.name}" for alias in node.names} | {node.module}
    return found


def _edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for path in sorted((ROOT / "lectra").rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        edges[module.removesuffix(".__init__")] = _imports(path)
    return edges


def test_every_lectra_module_sits_in_a_known_layer() -> None:
    unknown = {m for m in _edges() if m != "lectra" and _part(m) not in LAYERS}
    assert not unknown


def test_no_package_imports_one_above_it() -> None:
    upward = []
    for module, imported in _edges().items():
        here = _part(module)
        for target in imported:
            there = _part(target)
            if here and there and LAYERS.index(there) > LAYERS.index(here):
                upward.append(f"{module} -> {target}")
    assert not upward, "\n".join(sorted(upward))


def test_the_core_runs_without_prefect() -> None:
    users = [
        m for m, imported in _edges().items() if any(i.split(".")[0] == "prefect" for i in imported)
    ]
    assert not users


def test_no_import_cycles_between_packages() -> None:
    graph: dict[str, set[str]] = {}
    for module, imported in _edges().items():
        here = _part(module)
        if here:
            graph.setdefault(here, set()).update(
                t for i in imported if (t := _part(i)) and t != here
            )
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        assert state.get(node) != 1, " -> ".join([*path, node])
        if state.get(node) == 2:
            return
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            visit(nxt, [*path, node])
        state[node] = 2

    for node in sorted(graph):
        visit(node, [])
