"""The shortest time the services allow: an ideal schedule of the DAG with the same costs and
caps, zero overhead, and the local steps at the durations the DAG run measured."""

import heapq
from collections import defaultdict
from typing import Any

from bench.costs import Costs


def _capped(ready: list[tuple[float, int, float]], servers: int) -> dict[int, float]:
    """End time of each job (ready time, id, duration) on servers, first come first served."""
    free = [0.0] * servers
    ends = {}
    for at, job, seconds in sorted(ready):
        start = max(at, heapq.heappop(free))
        ends[job] = start + seconds
        heapq.heappush(free, ends[job])
    return ends


CLOSING = -1  # the closing page's speech, keyed apart: it needs every script, so it comes last


def critical_path(costs: Costs, tasks: list[dict[str, Any]], speech: dict[int, float]) -> float:
    """The ideal makespan; tasks are the DAG run's spans (for local durations)."""
    local: dict[str, float] = defaultdict(float)
    for t in tasks:
        local[t["task"]] += t["seconds"]
    speech = dict(speech)
    closing = speech.pop(CLOSING, 0.0)
    slides = sorted(speech)
    outline_end = costs.outline()
    # the model serves one script at a time; the best order leaves the shortest speech last
    order = sorted(slides, key=lambda i: -speech[i])
    script_end = {i: outline_end + costs.script() * (n + 1) for n, i in enumerate(order)}
    # piper is local work: each narration at the duration the DAG run measured
    voiced = {
        i: local[f"narrate-{i}"] if costs.voice == "piper" else costs.narration(speech[i])
        for i in slides
    }
    paged = {i: script_end[i] + local[f"pages-{i}"] for i in slides}
    jobs = [(paged[i], i, voiced[i]) for i in slides]
    if closing:  # spoken once the last script is written and laid out
        jobs.append((max(paged.values()), CLOSING, costs.narration(closing)))
    spoken = _capped(jobs, costs.tts_cap)
    if closing:  # the last slide's segment holds it
        last = slides[-1]
        spoken[last] = max(spoken[last], spoken.pop(CLOSING))
    pictured = _capped(
        [(script_end[i], i, costs.image()) for i in slides],
        costs.images_cap,  # title's too
    )
    framed = {i: max(pictured[i], paged[i]) + local[f"frame-{i}"] for i in slides}
    segmented = {i: max(framed[i], spoken[i]) + local[f"segment-{i}"] for i in slides}
    joined = max(spoken.values()) + local["join-narration"]
    video_end = max(max(segmented.values()), joined) + local["video"]
    deck_end = max(max(framed.values()), max(spoken.values())) + local["deck"]
    records_end = max(max(pictured.values()), max(paged.values())) + local["records"]
    return max(video_end, deck_end, records_end) + local["publish"]
