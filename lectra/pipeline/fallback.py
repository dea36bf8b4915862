"""What a failing step falls back to: the first offline provider that works."""

from collections.abc import Callable
from typing import TypeVar

from lectra.models import StepResult
from lectra.runtime.errors import LectraError

S = TypeVar("S", bound=StepResult)


def offline_instead(
    reason: str,
    offline: list[tuple[str, Callable[[], S]]],
    note: Callable[[str], str],
    last: Callable[[str], S],
) -> S:
    """The first offline provider (name, make) that works, warned about as note(name);
    last(reason) if every one fails too, each failure added to the reason."""
    for name, make in offline:
        try:
            made = make()
        except LectraError as exc:
            reason = f"{reason}; {name}: {exc}"
            continue
        return made.model_copy(update={"warnings": [f"{note(name)} ({reason})"]})
    return last(reason)
