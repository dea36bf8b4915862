"""What the LLM writer asks for: the answer models, their JSON schemas and the prompts."""

import json
import re
from typing import Any

from pydantic import BaseModel, Field, field_validator, model_validator

from lectra.languages import get_language
from lectra.models import Outline

_BULLET_MARK = re.compile(r"^\s*(?:[-*\u2022\u25cf\u2013]|\d+[.)])\s*")


class OutlineDraft(BaseModel):
    """The outline as the model answers it."""

    # lengths are asked for in the schema and enforced later by shortening, never by refusal
    title: str = Field(min_length=1, json_schema_extra={"maxLength": 90})
    subtitle: str = Field("", json_schema_extra={"maxLength": 160})
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

    bullets: list[str] = Field(default_factory=list, json_schema_extra={"maxItems": 8})
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


def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON schema a model's answer must match."""
    return model.model_json_schema()


def outline_schema(slides: int) -> dict[str, Any]:
    """The outline's schema, asking for exactly the slide titles needed."""
    schema = schema_of(OutlineDraft)
    schema["properties"]["slides"] |= {"minItems": slides - 1, "maxItems": slides - 1}
    return schema


def _system(schema: dict[str, Any], lang: str) -> str:
    language = get_language(lang).name
    return (
        "You write clear, accurate presentations for a general audience. "
        f"Write every title, bullet and note in {language}. "
        "Answer with one JSON object and nothing else, matching this JSON schema:\n"
        + json.dumps(schema, ensure_ascii=False)
    )


def outline_messages(
    topic: str, slides: int, lang: str, sources: list[str]
) -> list[dict[str, str]]:
    """The chat that asks for a deck's outline."""
    ask = f"Plan a {slides}-slide presentation about: {topic}\nSlide 1 is the title slide. "
    if slides == 1:
        ask += "Leave 'slides' empty."
    else:
        ask += (
            f"In 'slides' give exactly {slides - 1} short titles for the slides after it, "
            "in teaching order" + (", the last one a summary." if slides >= 3 else ".")
        )
    if sources:
        ask += "\n\nUse these web search results where they help:\n" + "\n".join(
            f"- {source}" for source in sources
        )
    return [
        {"role": "system", "content": _system(outline_schema(slides), lang)},
        {"role": "user", "content": ask},
    ]


def script_messages(topic: str, outline: Outline, index: int, lang: str) -> list[dict[str, str]]:
    """The chat that asks for one slide's bullets, notes and image query."""
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
    return [
        {"role": "system", "content": _system(schema_of(ScriptDraft), lang)},
        {"role": "user", "content": f"The slides are:\n{listing}\n\n{ask}"},
    ]


def repair_message(answer: str, problem: str) -> list[dict[str, str]]:
    """The turns that show the model its answer and what was wrong with it."""
    return [
        {"role": "assistant", "content": answer[:4000]},
        {
            "role": "user",
            "content": f"That answer is not valid: {problem}. "
            "Answer again with only the corrected JSON object.",
        },
    ]
