"""What each provider needs from the settings, as typed options passed to every task."""

from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, SecretStr

REMOTE_VOICES = {"edge", "openai"}


class WriterOptions(BaseModel):
    """The chosen writer and how to reach its model."""

    name: str = "offline"
    url: str = ""
    model: str = ""
    api_key: SecretStr | None = None
    temperature: float = 0.4
    response_format: str = "auto"  # openai: json_schema, json_object, none, or auto
    parallel: int = 1  # writer calls at once (the 'writer' slot); 1 for a local server
    num_ctx: int = 8192
    timeout_s: float = 120.0
    repairs: int = 2
    grounding: bool = False
    grounding_results: int = 5

    @property
    def remote(self) -> bool:
        """True when writing calls a model server, which the 'writer' limit is for."""
        return self.name != "offline"

    @property
    def label(self) -> str:
        """Who is writing, for messages: never includes the key."""
        if self.name == "offline":
            return "the offline writer"
        return f"{self.name} model {self.model} at {self.url}"


class VoiceOptions(BaseModel):
    """The chosen voice engine and how it speaks."""

    name: str = "espeak"
    voice: str | None = None
    rate: str = "+0%"
    pitch: str = "+0Hz"
    espeak_speed: int = 165
    piper_voice: Path | None = None
    speech_url: str = ""
    speech_model: str = ""
    speech_voice: str = ""
    speech_api_key: SecretStr | None = None
    speech_max_chars: int = 4096
    parallel: int = 3  # sentences of one slide requested at once, each still within a slot
    loudness_lufs: float | None = -16.0
    slide_pause_s: float = 0.0
    timeout_s: float = 60.0

    @property
    def remote(self) -> bool:
        """True when speaking calls an outside service, which the 'tts' limit is for."""
        return self.name in REMOTE_VOICES

    def heard(self) -> dict[str, Any]:
        """The options that change what is heard (not how many calls go at once, nor the key)."""
        return self.model_dump(mode="json", exclude={"timeout_s", "parallel", "speech_api_key"})


class ImageOptions(BaseModel):
    """The chosen image source and the limits on what it downloads."""

    name: str = "generated"
    timeout_s: float = 10.0
    max_bytes: int = 10_000_000
    candidates: int = 8
    palette: list[str] = Field(default_factory=list)  # the deck's colours, for drawn art

    @property
    def remote(self) -> bool:
        """True when images come from an outside service, which the 'images' limit is for."""
        return self.name == "ddg"
