"""The interfaces every writer, voice and image source implements."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from lectra.models import Outline, SlideScript, WordMark


class Writer(Protocol):
    """Writes the outline and each slide's script."""

    name: str

    def outline(self, topic: str, slides: int, lang: str, sources: Sequence[str] = ()) -> Outline:
        """The deck title and one title per slide; slide 0 is the title slide.

        sources are web search snippets about the topic, for writers that can use them.
        """
        ...

    def script(self, topic: str, outline: Outline, index: int, lang: str) -> SlideScript:
        """The script of one slide of the outline."""
        ...


@dataclass(frozen=True)
class Speech:
    """A spoken chunk's duration and, when the engine reports them, its word timings."""

    duration_s: float
    words: list[WordMark] = field(default_factory=list)


class Voice(Protocol):
    """Speaks text into a narration chunk."""

    name: str

    def speak(self, text: str, lang: str, path: Path) -> Speech:
        """Write text spoken in lang as an mp3 chunk at path; return its duration and words."""
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


class ImageSource(Protocol):
    """Finds or makes one image for a slide."""

    name: str

    def fetch(self, query: str, title: str, lang: str, path: Path) -> ImageInfo:
        """Write a JPEG for the query at path and describe it."""
        ...
