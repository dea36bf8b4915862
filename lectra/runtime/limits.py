"""In-process concurrency caps by run and tag: exact, and no polling, unlike a server's limits."""

import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager


class Limiter:
    """Pools of slots by run and tag; a call holds one slot of its pool while it runs.

    Each run has its own pools, as its caps are its own: two runs in one process (a served
    deployment, a course's decks) each get their caps, and a cap is never two pools at once.
    """

    KEEP_RUNS = 64  # pools of the latest runs; an older run's calls are long over

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pools: OrderedDict[tuple[str, str], threading.BoundedSemaphore] = OrderedDict()
        self.active: dict[str, int] = {}
        self.waiting: dict[str, int] = {}  # calls queued for a slot of the tag
        self.peak: dict[str, int] = {}

    def _pool(self, run: str, tag: str, size: int) -> threading.BoundedSemaphore:
        with self._lock:
            pool = self._pools.setdefault((run, tag), threading.BoundedSemaphore(size))
            self._pools.move_to_end((run, tag))
            while len(self._pools) > self.KEEP_RUNS * 3:
                self._pools.popitem(last=False)
            return pool

    @contextmanager
    def slot(self, tag: str, size: int, run: str = "") -> Iterator[float]:
        """Hold one of run's size slots named tag (its first size counts); yields the seconds
        spent waiting for it."""
        pool = self._pool(run, tag, size)
        began = time.perf_counter()
        with self._lock:
            self.waiting[tag] = self.waiting.get(tag, 0) + 1
        pool.acquire()
        waited = time.perf_counter() - began
        with self._lock:
            self.waiting[tag] -= 1
            self.active[tag] = self.active.get(tag, 0) + 1
            self.peak[tag] = max(self.peak.get(tag, 0), self.active[tag])
        try:
            yield waited
        finally:
            with self._lock:
                self.active[tag] -= 1
            pool.release()


LIMITER = Limiter()  # one per process, its pools one set per run
