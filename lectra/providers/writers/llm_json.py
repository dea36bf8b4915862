"""Lenient reading of a model's JSON answer, strict validation of what it says."""

import json
import re
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from lectra.runtime.errors import first_error

M = TypeVar("M", bound=BaseModel)
_FENCE = re.compile(r"```[A-Za-z0-9_-]*\s*\n?(.*?)```", re.DOTALL)


class AnswerError(ValueError):
    """A model's answer that is not the JSON object asked for; the message says why. usable:
    the answer parsed and validated, and only a further check (enough titles) failed."""

    def __init__(self, message: str, usable: bool = False) -> None:
        super().__init__(message)
        self.usable = usable


def _scan(text: str, start: int = 0) -> Iterator[tuple[int, str, bool]]:
    """Each character from start, with whether it belongs to a JSON string."""
    in_string = escaped = False
    for pos in range(start, len(text)):
        ch, quoted = text[pos], in_string
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        yield pos, ch, quoted or in_string


def _balanced_object(text: str) -> str | None:
    """The first complete {...} in text, skipping braces inside strings."""
    start = text.find("{")
    while start != -1:
        depth = 0
        for pos, ch, quoted in _scan(text, start):
            if quoted or ch not in "{}":
                continue
            depth += 1 if ch == "{" else -1
            if depth == 0:
                return text[start : pos + 1]
        start = text.find("{", start + 1)
    return None


def _drop_trailing_commas(text: str) -> str:
    """Remove commas that directly precede } or ], outside strings."""
    return "".join(
        ch
        for pos, ch, quoted in _scan(text)
        if quoted or ch != "," or text[pos + 1 :].lstrip()[:1] not in {"}", "]"}
    )


def extract_object(answer: str) -> dict[str, Any]:
    """The JSON object in a model's answer, tolerating fences, prose and trailing commas."""
    fenced = _FENCE.search(answer)
    body = fenced.group(1) if fenced else answer
    candidate = _balanced_object(body) or _balanced_object(answer)
    if candidate is None:
        raise AnswerError("the answer contains no JSON object")
    for text in (candidate, _drop_trailing_commas(candidate)):
        try:
            # strict=False: a raw newline or tab inside a string, which llama.cpp's JSON
            # grammar lets a model write, is read as the model meant it
            data = json.loads(text, strict=False)
        except json.JSONDecodeError as exc:
            error = exc
            continue
        if isinstance(data, dict):
            return data
        raise AnswerError("the answer's JSON is not an object")
    raise AnswerError(f"the answer's JSON does not parse: {error.msg} at line {error.lineno}")


def parse_answer(answer: str, model: type[M]) -> M:
    """Read the answer leniently, then validate it strictly as model; AnswerError if it fails."""
    data = extract_object(answer)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise AnswerError(first_error(exc)) from None
