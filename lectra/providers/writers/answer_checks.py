"""What makes a valid answer useless: the instructions or the example given back, or text
that is no text (paths, markup, numbers). A small model held to the schema writes all three."""

import re
from collections.abc import Iterable
from typing import Any

from lectra.providers.writers.llm_json import AnswerError

# words of the prompt's scaffolding: a model that answers them has written no content
SCAFFOLD = {
    "array",
    "bullets",
    "image_query",
    "items",
    "list",
    "list of items",
    "maxitems",
    "maxlength",
    "minitems",
    "minlength",
    "narration",
    "notes",
    "null",
    "object",
    "opening",
    "properties",
    "required",
    "slides",
    "string",
    "subtitle",
    "text",
    "title",
    "type",
}
_TEMPLATE = re.compile(r"\{\{|\}\}|\{%|^\s*[{\[<]")  # template or markup, not prose
_LETTER = re.compile(r"[^\W\d_]")


def junk(text: str) -> str | None:
    """Why text is not words a slide can show, or None."""
    said = text.strip()
    plain = said.strip("\"'.:,;").lower()
    if plain in SCAFFOLD or plain.rstrip(":") in SCAFFOLD:
        return f"{said[:30]!r} repeats the instructions"
    if _TEMPLATE.search(said) or (len(said.split()) == 1 and any(c in said for c in "/\\")):
        return f"{said[:40]!r} is markup or a path, not text"
    letters = len(_LETTER.findall(said))
    if letters < max(1, len("".join(said.split())) // 2):
        return f"{said[:40]!r} is not words"
    return None


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def check_content(
    answer: dict[str, Any], example: dict[str, Any], skip: Iterable[str] = ()
) -> None:
    """AnswerError when the answer is the example given back, or holds text that is no text
    (keys in skip, such as the image query, are not shown and not checked)."""
    shown = {k: v for k, v in answer.items() if k not in set(skip)}
    given = [s.strip().casefold() for s in _strings(shown) if s.strip()]
    copied = {s.strip().casefold() for s in _strings(example) if len(s.strip()) >= 8}
    if given and sum(s in copied for s in given) * 2 >= len(given):
        raise AnswerError("it copies the example instead of writing about the topic")
    for text in _strings(shown):
        if text.strip() and (why := junk(text)):
            raise AnswerError(why)
