"""Block types holding Lectra's writer, voice and image settings, editable in the Prefect UI."""

from typing import Any, ClassVar

from prefect.blocks.core import Block
from pydantic import Field, SecretStr, ValidationError, model_validator

from lectra.config.settings import ImageSourceName, LectraSettings, VoiceName, WriterName
from lectra.runtime.errors import InputError, first_error


class LectraBlock(Block):
    """Settings a run can name; unset fields fall through to LECTRA_* and the defaults.

    Values are checked as LectraSettings checks them when the block is built, so a block saved
    with writer='olama' is refused then, not at run time.
    """

    _logo_url: ClassVar[None] = None

    def settings(self) -> dict[str, Any]:
        """The fields that are set, named as LectraSettings names them."""
        values = self.model_dump(exclude_none=True)
        if isinstance(getattr(self, "openai_api_key", None), SecretStr):
            values["openai_api_key"] = self.openai_api_key  # type: ignore[attr-defined]
        return values

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


class WriterBlock(LectraBlock):
    """Who writes the slides and how to reach the model (LECTRA_WRITER, LECTRA_OLLAMA_*, ...)."""

    _block_type_name = "Lectra Writer"
    _block_type_slug = "lectra-writer"

    writer: WriterName | None = Field(None, description="Who writes the slides.")
    ollama_url: str | None = Field(None, description="Ollama server URL.")
    ollama_model: str | None = Field(None, description="Ollama model name.")
    openai_base_url: str | None = Field(None, description="OpenAI-compatible base URL.")
    openai_model: str | None = Field(None, description="OpenAI model name.")
    openai_api_key: SecretStr | None = Field(None, description="API key; kept secret.")
    temperature: float | None = Field(None, description="Sampling temperature, 0-2.")
    grounding: bool | None = Field(None, description="Web results in the outline prompt.")


class VoiceBlock(LectraBlock):
    """Who speaks the notes and how (LECTRA_VOICE_ENGINE, LECTRA_VOICE, _PIPER_*, _SPEECH_*)."""

    _block_type_name = "Lectra Voice"
    _block_type_slug = "lectra-voice"

    voice_engine: VoiceName | None = Field(None, description="Who speaks the notes.")
    voice: str | None = Field(None, description="edge-tts voice, e.g. en-GB-SoniaNeural.")
    edge_rate: str | None = Field(None, description="Rate change, e.g. +10%.")
    edge_pitch: str | None = Field(None, description="Pitch change, e.g. -5Hz.")
    espeak_speed: int | None = Field(None, description="espeak-ng words per minute, 80-450.")
    piper_voice: str | None = Field(None, description="Piper voice .onnx; default: bundled.")
    speech_base_url: str | None = Field(None, description="OpenAI-compatible speech server URL.")
    speech_model: str | None = Field(None, description="Speech model, e.g. kokoro or tts-1.")
    speech_voice: str | None = Field(None, description="Server voice, e.g. af_heart or alloy.")
    speech_api_key: SecretStr | None = Field(None, description="Speech API key; kept secret.")
    loudness_lufs: float | None = Field(None, description="Narration loudness, LUFS.")
    slide_pause_s: float | None = Field(None, description="Pause closing each slide, s.")


class ImageBlock(LectraBlock):
    """Where slide images come from (LECTRA_IMAGE_SOURCE, LECTRA_IMAGE_*)."""

    _block_type_name = "Lectra Images"
    _block_type_slug = "lectra-images"

    image_source: ImageSourceName | None = Field(None, description="Where images come from.")
    image_max_mb: float | None = Field(None, description="Largest download, in MB.")
    image_candidates: int | None = Field(None, description="Results tried per slide.")


BLOCK_TYPES: dict[str, type[LectraBlock]] = {
    "writer": WriterBlock,
    "voice": VoiceBlock,
    "images": ImageBlock,
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
