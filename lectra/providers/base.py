"""The interfaces every writer, voice and image source implements."""

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from lectra.models import Outline, SentenceMark, SlideScript, WordMark

Slot = Callable[[], AbstractContextManager[Any]]  # held around each call to a speech service


def free_slot() -> AbstractContextManager[Any]:
    """No limit: the slot of a voice run outside any cap."""
    return nullcontext()


class Writer(Protocol):
    """Writes the outline and each slide's script."""

    name: str

    def outline(self, topic: str, slides: int, lang: str, sources: Sequence[str] = ()) -> Outline:
        """The deck title and one title per slide; slide 0 is the title slide.

        sources are web search snippets about the topic, for writers that can use them.
        """
        ...

    def script(
        self, topic: str, outline: Outline, index: int, lang: str, passages: str = ""
    ) -> SlideScript:
        """The script of one slide of the outline; with passages (a document's text), one
        that says what they say, with no number they do not state."""
        ...


@dataclass(frozen=True)
class Utterance:
    """Spoken audio (WAV or mp3 bytes) and when its words and sentences are heard in it."""

    audio: bytes
    words: list[WordMark] = field(default_factory=list)
    sentences: list[SentenceMark] = field(default_factory=list)


class Voice(Protocol):
    """Speaks text."""

    name: str

    def speak(self, text: str, lang: str) -> Utterance:
        """text spoken in lang, with sentence timings and word timings if the engine has them."""
        ...


@dataclass(frozen=True)
class ImageInfo:
    """Where a slide's image came from and its size in pixels."""

    source: str
    url: str
    width: int
    height: int
    page_url: str = ""  # the page the image was found on
    bytes: int = 0
    warnings: tuple[str, ...] = ()  # results refused on the way (an inward address)


class ImageSource(Protocol):
    """Finds or makes one image for a slide."""

    name: str

    def fetch(self, query: str, title: str, lang: str, path: Path) -> ImageInfo:
        """Write a JPEG for the query at path and describe it."""
        ...
