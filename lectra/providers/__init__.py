"""Provider selection: the one place that maps settings to writer, voice and image source."""

from lectra.errors import InputError
from lectra.providers.base import ImageSource, Voice, Writer
from lectra.providers.espeak import EspeakVoice
from lectra.providers.generated_images import GeneratedImages
from lectra.providers.offline_writer import OfflineWriter
from lectra.settings import LectraSettings

OFFLINE = {"writer": "offline", "voice": "espeak", "images": "generated"}


def choose(settings: LectraSettings) -> tuple[dict[str, str], dict[str, str]]:
    """Resolve 'auto' for each stage; return (provider per stage, reason per stage)."""
    asked = {
        "writer": settings.writer,
        "voice": settings.voice_engine,
        "images": settings.image_source,
    }
    chosen: dict[str, str] = {}
    reasons: dict[str, str] = {}
    for stage, name in asked.items():
        if name == "auto":
            chosen[stage] = OFFLINE[stage]
            reasons[stage] = f"auto: {OFFLINE[stage]} is the built-in offline default"
        else:
            chosen[stage] = name
            reasons[stage] = "set explicitly"
    return chosen, reasons


def make_writer(name: str) -> Writer:
    """The writer called name."""
    if name == "offline":
        return OfflineWriter()
    raise InputError(f"unknown writer {name!r}")


def make_voice(name: str, speed_wpm: int = 165) -> Voice:
    """The voice engine called name."""
    if name == "espeak":
        return EspeakVoice(speed_wpm)
    raise InputError(f"unknown voice engine {name!r}")


def make_images(name: str) -> ImageSource:
    """The image source called name."""
    if name == "generated":
        return GeneratedImages()
    raise InputError(f"unknown image source {name!r}")
