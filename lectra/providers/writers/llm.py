"""The LLM writer: asks a chat model for the outline and scripts, repairing bad answers."""

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

import httpx
from pydantic import BaseModel

from lectra.models import Outline, SlideScript
from lectra.providers.http import as_provider_error, bounded
from lectra.providers.options import WriterOptions
from lectra.providers.writers.answer_checks import check_content
from lectra.providers.writers.llm_json import AnswerError, extract_object, parse_answer
from lectra.providers.writers.prompts import (
    OutlineDraft,
    ScriptDraft,
    outline_example,
    outline_messages,
    outline_schema,
    repair_message,
    script_example,
    script_messages,
    script_schema,
    token_cap,
)
from lectra.runtime.errors import UnusableAnswerError, WriterError
from lectra.runtime.secrets import scrub
from lectra.text.language_check import language_warning
from lectra.text.numbers import foreign_numbers
from lectra.text.tokens import FAITHFUL_SHARE, foreign_words, word_share

M = TypeVar("M", bound=BaseModel)
REPAIR_WARMER = 0.25  # each repair samples this much hotter: the same prompt gave the same answer
MAX_TEMPERATURE = 1.2


class Chat(Protocol):
    """One round trip to a chat model: the messages in, the answer's text out."""

    def __call__(
        self,
        messages: list[dict[str, str]],
        schema: dict[str, Any],
        temperature: float,
        max_tokens: int,
    ) -> str:
        """Send messages, asking for JSON matching schema in at most max_tokens; WriterError
        on failure."""
        ...


class HttpChat:
    """A chat model behind HTTP: JSON posts whose failures become WriterErrors naming it."""

    def __init__(self, opts: WriterOptions) -> None:
        self.opts = opts
        self.label = opts.label

    def refuse(self, response: httpx.Response) -> None:
        """Raise a clear, not transient WriterError for answers no retry will change."""

    def send(
        self, path: str, payload: dict[str, Any], headers: dict[str, str] | None = None
    ) -> httpx.Response:
        """POST payload to path under the server's URL, whatever its status; WriterError when
        no answer came."""
        url = self.opts.url.rstrip("/") + path
        try:
            return bounded("POST", url, self.opts.timeout_s, json=payload, headers=headers)
        except httpx.TimeoutException:
            # not retried: the server may still be writing the abandoned answer, and a retry
            # would wait behind it in its queue; the slide falls back instead
            raise WriterError(
                f"{self.label}: no answer within {self.opts.timeout_s:g} s (not asked again: "
                "the server may still be busy with it)"
            ) from None
        except httpx.HTTPError as exc:
            raise as_provider_error(exc, self.label, WriterError, self.opts.timeout_s) from None

    def checked(self, response: httpx.Response) -> httpx.Response:
        """response when it succeeded; WriterError (transient for 429 and 5xx) when not."""
        self.refuse(response)
        try:
            response.raise_for_status()
        except httpx.HTTPStatusError as exc:
            raise as_provider_error(exc, self.label, WriterError, self.opts.timeout_s) from None
        return response

    def post(
        self, path: str, payload: dict[str, Any], headers: dict[str, str] | None = None
    ) -> httpx.Response:
        """POST payload to path under the server's URL; WriterError on failure."""
        return self.checked(self.send(path, payload, headers))


SMOKE_TIMEOUT_S = 20.0  # a cold local model loads in seconds; a queue of deck requests does not
SMOKE_SCHEMA = {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]}
SMOKE_ASK = 'Answer with this JSON object and nothing else: {"ok": true}'


def smoke_test(make: Callable[[WriterOptions], Chat], opts: WriterOptions) -> str | None:
    """None when the model writes a tiny structured answer within SMOKE_TIMEOUT_S, else why
    not: what 'auto' asks before it chooses a model server."""
    chat = make(opts.model_copy(update={"timeout_s": SMOKE_TIMEOUT_S}))
    try:
        answer = chat([{"role": "user", "content": SMOKE_ASK}], SMOKE_SCHEMA, 0.0, 16)
        extract_object(answer)
    except (WriterError, AnswerError) as exc:
        return f"{opts.label} failed a one-line structured test ({exc})"
    return None


