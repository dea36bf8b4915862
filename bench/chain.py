"""The longest chain of tasks in a run: from the last task back through whichever
predecessor finished last, following the DAG's edges."""

import re
from typing import Any


def _predecessors(name: str, names: set[str]) -> list[str]:
    """The tasks a task waits for, from the DAG's naming (script-3 -> narrate-3 -> ...)."""
    match = re.fullmatch(r"([a-z-]+?)-(\d+)", name)
    if match:
        stage, i = match.groups()
        wanted = {
            "script": ["outline"],
            "image": [f"script-{i}"],
            "narrate": [f"script-{i}"],
            "frame": [f"script-{i}", f"image-{i}"],
            "segment": [f"frame-{i}", f"narrate-{i}"],
        }.get(stage, [])
        return [w for w in wanted if w in names]
    by_stage = {
        "join-narration": r"narrate-\d+",
        "deck": r"(frame|narrate)-\d+",
        "records": r"(script|image)-\d+",
        "video": r"segment-\d+|join-narration",
        "publish": r".*",
    }
    pattern = by_stage.get(name)
    return [n for n in names if pattern and n != name and re.fullmatch(pattern, n)]


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
