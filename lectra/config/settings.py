"""Lectra's settings: one pydantic-settings object read from LECTRA_* variables."""

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    BeforeValidator,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

from lectra.models import MAX_SLIDES
from lectra.runtime.errors import InputError, first_error
from lectra.storage.location import checked_url, is_url
from lectra.text.languages import get_language

WriterName = Literal["auto", "offline", "ollama", "openai"]
_YES, _NO = {"true", "yes", "on", "1"}, {"false", "no", "0", ""}


def _review_when(value: object) -> object:
    """A review setting given as a switch (True, LECTRA_REVIEW=true) means the scripts' pause."""
    said = str(value).strip().lower() if isinstance(value, bool | str) else value
    return "scripts" if said in _YES else "off" if said in _NO else said


ReviewWhen = Annotated[Literal["off", "outline", "scripts", "both"], BeforeValidator(_review_when)]
VoiceName = Literal["auto", "espeak", "piper", "edge", "openai", "reading"]
ImageSourceName = Literal["auto", "generated", "ddg"]
ThemeName = Literal["default", "dark", "warm", "contrast"]  # lectra.slides.design.THEMES
_EDGE_VOICE = r"^[a-z]{2,3}-[A-Za-z]{2,4}(-[A-Za-z]+)?-[A-Za-z]+Neural$"


