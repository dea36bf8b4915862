"""Sentences a voice has spoken, kept on disk: an edited slide re-speaks only what changed."""

import contextlib
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from lectra.media.pcm import read_wav, to_wav
from lectra.models import WordMark
from lectra.providers.voices.speaking import Recall, Said
from lectra.runtime.errors import LectraError
from lectra.runtime.files import atomic_path, read_bounded

MAX_SENTENCE_BYTES = 64_000_000  # a 600-character sentence is about 2 MB at 48 kHz
MAX_WORDS_BYTES = 1_000_000
_WORDS = TypeAdapter(list[WordMark])


class SentenceMemory(Recall):
    """Each sentence's audio under a hash of the voice (engine, settings, code, language) and
    its text; a kept file that does not read back is spoken again."""

    def __init__(self, folder: Path, voice: str, recall: bool = True) -> None:
        self.folder, self.voice, self.recall = folder, voice, recall

    def _path(self, text: str) -> Path:
        key = hashlib.sha256(f"{self.voice}\0{text}".encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.wav"

    def kept(self, text: str) -> Said | None:
        """text's audio as it was spoken before, or None."""
        path = self._path(text)
        if not self.recall or not path.exists():
            return None
        try:
            words = read_bounded(path.with_suffix(".json"), MAX_WORDS_BYTES, "kept words")
            audio = read_bounded(path, MAX_SENTENCE_BYTES, "kept sentence")
            return Said(read_wav(audio), tuple(_WORDS.validate_json(words)))
        except (LectraError, ValidationError):
            with contextlib.suppress(OSError):
                path.unlink()
            return None

    def keep(self, text: str, said: Said) -> None:
        """Keep text's audio: its words first, the audio last (what marks it whole)."""
        path = self._path(text)
        with atomic_path(path.with_suffix(".json")) as tmp:
            tmp.write_text(json.dumps([w.model_dump() for w in said.words]))
        with atomic_path(path) as tmp:
            tmp.write_bytes(to_wav(said.pcm))

    def spoken(self, said: list[str], speak: Callable[[list[str]], list[Said]]) -> list[Said]:
        """Each sentence's kept audio; the others spoken in one call to speak, then kept."""
        found = {n: k for n, text in enumerate(said) if (k := self.kept(text)) is not None}
        todo = [n for n in range(len(said)) if n not in found]
        if todo:
            for n, audio in zip(todo, speak([said[n] for n in todo]), strict=True):
                with contextlib.suppress(LectraError, OSError):  # a full disk loses only the copy
                    self.keep(said[n], audio)
                found[n] = audio
        return [found[n] for n in range(len(said))]
