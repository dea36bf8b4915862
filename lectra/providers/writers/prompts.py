"""What the LLM writer asks for: the answer models, their JSON schemas and the prompts."""

import json
import re
from typing import Any

from pydantic import BaseModel, Field, field_validator, model_validator

from lectra.models import Outline
from lectra.providers.writers.offline import OfflineWriter
from lectra.text.languages import get_language
from lectra.text.sentences import split_sentences

# a list mark: '- ', '* ' (not the '**' of a bold lead-in), '\u2022', or a number like '3.'
# or 'Slide 3:' (not the figure that starts '1.5 GW of storage')
_BULLET_MARK = re.compile(
    r"^\s*(?:[-*\u2013](?!\*)\s+|[\u2022\u25cf]\s*|(?:slide\s*)?\d{1,2}\s*[.):\u2013-](?!\d)\s*)",
    re.IGNORECASE,
)
OUTLINE_TOKENS, OUTLINE_TOKENS_PER_SLIDE = 160, 40  # an answer's cap: a runaway stops there
SCRIPT_TOKENS = 1200  # five bullets and their narration take about 500


class OutlineDraft(BaseModel):
    """The outline as the model answers it."""

    # lengths are asked for in outline_schema and enforced later by shortening, never refusal
    title: str = Field(min_length=1)
    subtitle: str = ""
    slides: list[str] = Field(
        default_factory=list, description="Titles of the slides after the title slide"
    )

    @field_validator("slides")
    @classmethod
    def _no_blank_titles(cls, value: list[str]) -> list[str]:
        titles = [_BULLET_MARK.sub("", t).strip() for t in value]
        if not all(titles):
            raise ValueError("a slide title is empty")
        return titles


class ScriptDraft(BaseModel):
    """One slide's script as the model answers it: narration by bullet, or plain notes."""

    bullets: list[str] = Field(default_factory=list)
    opening: str = Field("", description="One or two sentences that open the slide")
    narration: list[str] = Field(
        default_factory=list,
        description="What the narrator says about each bullet, one paragraph per bullet, in order",
    )
    notes: str = Field("", description="Used only when narration is not given")
    image_query: str = Field("", description="A short image search query, in English")

    @field_validator("bullets")
    @classmethod
    def _clean_bullets(cls, value: list[str]) -> list[str]:
        return [b for b in (_BULLET_MARK.sub("", item).strip() for item in value) if b]

    @model_validator(mode="after")
    def _something_to_say(self) -> "ScriptDraft":
        if not self.notes.strip() and not any(p.strip() for p in self.narration):
            raise ValueError("give the narration (or notes): the narrator has nothing to say")
        return self

    @property
    def full_notes(self) -> str:
        """Everything the narrator says, in order."""
        parts = [self.opening, *self.narration] if self.narration else [self.notes]
        return " ".join(p.strip() for p in parts if p.strip())

    def notes_by_bullet(self) -> list[str]:
        """The narration of each bullet, or [] when it does not match the bullets one to one."""
        paragraphs = [p.strip() for p in self.narration]
        return paragraphs if len(paragraphs) == len(self.bullets) and all(paragraphs) else []


_TEXT = {"type": "string", "minLength": 1}


def outline_schema(slides: int) -> dict[str, Any]:
    """The outline's schema: what the validator requires, required, and exactly the slide
    titles needed, none empty (a grammar-constrained model may answer only what it allows)."""
    count = max(0, slides - 1)
    return {
        "type": "object",
        "properties": {
            "title": {**_TEXT, "maxLength": 90},
            "subtitle": {"type": "string", "maxLength": 160},
            "slides": {
                "type": "array",
                "items": {**_TEXT, "maxLength": 90},
                "minItems": count,
                "maxItems": count,
            },
        },
        "required": ["title", "subtitle", "slides"],
    }


def script_schema(index: int) -> dict[str, Any]:
    """One slide's schema: the title slide's welcome notes, or a content slide's bullets, an
    opening, one narration paragraph per bullet and an image query, all required."""
    if index == 0:
        return {
            "type": "object",
            "properties": {"notes": {"type": "string", "minLength": 20}},
            "required": ["notes"],
        }
    return {
        "type": "object",
        "properties": {
            "bullets": {"type": "array", "items": _TEXT, "minItems": 2, "maxItems": 6},
            "opening": _TEXT,
            "narration": {"type": "array", "items": _TEXT, "minItems": 2, "maxItems": 6},
            "image_query": _TEXT,
        },
        "required": ["bullets", "opening", "narration", "image_query"],
    }


def token_cap(schema: dict[str, Any]) -> int:
    """The most tokens an answer to schema may take (max_tokens, num_predict)."""
    slides = schema["properties"].get("slides")
    if slides is not None:
        return OUTLINE_TOKENS + OUTLINE_TOKENS_PER_SLIDE * int(slides["maxItems"])
    return SCRIPT_TOKENS


def _keys(schema: dict[str, Any]) -> str:
    """The required keys in one line, as a small model can take them in."""
    parts = []
    for key in schema.get("required", []):
        kind = schema["properties"][key].get("type")
        low = schema["properties"][key].get("minItems")
        parts.append(
            f'"{key}" (a list{f" of at least {low}" if low else ""})'
            if kind == "array"
            else f'"{key}" (text)'
        )
    return ", ".join(parts)