class LectraSettings(BaseSettings):
    """Every knob Lectra reads; CLI flags override these, these override defaults."""

    model_config = SettingsConfigDict(env_prefix="LECTRA_", extra="ignore", validate_default=True)

    output_dir: Path = Field(
        Path("outputs"), description="Folder that receives one subfolder per project."
    )
    cache_dir: Path | None = Field(
        None,
        description="Cache of step results and media, shared by projects; "
        "default <output_dir>/.cache.",
    )
    # LECTRA_OUTPUT_DIR / LECTRA_CACHE_DIR given as a storage URL (s3://bucket/prefix): steps
    # build under scratch_dir and publish there (output_dir and cache_dir become scratch)
    output_url: str | None = Field(None, description="Shared storage receiving the projects.")
    cache_url: str | None = Field(None, description="Shared storage of the cache.")
    scratch_dir: Path = Field(
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "lectra",
        description="Local folder where runs build when outputs or the cache are a URL.",
    )
    refresh: bool = Field(False, description="Ignore cached results and redo every step.")
    writer: WriterName = Field(
        "auto", description="Who writes the outline and scripts; auto picks the best reachable."
    )
    voice_engine: VoiceName = Field(
        "auto",
        description="Who speaks the notes; auto picks the best reachable; 'reading' speaks "
        "nothing and times the deck for its subtitles to be read.",
    )
    image_source: ImageSourceName = Field(
        "auto", description="Where slide images come from; auto picks the best reachable."
    )
    max_concurrent_images: int = Field(
        5,
        ge=1,
        le=64,
        description="Image calls allowed at once in a run (server limit 'lectra-images').",
    )
    max_concurrent_tts: int = Field(
        3,
        ge=1,
        le=64,
        description="Narration calls allowed at once in a run (server limit 'lectra-tts').",
    )
    lang: str = Field("en", description="Default language code of slides and narration.")
    slides: int = Field(
        8, ge=1, le=MAX_SLIDES, description="Default number of slides, title slide included."
    )
    video: bool = Field(True, description="Whether to render video.mp4.")
    embed_audio: bool = Field(
        True,
        description="Embed each slide's narration in presentation.pptx, playing by itself as "
        "the slide shows; off keeps a light deck.",
    )
    review: ReviewWhen = Field(
        "off",
        description="Pause for a person to edit the deck in the run's form (Prefect UI) "
        "before anything is spoken or drawn: once the scripts are written (scripts), once the "
        "outline is (outline: the slides are written from the edited titles), or both; "
        "true means scripts.",
    )
    review_timeout_s: int = Field(
        3600, ge=5, le=7 * 24 * 3600, description="How long a review pause waits for a person."
    )
    review_on_timeout: Literal["continue", "stop"] = Field(
        "continue",
        description="What a run nobody reviewed does: continue with the scripts as written, "
        "or stop.",
    )
    review_poll_s: int = Field(
        5, ge=1, le=60, description="How often a paused run asks whether it was resumed."
    )
    wait: bool = Field(
        False,
        description="When another run is building the same project, wait for it to end "
        "instead of stopping with an error.",
    )
    burn_subtitles: bool = Field(
        False,
        description="Draw the subtitles into the video's frames instead of adding a soft "
        "subtitle track, for platforms that show none.",
    )
    theme: ThemeName = Field(
        "default",
        description="Built-in look: default (white, blue accents), dark, warm, or contrast "
        "(high contrast for large rooms); a template replaces it.",
    )
    template: Path | None = Field(
        None,
        description="A PowerPoint template (.pptx or .potx) to build the deck on: its "
        "masters, layouts, colours, fonts and art; its example slides are not kept.",
    )
    pagination: Literal["fit", "seed"] = Field(
        "fit",
        description="How a slide becomes deck pages: 'fit' shrinks and re-lays it out first and "
        "splits only what cannot fit; 'seed' splits at 3 bullets / 150 characters beside an "
        "image and 4 / 200 without, as the system Lectra replaces did.",
    )
    espeak_speed: int = Field(
        165, ge=80, le=450, description="espeak-ng speaking rate in words per minute."
    )
    retries: int = Field(
        2, ge=0, le=10, description="Retries of a failing writer, image or narration call."
    )
    retry_delay_s: float = Field(
        1.0, ge=0, le=60, description="Base delay before a retry; it doubles each time."
    )

    ollama_url: str = Field(
        "http://127.0.0.1:11434", description="Base URL of the Ollama server (writer 'ollama')."
    )
    ollama_model: str = Field("llama3.1", description="Ollama model that writes the deck.")
    ollama_num_ctx: int = Field(
        8192, ge=512, le=1_048_576, description="Ollama context window in tokens (num_ctx)."
    )
    openai_base_url: str | None = Field(
        None,
        description="Base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:8000/v1 "
        "(writer 'openai'); auto only considers it when set.",
    )
    openai_model: str = Field("gpt-4o-mini", description="Model name sent to the OpenAI API.")
    openai_api_key: SecretStr | None = Field(
        None, description="API key for the OpenAI-compatible API; never printed or logged."
    )
    openai_response_format: Literal["auto", "json_schema", "json_object", "none"] = Field(
        "auto",
        description="How the answer's JSON schema is asked of an OpenAI-compatible server: auto "
        "tries json_schema, then json_object with the schema, then none, and keeps what worked.",
    )
    max_concurrent_writer: int | None = Field(
        None,
        ge=1,
        le=64,
        description="Writer calls allowed at once (server limit 'lectra-writer'); default 1 for "
        "a server on this machine or the local network, which answers one at a time, 4 for a "
        "hosted API.",
    )
    temperature: float = Field(0.4, ge=0, le=2, description="Sampling temperature of the LLM.")
    writer_timeout_s: float = Field(
        120.0, gt=0, le=3600, description="Seconds to wait for one LLM answer."
    )
    writer_repairs: int = Field(
        2, ge=0, le=5, description="Times the LLM is asked again after an answer fails validation."
    )
    grounding: bool = Field(
        False, description="Put a few web search results about the topic into the outline prompt."
    )
    grounding_results: int = Field(
        5, ge=1, le=20, description="How many web results grounding puts into the prompt."
    )
    voice: str | None = Field(
        None, description="edge-tts voice, e.g. en-GB-SoniaNeural; default chosen by language."
    )
    piper_voice: Path | None = Field(
        None,
        description="A Piper voice .onnx (its .onnx.json beside it) for voice engine piper; "
        "default: the bundled English voice en_US-joe-medium.",
    )
    speech_base_url: str | None = Field(
        None,
        description="Base URL of an OpenAI-compatible speech server, e.g. "
        "http://127.0.0.1:8880/v1 (voice engine 'openai'); auto only considers it when set.",
    )
    speech_model: str = Field("tts-1", description="Speech model the server runs, e.g. kokoro.")
    speech_voice: str = Field("alloy", description="Voice the speech server speaks, e.g. af_heart.")
    speech_api_key: SecretStr | None = Field(
        None, description="API key for the speech server; never printed or logged."
    )
    speech_max_chars: int = Field(
        4096, ge=50, le=100_000, description="Longest input the speech server takes at once."
    )
    loudness_lufs: float = Field(
        -16.0, ge=-40, le=-6, description="Loudness every slide's narration is brought to (LUFS)."
    )
    slide_pause_s: float = Field(
        0.6, ge=0, le=10, description="Silence closing each slide's narration, in seconds."
    )
    edge_rate: str = Field("+0%", description="edge-tts speaking rate change, e.g. +10%.")
    edge_pitch: str = Field("+0Hz", description="edge-tts pitch change, e.g. -5Hz.")
    image_timeout_s: float = Field(
        10.0, gt=0, le=120, description="Seconds allowed for one image search or download."
    )
    image_max_mb: float = Field(
        10.0, gt=0, le=100, description="Largest image download accepted, in megabytes."
    )
    image_candidates: int = Field(
        8, ge=1, le=50, description="Search results tried per slide before giving up on ddg."
    )
    check_timeout_s: float = Field(
        1.0, gt=0, le=10, description="Time auto gives each provider's reachability check."
    )
    edge_check_url: str = Field(
        "https://speech.platform.bing.com/",
        description="URL auto fetches to decide edge-tts is reachable (any HTTP answer counts).",
    )
    ddg_check_url: str = Field(
        "https://duckduckgo.com/",
        description="URL auto fetches to decide DuckDuckGo is reachable (any HTTP answer counts).",
    )

    @field_validator("voice")
    @classmethod
    def _edge_voice(cls, value: str | None) -> str | None:
        if value is not None and not re.match(_EDGE_VOICE, value):
            raise ValueError(f"{value!r} is not an edge-tts voice name like en-US-AriaNeural")
        return value

    @field_validator(
        "ollama_url", "openai_base_url", "speech_base_url", "edge_check_url", "ddg_check_url"
    )
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None:
            return value
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError(f"{value!r} is not an http(s) URL")
        try:
            urlsplit(value).port  # noqa: B018 (parsing the port is the check: range, IPv6 brackets)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a usable URL ({exc})") from None
        return value

    @property
    def cache_folder(self) -> Path:
        """The local cache folder, absolute: cache_dir, else <output_dir>/.cache."""
        return (self.cache_dir or self.output_dir / ".cache").resolve()

    @model_validator(mode="before")
    @classmethod
    def _storage_urls(cls, data: object) -> object:
        """An output or cache folder given as a URL becomes output_url / cache_url, built
        in the scratch folder; a URL output takes its cache beside it unless one is given."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for name, url in (("output_dir", "output_url"), ("cache_dir", "cache_url")):
            value = data.get(name)
            if value is not None and is_url(value):
                data[url] = checked_url(str(value), f"{name} (LECTRA_{name.upper()})")
                data.pop(name)
        scratch = Path(data.get("scratch_dir") or cls.model_fields["scratch_dir"].default)
        # (checked as output_dir / cache_dir below, which it then holds)
        if data.get("output_url"):
            data["output_dir"] = scratch / "outputs"
            if data.get("cache_dir") is None and not data.get("cache_url"):
                data["cache_url"] = f"{data['output_url']}/.cache"
        if data.get("cache_url"):
            data["cache_dir"] = scratch / "cache"
        return data

    @field_validator("output_url", "cache_url")
    @classmethod
    def _usable_url(cls, value: str | None, info: ValidationInfo) -> str | None:
        return checked_url(value, info.field_name or "") if value else None

    @field_validator("output_dir", "cache_dir")
    @classmethod
    def _usable_folder(cls, value: Path | None) -> Path | None:
        if value is None:
            return value
        value = value.expanduser()
        existing = value
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        if not existing.is_dir():
            raise ValueError(f"{existing} is not a folder")
        if not os.access(existing, os.W_OK | os.X_OK):
            raise ValueError(f"{existing} is not writable")
        return value

    @field_validator("edge_rate", "edge_pitch")
    @classmethod
    def _signed_change(cls, value: str, info: ValidationInfo) -> str:
        unit = "%" if info.field_name == "edge_rate" else "Hz"
        if not re.fullmatch(rf"[+-]\d{{1,3}}{unit}", value):
            raise ValueError(f"{value!r} is not a change like +10{unit} or -5{unit}")
        return value

    @model_validator(mode="after")
    def _openai_has_an_address(self) -> "LectraSettings":
        if self.writer == "openai" and not self.openai_base_url:
            raise ValueError("writer openai needs LECTRA_OPENAI_BASE_URL")
        return self

    @model_validator(mode="after")
    def _voice_is_usable(self) -> "LectraSettings":
        if self.voice_engine == "openai" and not self.speech_base_url:
            raise ValueError("voice engine openai needs LECTRA_SPEECH_BASE_URL")
        self._named_voices_are_spoken()
        if self.piper_voice is None and self.voice_engine != "piper":
            return self  # the bundled voice, if auto or a fallback turns to Piper
        from lectra.providers.voices.piper import voice_file, voice_language

        try:
            spoken = voice_language(voice_file(self.piper_voice))
        except InputError as exc:
            raise ValueError(str(exc)) from None
        if spoken != self.lang:
            named = self.piper_voice or "the bundled Piper voice"
            raise ValueError(
                f"piper voice {named} speaks {spoken!r}, the deck is in {self.lang!r}; "
                f"set LECTRA_PIPER_VOICE to a Piper voice for {self.lang!r}"
            )
        return self

    def _named_voices_are_spoken(self) -> None:
        """A voice the user names is one the chosen engine speaks, in the deck's language."""
        engine = self.voice_engine
        if self.voice and engine not in ("auto", "edge"):
            raise ValueError(
                f"voice {self.voice} is an edge-tts voice; voice engine {engine} does not speak "
                "it (Piper takes piper_voice, a speech server LECTRA_SPEECH_VOICE)"
            )
        spoken = (self.voice or "").split("-")[0].lower()
        if self.voice and spoken != self.lang and "Multilingual" not in self.voice:
            raise ValueError(
                f"voice {self.voice} speaks {spoken!r}, the deck is in {self.lang!r}; "
                f"choose a {self.lang}-... voice or a Multilingual one"
            )
        if self.piper_voice is not None and engine in ("espeak", "reading"):
            raise ValueError(  # edge and a speech server fall back to it; these never do
                f"piper voice {self.piper_voice} is given, but voice engine {engine} does not "
                "speak with it"
            )

    @field_validator("lang")
    @classmethod
    def _known_language(cls, value: str) -> str:
        try:
            get_language(value)
        except InputError as exc:
            raise ValueError(str(exc)) from None
        return value


