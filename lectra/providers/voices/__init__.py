"""The voice engines: each name's module builds it (lectra.providers.engines)."""

from typing import cast

from lectra.providers.base import Slot, Voice, free_slot
from lectra.providers.engines import build
from lectra.providers.options import VoiceOptions
from lectra.providers.voices.speaking import Recall

VOICES = {
    "espeak": "lectra.providers.voices.espeak",
    "piper": "lectra.providers.voices.piper",
    "edge": "lectra.providers.voices.edge",
    "openai": "lectra.providers.voices.speech_server",
    "reading": "lectra.providers.voices.reading",
}


def make_voice(opts: VoiceOptions, slot: Slot = free_slot, recall: Recall | None = None) -> Voice:
    """The voice engine the options name; remote ones hold slot around each service call, and
    sentences recall has are not spoken again."""
    return cast(Voice, build(VOICES, "voice engine", opts.name, opts, slot, recall))
