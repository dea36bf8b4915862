"""The writers: each name's module builds it (lectra.providers.engines)."""

from typing import cast

from lectra.providers.base import Writer
from lectra.providers.engines import build
from lectra.providers.options import WriterOptions

WRITERS = {
    "offline": "lectra.providers.writers.offline",
    "ollama": "lectra.providers.writers.ollama",
    "openai": "lectra.providers.writers.openai_compat",
}


def make_writer(opts: WriterOptions) -> Writer:
    """The writer the options name."""
    return cast(Writer, build(WRITERS, "writer", opts.name, opts))
