"""What the LLM writer asks for: the answer models, their JSON schemas and the prompts."""

import json
import re
from typing import Any

from pydantic import BaseModel, Field, field_validator

from lectra.languages import get_language
from lectra.models import Outline

PROMPT_VERSION = "1"  # part of the outline's cache key: change it when a prompt changes
_BULLET_MARK = re.compile(r"^\s*(?:[-*\u2022\u25cf\u2013]|\d+[.)])\s*")


class OutlineDraft(BaseModel):
    """The outline as the model answers it."""

    title: str = Field(min_length=1, max_length=200)
    subtitle: str = Field("", max_length=300)
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
    """One slide's script as the model answers it."""

    bullets: list[str] = Field(default_factory=list, max_length=8)
    notes: str = Field(min_length=1, description="What the narrator says, in full sentences")
    image_query: str = Field("", max_length=120, description="A short image search query")

    @field_validator("bullets")
    @classmethod
    def _clean_bullets(cls, value: list[str]) -> list[str]:
        return [b for b in (_BULLET_MARK.sub("", item).strip() for item in value) if b]


def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON schema a model's answer must match."""
    return model.model_json_schema()


def _system(model: type[BaseModel], lang: str) -> str:
    language = get_language(lang).name
    return (
        "You write clear, accurate presentations for a general audience. "
        f"Write every title, bullet and note in {language}. "
        "Answer with one JSON object and nothing else, matching this JSON schema:\n"
        + json.dumps(schema_of(model), ensure_ascii=False)
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
        {"role": "system", "content": _system(OutlineDraft, lang)},
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
            "words each), notes of 60 to 120 words that a narrator reads aloud in full sentences, "
            "and an image_query of two to five English words for a photo that fits the slide."
        )
    return [
        {"role": "system", "content": _system(ScriptDraft, lang)},
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
