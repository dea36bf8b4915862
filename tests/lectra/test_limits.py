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