class ChatWriter:
    """A Writer backed by any chat model; answers are parsed leniently and validated strictly."""

    def __init__(
        self, name: str, label: str, chat: Chat, repairs: int = 2, temperature: float = 0.4
    ) -> None:
        self.name, self.label, self.chat, self.repairs = name, label, chat, repairs
        self.temperature = temperature

    def _ask(
        self,
        messages: list[dict[str, str]],
        model: type[M],
        schema: dict[str, Any],
        lang: str,
        check: Callable[[M], None] = lambda _: None,
        take_last: bool = False,
    ) -> M:
        """Ask, and on an invalid answer ask again with the problem, up to repairs times, each
        time a little warmer.

        An answer that is valid but fails check is asked again too; with take_last, when no
        later answer passes, the last such answer is taken rather than none.
        """
        problem = ""
        usable: M | None = None
        for attempt in range(self.repairs + 1):
            warmth = min(MAX_TEMPERATURE, self.temperature + REPAIR_WARMER * attempt)
            answer = scrub(self.chat(messages, schema, warmth, token_cap(schema)))
            try:
                parsed = parse_answer(answer, model)
                check(parsed)
                return parsed
            except AnswerError as exc:
                problem = str(exc)
                if exc.usable:
                    usable = parsed
                messages = messages + repair_message(answer, problem, schema, lang)
        if usable is not None and take_last:
            return usable
        raise UnusableAnswerError(
            f"{self.label} gave no valid answer in {self.repairs + 1} tries (last: {problem})"
        )

    def outline(self, topic: str, slides: int, lang: str, sources: Sequence[str] = ()) -> Outline:
        """The deck title and slide titles (fewer than asked when the model never gave them
        all: the run tops them up); WriterError naming the server and model."""

        example = outline_example(topic, slides, lang)

        def enough(draft: OutlineDraft) -> None:
            check_content(draft.model_dump(), example)
            if len(draft.slides) < slides - 1:
                raise AnswerError(
                    f"'slides' has {len(draft.slides)} titles; {slides - 1} needed", usable=True
                )

        messages = outline_messages(topic, slides, lang, list(sources), example)
        schema = outline_schema(slides)
        draft = self._ask(messages, OutlineDraft, schema, lang, enough, take_last=True)
        return Outline(
            title=draft.title.strip(),
            subtitle=draft.subtitle.strip(),
            slide_titles=[draft.title.strip(), *draft.slides[: slides - 1]],
        )

    def script(
        self, topic: str, outline: Outline, index: int, lang: str, passages: str = ""
    ) -> SlideScript:
        """One slide's bullets, notes and image query, in the deck's language (a slide written
        in another is asked again, then fails like any bad answer); from passages, with no
        number they do not state."""

        example = script_example(topic, outline, index, lang)

        def in_language(draft: ScriptDraft) -> None:
            check_content(draft.model_dump(), example, skip=["image_query"])
            said = language_warning("\n".join([*draft.bullets, draft.full_notes]), lang, "it")
            if said:
                raise AnswerError(said.removeprefix("it: ").split(" (--lang")[0])
            foreign = foreign_numbers("\n".join([*draft.bullets, draft.full_notes]), passages)
            if passages and foreign:
                raise AnswerError(
                    f"{', '.join(foreign[:3])} is not in the source text; use only its numbers"
                )
            if passages and word_share(draft.bullets, passages) < FAITHFUL_SHARE:
                strange = ", ".join(foreign_words(draft.bullets, passages)[:5])
                raise AnswerError(
                    f"the bullets say {strange}, which the source text does not; write them "
                    "in the source text's own words"
                )

        messages = script_messages(topic, outline, index, lang, example, passages)
        draft = self._ask(messages, ScriptDraft, script_schema(index), lang, in_language)
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
