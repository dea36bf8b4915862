"""Lectra's settings: one pydantic-settings object read from LECTRA_* variables."""

from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from lectra.errors import InputError
from lectra.languages import get_language

WriterName = Literal["offline", "auto"]
VoiceName = Literal["espeak", "auto"]
ImageSourceName = Literal["generated", "auto"]


class LectraSettings(BaseSettings):
    """Every knob Lectra reads; CLI flags override these, these override defaults."""

    model_config = SettingsConfigDict(env_prefix="LECTRA_", extra="ignore", validate_default=True)

    output_dir: Path = Field(
        Path("outputs"), description="Folder that receives one subfolder per project."
    )
    writer: WriterName = Field(
        "auto", description="Who writes the outline and scripts; auto picks the best reachable."
    )
    voice_engine: VoiceName = Field(
        "auto", description="Who speaks the notes; auto picks the best reachable."
    )
    image_source: ImageSourceName = Field(
        "auto", description="Where slide images come from; auto picks the best reachable."
    )
    max_concurrent_images: int = Field(
        5, ge=1, le=64, description="Image calls allowed at once (task tag 'images')."
    )
    max_concurrent_tts: int = Field(
        3, ge=1, le=64, description="Narration calls allowed at once (task tag 'tts')."
    )
    lang: str = Field("en", description="Default language code of slides and narration.")
    slides: int = Field(
        8, ge=1, le=40, description="Default number of slides, title slide included."
    )
    video: bool = Field(True, description="Whether to render video.mp4.")
    espeak_speed: int = Field(
        165, ge=80, le=450, description="espeak-ng speaking rate in words per minute."
    )
    retries: int = Field(
        2, ge=0, le=10, description="Retries of a failing writer, image or narration call."
    )
    retry_delay_s: float = Field(
        1.0, ge=0, le=60, description="Base delay before a retry; it doubles each time."
    )

    @field_validator("lang")
    @classmethod
    def _known_language(cls, value: str) -> str:
        get_language(value)
        return value


def load_settings(**overrides: object) -> LectraSettings:
    """Build settings from the environment plus overrides, as InputError when invalid."""
    clean = {key: value for key, value in overrides.items() if value is not None}
    try:
        return LectraSettings(**clean)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise InputError(first_error(exc, prefix="LECTRA_")) from None


def first_error(exc: ValidationError, prefix: str = "") -> str:
    """Turn a pydantic ValidationError into one line naming the field and the problem."""
    err = exc.errors()[0]
    field = ".".join(str(part) for part in err["loc"]) or "value"
    msg = str(err["msg"]).removeprefix("Value error, ")
    name = f"{prefix}{field.upper()}" if prefix else field
    return f"{name}: {msg}"
