"""Prepare a Prefect server for Lectra: concurrency limits, block types and defaults, work pool.

Run it against the server the deployments use: PREFECT_API_URL=... python -m deployments.setup
Every step is idempotent; running it again updates the limits and leaves the rest.
"""

import argparse
import sys
from collections.abc import Callable

from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import WorkPoolCreate
from prefect.exceptions import ObjectAlreadyExists
from prefect.settings import get_current_settings

from blocks.settings import BLOCK_TYPES
from lectra.config.providers import writer_slots
from lectra.config.settings import load_settings
from lectra.runtime.errors import LectraError
from tasks.image import TAG as IMAGES_TAG
from tasks.narration import TAG as TTS_TAG
from tasks.script import TAG as WRITER_TAG
from tasks.slots import define_limit

POOL = "lectra"


def set_up(pool: str = POOL) -> list[str]:
    """Create or update everything; return one line per thing done."""
    settings = load_settings()
    writer_url = settings.openai_base_url or settings.ollama_url  # the model server runs share
    done = []
    with get_client(sync_client=True) as client:
        for tag, limit in (
            (IMAGES_TAG, settings.max_concurrent_images),
            (TTS_TAG, settings.max_concurrent_tts),
            (WRITER_TAG, settings.max_concurrent_writer or writer_slots(writer_url)),
        ):
            done.append(define_limit(client, tag, limit))
        for block_type in BLOCK_TYPES.values():
            block_type.register_type_and_schema()
            try:
                block_type().save("default", overwrite=False)
                done.append(f"block {block_type.get_block_type_slug()}/default: created")
            except ValueError:  # it exists, maybe edited in the UI: keep it
                done.append(f"block {block_type.get_block_type_slug()}/default: kept")
        try:
            client.create_work_pool(WorkPoolCreate(name=pool, type="process"))
            done.append(f"work pool {pool}: created")
        except ObjectAlreadyExists:
            done.append(f"work pool {pool}: kept")
    return done


def main(argv: list[str] | None = None) -> int:
    """Run the setup; exit 2 when there is no server to set up."""
    parser = argparse.ArgumentParser(prog="python -m deployments.setup", description=__doc__)
    parser.add_argument("--pool", default=POOL, help=f"process work pool name (default {POOL})")
    args = parser.parse_args(argv)
    return against_server("setup", lambda: set_up(args.pool))


def against_server(prog: str, work: Callable[[], list[str]]) -> int:
    """Do work against the server PREFECT_API_URL names, printing its lines; exit 2 with one
    line when no server is named or the work refuses its input."""
    if not get_current_settings().api.url:
        print(
            f"{prog}: error: PREFECT_API_URL is not set; start a server (prefect server start) "
            "and export PREFECT_API_URL=http://127.0.0.1:4200/api",
            file=sys.stderr,
        )
        return 2
    try:
        for line in work():
            print(line)
    except LectraError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
