"""The in-process limiter holds its cap exactly and fills it when there is work."""

import threading
import time

from lectra.runtime.limits import Limiter


def test_limiter_caps_and_fills_each_pool() -> None:
    limiter = Limiter()
    waits: list[float] = []

    def work(tag: str, size: int) -> None:
        with limiter.slot(tag, size) as waited:
            waits.append(waited)
            time.sleep(0.05)

    threads = [threading.Thread(target=work, args=("tts", 3)) for _ in range(10)]
    threads += [threading.Thread(target=work, args=("images", 5)) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert limiter.peak == {"tts": 3, "images": 5}
    assert limiter.active == {"tts": 0, "images": 0}
    assert max(waits) > 0.04  # later calls really waited for a slot


def test_two_runs_in_one_process_each_get_their_own_cap() -> None:
    """A served deployment or a course runs several decks in one process: each run's cap is
    its own (3 each here), never shared, and never a second pool for a second size."""
    limiter = Limiter()
    held = {"a": 0, "b": 0}
    lock, release = threading.Lock(), threading.Event()

    def work(run: str, size: int) -> None:
        with limiter.slot("tts", size, run):
            with lock:
                held[run] += 1
            release.wait(timeout=30)
            with lock:
                held[run] -= 1

    # run b asks for 5 on its later calls: its first size, 3, still counts
    threads = [threading.Thread(target=work, args=("a", 3)) for _ in range(6)]
    threads += [threading.Thread(target=work, args=("b", 3 if i < 3 else 5)) for i in range(6)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 30
    entered = lambda: limiter.active.get("tts", 0) + limiter.waiting.get("tts", 0)  # noqa: E731
    while (entered() < 12 or sum(held.values()) < limiter.active["tts"]) and (
        time.monotonic() < deadline
    ):
        time.sleep(0.01)  # until every call holds a slot or queues for one
    with lock:
        at_once = dict(held)
    release.set()
    for t in threads:
        t.join()
    assert at_once == {"a": 3, "b": 3}
    assert limiter.waiting["tts"] == 0 and limiter.active["tts"] == 0
