"""The longest chain of tasks in a run: from the last task back through whichever
predecessor finished last, following the DAG's edges."""

from typing import Any

from lectra.pipeline.stages import stage_of


def _predecessors(name: str, names: set[str]) -> list[str]:
    """The tasks a task waits for, from the stage registry's edges: a slide's task waits for
    the same slide's tasks of the stages before it, a deck's task for every one of them."""
    stage = stage_of(name)
    if stage is None:
        return []
    index = name.rsplit("-", 1)[1] if stage.per_slide else None
    found = []
    for other in names - {name}:
        before = stage_of(other)
        if before is None or before.name not in stage.after:
            continue
        if index is None or not before.per_slide or other.rsplit("-", 1)[1] == index:
            found.append(other)
    return found


def longest_chain(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The chain ending at the last task to finish, earliest first."""
    spans = {t["task"]: t for t in tasks}

    def end(name: str) -> float:
        return float(spans[name]["start_s"] + spans[name]["seconds"])

    current = max(spans, key=end)
    chain = []
    while True:
        t = spans[current]
        chain.append(
            {"task": current, "seconds": round(t["seconds"], 3), "end_s": round(end(current), 3)}
        )
        before = _predecessors(current, set(spans))
        if not before:
            return chain[::-1]
        current = max(before, key=end)
