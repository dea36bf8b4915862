"""A deterministic writer that needs no model: a sound deck structure from phrase templates."""

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from lectra.models import Outline, SlideScript
from lectra.providers.base import Writer
from lectra.providers.options import WriterOptions

DATA = Path(__file__).with_name("data")


@cache
def _phrases(lang: str) -> dict[str, Any]:
    return json.loads((DATA / f"offline_{lang}.json").read_text(encoding="utf-8"))


def _template(index: int, count: int, lang: str) -> dict[str, Any]:
    """The section template of content slide index in a deck of count slides."""
    bank = _phrases(lang)
    if index == count - 1 and count >= 3:
        return dict(bank["summary"])
    sections = bank["sections"]
    if index - 1 < len(sections):
        return dict(sections[index - 1])
    n = index - len(sections)
    return {
        "title": bank["closer_look"].replace("{n}", str(n)),
        "query": f"detail {n}",
        "bullets": bank["closer_bullets"],
        "notes": bank["closer_notes"],
    }


class OfflineWriter:
    """Builds the same sensible deck for the same topic, with no model and no network."""

    name = "offline"

    def outline(self, topic: str, slides: int, lang: str, sources: Sequence[str] = ()) -> Outline:
        """Title slide, then the sections in teaching order, then a summary; sources unused."""
        titles = [topic] + [
            _template(i, slides, lang)["title"].replace("{topic}", topic) for i in range(1, slides)
        ]
        return Outline(title=topic, subtitle=_phrases(lang)["subtitle"], slide_titles=titles)

    def script(
        self, topic: str, outline: Outline, index: int, lang: str, passages: str = ""
    ) -> SlideScript:
        """The slide's bullets, notes and image query from its section template (passages
        unused: lectra.documents.extractive writes from documents)."""
        if index == 0:
            notes = _phrases(lang)["title_notes"].replace("{topic}", topic)
            return SlideScript(index=0, kind="title", title=outline.title, notes=notes)
        template = _template(index, len(outline.slide_titles), lang)
        return SlideScript(
            index=index,
            title=outline.slide_titles[index],
            bullets=[b.replace("{topic}", topic) for b in template["bullets"]],
            notes=template["notes"].replace("{topic}", topic),
            image_query=f"{topic} {template['query']}",
        )


def build(opts: WriterOptions) -> Writer:
    """The offline writer (it takes no options)."""
    return OfflineWriter()
