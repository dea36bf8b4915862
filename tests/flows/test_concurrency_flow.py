"""The 5/3 caps, counted at the services' boundary: never exceeded, and reached."""

import asyncio
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from flows.presentation import presentation
from tests.fakes.edge import FakeCommunicate, fake_edge
from tests.fakes.images import ImageWeb, results


class Gauge:
    """Counts calls in progress and the most seen at once; a call can wait for company."""

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.active = self.peak = 0

    def __enter__(self) -> None:
        with self.lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
            self.lock.notify_all()

    def __exit__(self, *exc: object) -> None:
        with self.lock:
            self.active -= 1

    def hold_until(self, company: int, at_most_s: float = 2.0) -> None:
        """Stay in the call until company calls are in at once (the last few, which never get
        that company, leave after at_most_s): the cap is reached by events, not by a sleep
        long enough on a busy machine."""
        with self.lock:
            self.lock.wait_for(lambda: self.active >= company, timeout=at_most_s)


def test_at_most_5_image_and_3_narration_calls_run_at_once_and_both_caps_are_reached(
    prefect_server: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    image_web: ImageWeb,
) -> None:
    from ddgs.ddgs import DDGS

    speaking, searching = Gauge(), Gauge()

    class SlowCommunicate(FakeCommunicate):
        async def stream(self) -> AsyncIterator[dict[str, Any]]:
            with speaking:
                await asyncio.to_thread(speaking.hold_until, 3)
                async for item in super().stream():
                    yield item

    def slow_images(self: Any, query: str, **kwargs: Any) -> list[dict[str, Any]]:
        with searching:
            searching.hold_until(5)
        return results(image_web, "/jpeg", "/webp", "/png", "/cmyk", "/jpeg-copy")

    fake_edge(monkeypatch, SlowCommunicate)
    monkeypatch.setattr(DDGS, "images", slow_images)
    monkeypatch.setenv("LECTRA_IMAGE_CANDIDATES", "5")
    report = presentation(
        topic="Caps",
        slides=12,
        voice_engine="edge",
        image_source="ddg",
        video=False,
        output_dir=str(tmp_path),
    )
    assert speaking.peak == 3 and searching.peak == 5
    waits = [t.waited_s for t in report.tasks if t.stage in {"narration", "image"}]
    assert max(waits) > 0.2  # queued calls waited for a slot, reported apart from work
