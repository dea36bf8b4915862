"""The LLM writer: asks a chat model for the outline and scripts, repairing bad answers."""

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

import httpx
from pydantic import BaseModel

from lectra.errors import WriterError
from lectra.models import Outline, SlideScript
from lectra.providers.http import as_provider_error, bounded
from lectra.providers.llm_json import AnswerError, parse_answer
from lectra.providers.options import WriterOptions
from lectra.providers.prompts import (
    OutlineDraft,
    ScriptDraft,
    outline_messages,
    outline_schema,
    repair_message,
    schema_of,
    script_messages,
)
from lectra.secrets import scrub

M = TypeVar("M", bound=BaseModel)


class Chat(Protocol):
    """One round trip to a chat model: the messages in, the answer's text out."""

    def __call__(self, messages: list[dict[str, str]], schema: dict[str, object]) -> str:
        """Send messages, asking for JSON matching schema; WriterError on failure."""
        ...


class HttpChat:
    """A chat model behind HTTP: JSON posts whose failures become WriterErrors naming it."""

    def __init__(self, opts: WriterOptions) -> None:
        self.opts = opts
        self.label = opts.label

    def refuse(self, response: httpx.Response) -> None:
        """Raise a clear, not transient WriterError for answers no retry will change."""

    def post(
        self, path: str, payload: dict[str, Any], headers: dict[str, str] | None = None
    ) -> httpx.Response:
        """POST payload to path under the server's URL; WriterError on failure."""
        url = self.opts.url.rstrip("/") + path
        try:
            response = bounded("POST", url, self.opts.timeout_s, json=payload, headers=headers)
            self.refuse(response)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise as_provider_error(exc, self.label, WriterError, self.opts.timeout_s) from None
        return response


class ChatWriter:
    """A Writer backed by any chat model; answers are parsed leniently and validated strictly."""

    def __init__(self, name: str, label: str, chat: Chat, repairs: int = 2) -> None:
        self.name, self.label, self.chat, self.repairs = name, label, chat, repairs

    def _ask(
        self,
        messages: list[dict[str, str]],
        model: type[M],
        schema: dict[str, Any] | None = None,
        check: Callable[[M], None] = lambda _: None,
    ) -> M:
        """Ask, and on an invalid answer ask again with the problem, up to repairs times.

        An answer that is valid but fails check is asked again too; when no later answer
        passes, the last such answer is taken rather than none.
        """
        problem = ""
        usable: M | None = None
        for _ in range(self.repairs + 1):
            answer = scrub(self.chat(messages, schema or schema_of(model)))
            try:
                parsed = parse_answer(answer, model)
            except AnswerError as exc:
                problem = str(exc)
                messages = messages + repair_message(answer, problem)
                continue
            try:
                check(parsed)
                return parsed
            except AnswerError as exc:
                usable, problem = parsed, str(exc)
                messages = messages + repair_message(answer, problem)
        if usable is not None:
            return usable
        raise WriterError(
            f"{self.label} gave no valid answer in {self.repairs + 1} tries (last: {problem})"
        )

    def outline(self, topic: str, slides: int, lang: str, sources: Sequence[str] = ()) -> Outline:
        """The deck title and slide titles; WriterError naming the server and model."""

        def enough(draft: OutlineDraft) -> None:
            if len(draft.slides) < slides - 1:
                raise AnswerError(f"'slides' has {len(draft.slides)} titles; {slides - 1} needed")

        messages = outline_messages(topic, slides, lang, list(sources))
        draft = self._ask(messages, OutlineDraft, outline_schema(slides), enough)
        return Outline(
            title=draft.title.strip(),
            subtitle=draft.subtitle.strip(),
            slide_titles=[draft.title.strip(), *draft.slides[: slides - 1]],
        )

    def script(self, topic: str, outline: Outline, index: int, lang: str) -> SlideScript:
        """One slide's bullets, notes and image query."""
        draft = self._ask(script_messages(topic, outline, index, lang), ScriptDraft)
        if index == 0:
            return SlideScript(index=0, kind="title", title=outline.title, notes=draft.full_notes)
        by_bullet = draft.notes_by_bullet()
        return SlideScript(
            index=index,
            title=outline.slide_titles[index],
            bullets=draft.bullets,
            notes=draft.full_notes,
            opening=draft.opening.strip() if by_bullet else "",
            bullet_notes=by_bullet,
            image_query=draft.image_query.strip() or f"{topic} {outline.slide_titles[index]}",
        )
