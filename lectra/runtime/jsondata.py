"""JSON a person gives, read strictly: no key given twice, nesting bounded."""

import json
from typing import Any

from lectra.runtime.errors import InputError

MAX_DEPTH = 12  # a deck script nests 4 deep; 12 is also the course YAML's bound


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise InputError(f"the key {key[:60]!r} is given twice")
        found[key] = value
    return found


def _depth(value: Any, limit: int) -> int:
    """How deep value nests, counted up to limit + 1 at most."""
    if limit < 0 or not isinstance(value, dict | list):
        return 0
    items = value.values() if isinstance(value, dict) else value
    return 1 + max((_depth(v, limit - 1) for v in items), default=0)


def strict_json(text: str, max_depth: int = MAX_DEPTH) -> Any:
    """The value JSON text holds; InputError naming the problem: not JSON, a key given twice,
    nesting deeper than max_depth."""
    try:
        data = json.loads(text, object_pairs_hook=_pairs)
    except RecursionError:
        raise InputError(f"JSON nested deeper than {max_depth} levels") from None
    except ValueError as exc:
        raise InputError(f"not JSON ({exc})") from None
    if _depth(data, max_depth) > max_depth:
        raise InputError(f"JSON nested deeper than {max_depth} levels")
    return data
