"""In-process concurrency caps by tag: exact, and no polling, unlike server-side tag limits."""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class Limiter:
    """Named pools of slots; a call holds one slot of its pool while it runs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pools: dict[tuple[str, int], threading.BoundedSemaphore] = {}
        self.active: dict[str, int] = {}
        self.waiting: dict[str, int] = {}  # calls queued for a slot of the tag
        self.peak: dict[str, int] = {}

    def _pool(self, tag: str, size: int) -> threading.BoundedSemaphore:
        with self._lock:
            return self._pools.setdefault((tag, size), threading.BoundedSemaphore(size))

    @contextmanager
    def slot(self, tag: str, size: int) -> Iterator[float]:
        """Hold one of size slots named tag; yields the seconds spent waiting for it."""
        pool = self._pool(tag, size)
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


LIMITER = Limiter()  # one per process: every flow run in the process shares the caps
