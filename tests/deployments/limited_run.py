"""One presentation run in its own process, its services slow fakes that log each call.

python -m tests.deployments.limited_run <calls.log> <output_dir> <topic>
Each edge-tts and image-search call appends "<kind> <start> <end>" to calls.log; the caps in
this process (8) are above the server's limits, so only the server can hold them.
"""

import asyncio
import os
import sys
import time
from collections.abc import AsyncIterator
from typing import Any

from tests.fakes.edge import FakeCommunicate
from tests.fakes.images import ImageWeb, results, serve_images

SPEAK_S, SEARCH_S = 1.5, 1.0  # long enough for calls to pile up beyond the limits


def main() -> int:
    """Install the fakes, run the flow and exit 0 when it completes."""
    log, out, topic = sys.argv[1:4]

    def record(kind: str, start: float) -> None:
        with open(log, "a") as f:  # one short append per call: lines from both runs interleave
            f.write(f"{kind} {start:.4f} {time.time():.4f}\n")

    class SlowCommunicate(FakeCommunicate):
        async def stream(self) -> AsyncIterator[dict[str, Any]]:
            start = time.time()
            await asyncio.sleep(SPEAK_S)
            record("tts", start)
            async for item in super().stream():
                yield item

    web = ImageWeb()

    def slow_images(self: Any, query: str, **kwargs: Any) -> list[dict[str, Any]]:
        start = time.time()
        time.sleep(SEARCH_S)
        record("images", start)
        return results(web, "/jpeg")

    import edge_tts
    from ddgs.ddgs import DDGS

    edge_tts.Communicate = SlowCommunicate  # type: ignore[assignment,misc]
    DDGS.images = slow_images  # type: ignore[method-assign]
    os.environ["LECTRA_IMAGE_CANDIDATES"] = "1"

    from flows.presentation import presentation

    with serve_images(web):
        presentation(
            topic=topic,
            slides=12,
            writer="offline",
            voice_engine="edge",
            image_source="ddg",
            video=False,
            output_dir=out,
            max_concurrent_images=8,
            max_concurrent_tts=8,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