# What a block carries (blocks/settings.py builds the three block types from this table):
# which engine serves a stage and how that engine is reached and sounds or looks: its address,
# model, voice, key and the properties of its server. That is what a team shares and edits
# in the Prefect UI. Not the shape of one run (topic, slides, language, video: the run's
# parameters) and not one machine's folders, limits, timeouts and retries (LECTRA_* where it
# runs). Every other setting is a LectraSettings field only.
BLOCK_FIELDS: dict[str, tuple[str, ...]] = {
    "writer": (
        "writer",
        "ollama_url",
        "ollama_model",
        "ollama_num_ctx",
        "openai_base_url",
        "openai_model",
        "openai_api_key",
        "openai_response_format",
        "temperature",
        "grounding",
    ),
    "voice": (
        "voice_engine",
        "voice",
        "edge_rate",
        "edge_pitch",
        "espeak_speed",
        "piper_voice",
        "speech_base_url",
        "speech_model",
        "speech_voice",
        "speech_api_key",
        "speech_max_chars",
        "loudness_lufs",
        "slide_pause_s",
    ),
    "images": ("image_source", "image_max_mb", "image_candidates"),
    "deck": ("theme", "template"),
}


def load_settings(
    blocks: Mapping[str, object] | None = None, /, **overrides: object
) -> LectraSettings:
    """Settings by precedence: overrides (parameters, flags) > blocks > environment > defaults.

    InputError names the first invalid setting as the user gave it: a parameter, a block's
    field or a LECTRA_* variable.
    """
    clean = {key: value for key, value in overrides.items() if value is not None}
    given = {**(blocks or {}), **clean}
    try:
        return LectraSettings(**given)  # type: ignore[arg-type]
    except ValidationError as exc:
        field = str(exc.errors()[0]["loc"][0]) if exc.errors()[0]["loc"] else ""
        if field in clean:
            raise InputError(first_error(exc)) from None
        if field in given:
            raise InputError(first_error(exc, lambda f: f"block setting {f}")) from None
        raise InputError(first_error(exc, lambda f: f"LECTRA_{f.upper()}")) from None