def _system(schema: dict[str, Any], lang: str) -> str:
    language = get_language(lang).name
    return (
        "You write clear, accurate presentations for a general audience. "
        f"Write every title, bullet and note in {language}. "
        "Answer with one JSON object and nothing else, matching this JSON schema:\n"
        + json.dumps(schema, ensure_ascii=False)
    )


def outline_example(topic: str, slides: int, lang: str) -> dict[str, Any]:
    """An example outline in the deck's language: the offline writer's for the topic (a model
    that copies it gives what the fallback would; the copy is refused as an answer)."""
    offline = OfflineWriter().outline(topic, slides, lang)
    return {"title": topic, "subtitle": offline.subtitle, "slides": offline.slide_titles[1:]}


def script_example(topic: str, outline: Outline, index: int, lang: str) -> dict[str, Any]:
    """An example slide in the deck's language: the offline writer's slide for this title,
    its notes shared out as one narration paragraph per bullet."""
    offline = OfflineWriter().script(topic, outline, index, lang)
    if index == 0:
        return {"notes": offline.notes}
    sentences = split_sentences(offline.notes)
    rest = sentences[1:] or sentences
    bullets = offline.bullets[:3]
    share = max(1, len(rest) // len(bullets))
    narration = [
        " ".join(rest[n * share : (n + 1) * share if n < len(bullets) - 1 else None])
        for n in range(len(bullets))
    ]
    return {
        "bullets": bullets,
        "opening": sentences[0] if sentences else offline.notes,
        "narration": [p or offline.notes for p in narration],
        "image_query": offline.image_query,
    }


def _answer_rule(schema: dict[str, Any], lang: str, example: dict[str, Any]) -> str:
    """The last lines of a user turn: the language, the keys and a short example (some chat
    templates drop the system turn, and small models follow an example best)."""
    return (
        f"\n\nWrite in {get_language(lang).name}. Answer with only a JSON object with the keys "
        f"{_keys(schema)}, like this example:\n{json.dumps(example, ensure_ascii=False)}"
    )


def outline_messages(
    topic: str, slides: int, lang: str, sources: list[str], example: dict[str, Any]
) -> list[dict[str, str]]:
    """The chat that asks for a deck's outline."""
    ask = f"Plan a {slides}-slide presentation about: {topic}\nSlide 1 is the title slide. "
    if slides == 1:
        ask += "Leave 'slides' empty."
    else:
        ask += (
            f"In 'slides' give exactly {slides - 1} short titles (at most 60 characters) "
            "for the slides after it, "
            "in teaching order" + (", the last one a summary." if slides >= 3 else ".")
        )
    if sources:
        ask += "\n\nUse these web search results where they help:\n" + "\n".join(
            f"- {source}" for source in sources
        )
    schema = outline_schema(slides)
    return [
        {"role": "system", "content": _system(schema, lang)},
        {"role": "user", "content": ask + _answer_rule(schema, lang, example)},
    ]


def script_messages(
    topic: str, outline: Outline, index: int, lang: str, example: dict[str, Any], passages: str = ""
) -> list[dict[str, str]]:
    """The chat that asks for one slide's bullets, notes and image query; from passages of a
    document, quoted for the model to write from and nothing else."""
    listing = "\n".join(f"{n + 1}. {title}" for n, title in enumerate(outline.slide_titles))
    if index == 0:
        ask = (
            f"This is the title slide of the presentation '{outline.title}' about {topic}. "
            "Give no bullets, and notes of two or three sentences welcoming the audience and "
            "saying what the talk covers."
        )
    else:
        ask = (
            f"Write slide {index + 1}, '{outline.slide_titles[index]}', of the presentation "
            f"'{outline.title}' about {topic}. Give three to five short bullets (under twelve "
            "words each); an opening of one sentence; a narration with one paragraph of two or "
            "three full sentences for each bullet, in the same order, that a narrator reads "
            "aloud; and an image_query of two to five English words for a photo that fits."
        )
    if passages and index:
        ask += (
            " Write it only from this text of the source document; every fact and every number "
            "must be in it, and say nothing it does not say:\n<source>\n"
            f"{passages}\n</source>"
        )
    schema = script_schema(index)
    return [
        {"role": "system", "content": _system(schema, lang)},
        {
            "role": "user",
            "content": f"The slides are:\n{listing}\n\n{ask}" + _answer_rule(schema, lang, example),
        },
    ]


def repair_message(
    answer: str, problem: str, schema: dict[str, Any], lang: str
) -> list[dict[str, str]]:
    """The turns that show the model its answer, what was wrong with it, and the keys it
    needs in one line (a small model drowns in the whole schema quoted again)."""
    return [
        {"role": "assistant", "content": answer[:1500]},
        {
            "role": "user",
            "content": f"That answer is not valid: {problem}. Answer again in "
            f"{get_language(lang).name} with only a JSON object with the keys {_keys(schema)}.",
        },
    ]
