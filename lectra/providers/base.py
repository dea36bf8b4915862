"""The interfaces every writer, voice and image source implements."""

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from lectra.models import Outline, SlideScript


class Writer(Protocol):
    """Writes the outline and each slide's script."""

    name: str

    def outline(self, topic: str, slides: int, lang: str) -> Outline:
        """The deck title and one title per slide; slide 0 is the title slide."""
        ...

    def script(self, topic: str, outline: Outline, index: int, lang: str) -> SlideScript:
        """The script of one slide of the outline."""
        ...


class Voice(Protocol):
    """Speaks text into a narration chunk."""

    name: str

    def speak(self, text: str, lang: str, path: Path) -> float:
        """Write text spoken in lang as an mp3 chunk at path; return its duration in seconds."""
        ...


@dataclass(frozen=True)
class ImageInfo:
    """Where a slide's image came from and its size in pixels."""

    source: str
    url: str
    width: int
    height: int


class ImageSource(Protocol):
    """Finds or makes one image for a slide."""

    name: str

    def fetch(self, query: str, title: str, lang: str, path: Path) -> ImageInfo:
        """Write a JPEG for the query at path and describe it."""
        ...
