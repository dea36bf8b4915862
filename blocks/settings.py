"""Block types holding Lectra's writer, voice, image and deck settings, editable in the UI."""

from typing import TYPE_CHECKING, Any, ClassVar, TypeAlias

from prefect.blocks.core import Block
from pydantic import Field, ValidationError, create_model, model_validator

from lectra.config.settings import BLOCK_FIELDS, LectraSettings
from lectra.runtime.errors import InputError, first_error


class LectraBlock(Block):
    """Settings a run can name; unset fields fall through to LECTRA_* and the defaults.

    Values are checked as LectraSettings checks them when the block is built, so a block saved
    with writer='olama' is refused then, not at run time.
    """

    _logo_url: ClassVar[None] = None

    def settings(self) -> dict[str, Any]:
        """The fields that are set, named as LectraSettings names them (keys stay SecretStr)."""
        named = (n for n in type(self).model_fields if n in LectraSettings.model_fields)
        return {n: v for n in named if (v := getattr(self, n)) is not None}

    @model_validator(mode="after")
    def _valid_settings(self) -> "LectraBlock":
        values = self.settings()
        try:
            LectraSettings.model_validate(values)
        except ValidationError as exc:
            for error in exc.errors():
                if error["loc"] and error["loc"][0] in values:
                    raise ValueError(first_error(exc)) from None
        return self


def block_type(kind: str, title: str, doc: str) -> type[LectraBlock]:
    """The block type of kind: each field of BLOCK_FIELDS[kind] as LectraSettings declares it
    (type, description), optional, so what a block leaves unset falls through."""
    fields: dict[str, Any] = {}
    for name in BLOCK_FIELDS[kind]:
        setting = LectraSettings.model_fields[name]
        kind_of: Any = setting.annotation
        fields[name] = (kind_of | None, Field(None, description=setting.description))
    made = create_model(f"{kind.capitalize()}Block", __base__=LectraBlock, __doc__=doc, **fields)
    made._block_type_name = title
    made._block_type_slug = "-".join(title.lower().split())
    return made


if TYPE_CHECKING:  # the fields come from the settings model at import; mypy sees the base
    WriterBlock: TypeAlias = LectraBlock
    VoiceBlock: TypeAlias = LectraBlock
    ImageBlock: TypeAlias = LectraBlock
    DeckBlock: TypeAlias = LectraBlock
else:
    WriterBlock = block_type(
        "writer", "Lectra Writer", "Who writes the slides and how to reach the model."
    )
    VoiceBlock = block_type("voice", "Lectra Voice", "Who speaks the notes, and how.")
    ImageBlock = block_type("images", "Lectra Images", "Where slide images come from.")
    DeckBlock = block_type("deck", "Lectra Deck", "How the deck looks: a theme or a template.")


BLOCK_TYPES: dict[str, type[LectraBlock]] = {
    "writer": WriterBlock,
    "voice": VoiceBlock,
    "images": ImageBlock,
    "deck": DeckBlock,
}


def load_block(kind: str, block: LectraBlock | str) -> LectraBlock:
    """The block of kind given, or loaded by name; InputError when missing or invalid."""
    block_type = BLOCK_TYPES[kind]
    if isinstance(block, LectraBlock):
        return block
    slug = block_type.get_block_type_slug()
    try:
        loaded = block_type.load(block)
    except ValidationError as exc:
        raise InputError(f"block {slug}/{block}: {first_error(exc)}") from None
    except ValueError as exc:  # Prefect's "Unable to find block document named ..."
        raise InputError(f"block {slug}/{block}: {str(exc).splitlines()[0]}") from None
    assert isinstance(loaded, LectraBlock)
    return loaded


def block_settings(blocks: dict[str, LectraBlock | str | None]) -> dict[str, Any]:
    """The settings of the blocks a run names (kind -> block or name), merged."""
    merged: dict[str, Any] = {}
    for kind, block in blocks.items():
        if block:
            merged |= load_block(kind, block).settings()
    return merged
