"""Block types holding Lectra's writer, voice and image settings, editable in the Prefect UI."""

from typing import Any, ClassVar

from prefect.blocks.core import Block
from pydantic import Field, SecretStr


class LectraBlock(Block):
    """Settings a deployment loads by name; unset fields fall through to the defaults."""

    _logo_url: ClassVar[None] = None

    def settings(self) -> dict[str, Any]:
        """The fields that are set, named as LectraSettings names them."""
        values = self.model_dump(exclude_none=True)
        if isinstance(getattr(self, "openai_api_key", None), SecretStr):
            values["openai_api_key"] = self.openai_api_key  # type: ignore[attr-defined]
        return values


class WriterBlock(LectraBlock):
    """Who writes the slides and how to reach the model (LECTRA_WRITER, LECTRA_OLLAMA_*, ...)."""

    _block_type_name = "Lectra Writer"
    _block_type_slug = "lectra-writer"

    writer: str | None = Field(None, description="auto, offline, ollama or openai.")
    ollama_url: str | None = Field(None, description="Ollama server URL.")
    ollama_model: str | None = Field(None, description="Ollama model name.")
    openai_base_url: str | None = Field(None, description="OpenAI-compatible base URL.")
    openai_model: str | None = Field(None, description="OpenAI model name.")
    openai_api_key: SecretStr | None = Field(None, description="API key; kept secret.")
    temperature: float | None = Field(None, description="Sampling temperature.")
    grounding: bool | None = Field(None, description="Web results in the outline prompt.")


class VoiceBlock(LectraBlock):
    """Who speaks the notes and how (LECTRA_VOICE_ENGINE, LECTRA_VOICE, LECTRA_EDGE_*)."""

    _block_type_name = "Lectra Voice"
    _block_type_slug = "lectra-voice"

    voice_engine: str | None = Field(None, description="auto, espeak or edge.")
    voice: str | None = Field(None, description="edge-tts voice, e.g. en-GB-SoniaNeural.")
    edge_rate: str | None = Field(None, description="Rate change, e.g. +10%.")
    edge_pitch: str | None = Field(None, description="Pitch change, e.g. -5Hz.")
    espeak_speed: int | None = Field(None, description="espeak-ng words per minute.")


class ImageBlock(LectraBlock):
    """Where slide images come from (LECTRA_IMAGE_SOURCE, LECTRA_IMAGE_*)."""

    _block_type_name = "Lectra Images"
    _block_type_slug = "lectra-images"

    image_source: str | None = Field(None, description="auto, generated or ddg.")
    image_max_mb: float | None = Field(None, description="Largest download, in MB.")
    image_candidates: int | None = Field(None, description="Results tried per slide.")


BLOCK_TYPES: dict[str, type[LectraBlock]] = {
    "writer": WriterBlock,
    "voice": VoiceBlock,
    "images": ImageBlock,
}


def block_settings(names: dict[str, str | None]) -> dict[str, Any]:
    """Load the named blocks (kind -> block name) and merge their settings."""
    merged: dict[str, Any] = {}
    for kind, name in names.items():
        if name:
            merged |= BLOCK_TYPES[kind].load(name).settings()  # type: ignore[union-attr]
    return merged
