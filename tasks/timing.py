"""Each task run's span, kept apart from its result: when its work started, how long it
worked, how long it waited for a service slot and how many attempts failed first."""

import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from uuid import UUID

from prefect.context import TaskRunContext

from lectra.pipeline.report import Span
from tasks.slots import TaskSlots


class SpanLog:
    """Spans of the task runs of this process, by flow run, until the flow takes them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waits: dict[UUID, float] = defaultdict(float)
        self._holds: dict[UUID, list[tuple[str, float, float]]] = defaultdict(list)
        self._spans: dict[str, dict[UUID, Span]] = defaultdict(dict)

    @contextmanager
    def timing(self) -> Iterator[None]:
        """Time the task run's body; a slot wait noted meanwhile is not counted as work."""
        ctx = TaskRunContext.get()
        if ctx is None:  # called as .fn, outside a flow: nothing to report to
            yield
            return
        run = ctx.task_run
        started, t0 = time.time(), time.perf_counter()
        try:
            yield
        finally:
            seconds = time.perf_counter() - t0
            with self._lock:
                waited = self._waits.pop(run.id, 0.0)
                holds = self._holds.pop(run.id, [])
                self._spans[str(run.flow_run_id)][run.id] = Span(
                    started_at=started + waited,
                    seconds=max(0.0, seconds - waited),
                    waited_s=waited,
                    retries=max(0, run.run_count - 1),
                    holds=holds,
                )

    def note_slots(self, slots: TaskSlots) -> None:
        """Add what the current task run's slots of one tag cost it: the time it was held up
        waiting for them, and when (epoch from, to) it held each."""
        ctx = TaskRunContext.get()
        if ctx is not None:
            with self._lock:
                self._waits[ctx.task_run.id] += slots.waited
                self._holds[ctx.task_run.id] += [(slots.tag, a, b) for a, b in slots.held]

    def take(self, flow_run_id: UUID | str | None) -> dict[UUID, Span]:
        """The spans of a flow run's task runs, by task run id, forgotten here."""
        with self._lock:
            return self._spans.pop(str(flow_run_id), {})


SPANS = SpanLog()
