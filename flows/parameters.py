"""The presentation flow's parameters: lectra.config.parameters' model plus the blocks a run names.

The flow's signature and DeckParameters use the same Annotated aliases, so the deployment form
(Prefect's schema of the signature) and `--help` (built from DeckParameters) say the same thing.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import Field

from blocks.settings import DeckBlock, ImageBlock, LectraBlock, VoiceBlock, WriterBlock
from lectra.config.parameters import RunParameters
from lectra.pipeline.deckscript import read_script

WriterSettings = Annotated[
    WriterBlock | str | None,
    Field(description="A Lectra Writer block, or its name: model, URLs, key."),
]
VoiceSettings = Annotated[
    VoiceBlock | str | None,
    Field(description="A Lectra Voice block, or its name: engine, voice, rate."),
]
ImageSettings = Annotated[
    ImageBlock | str | None,
    Field(description="A Lectra Images block, or its name: source and download limits."),
]

DeckSettings = Annotated[
    DeckBlock | str | None,
    Field(description="A Lectra Deck block, or its name: theme or template."),
]

BLOCK_PARAMETERS = {
    "writer_block": "writer",
    "voice_block": "voice",
    "image_block": "images",
    "deck_block": "deck",
}


class DeckParameters(RunParameters):
    """Everything a presentation run can be given: the run's parameters and its blocks."""

    writer_block: WriterSettings = None
    voice_block: VoiceSettings = None
    image_block: ImageSettings = None
    deck_block: DeckSettings = None

    def blocks(self) -> dict[str, LectraBlock | str | None]:
        """The blocks the run names, by kind (writer, voice, images, deck)."""
        return {kind: getattr(self, name) for name, kind in BLOCK_PARAMETERS.items()}


P = TypeVar("P", bound=RunParameters)


def with_script(params: P) -> P:
    """The parameters with the script their script_file names read in (InputError naming
    the file and its problem); as they are without one."""
    if not params.script_file:
        return params
    script = read_script(Path(params.script_file).expanduser())
    return params.model_copy(update={"script": script, "script_file": None})


F = TypeVar("F", bound=Callable[..., Any])


def documented(fn: F) -> F:
    """fn with an Args section from DeckParameters: Prefect's run form reads its descriptions."""
    lines = [
        f"    {name}: {field.description}" for name, field in DeckParameters.model_fields.items()
    ]
    fn.__doc__ = f"{fn.__doc__ or ''}\n\nArgs:\n" + "\n".join(lines)
    return fn
