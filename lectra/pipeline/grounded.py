"""A deck made from documents: their parsed form from the cache, which sections each slide
draws on, and slides written from them with a model or with none."""

from functools import lru_cache
from pathlib import Path

from lectra.config.run import RunConfig
from lectra.documents.deckplan import DeckPlan, plan_deck
from lectra.documents.extractive import citations, extractive_script, passages_of
from lectra.documents.model import Document, Sources
from lectra.documents.read import FOLDER, cached
from lectra.models import Outline, SlideScript
from lectra.runtime.errors import InputError
from lectra.runtime.files import write_json

EXTRACTIVE = "extractive"  # the provider of slides in the documents' own sentences
WELCOME = {
    "en": "Welcome. This presentation walks through {topic}, section by section.",
    "de": "Willkommen. Diese Präsentation geht {topic} Abschnitt für Abschnitt durch.",
    "fr": "Bienvenue. Cette présentation parcourt {topic}, section par section.",
    "es": "Bienvenidos. Esta presentación recorre {topic}, sección por sección.",
    "hi": "स्वागत है। यह प्रस्तुति {topic} को खंड दर खंड प्रस्तुत करती है।",
    "zh": "欢迎。本演示将逐节介绍{topic}。",
    "ja": "ようこそ。このプレゼンテーションでは、{topic}を章ごとに紹介します。",
    "ko": "환영합니다. 이 발표는 {topic}의 내용을 절별로 소개합니다.",
}
MAX_PASSAGE_CHARS = 6000  # of a slide's sources in a model's prompt; the rest is reported


@lru_cache(maxsize=16)
def _document(cache_dir: Path, sha: str) -> Document:
    found = cached(cache_dir / FOLDER / sha)
    if found is None:
        raise InputError(f"source {sha[:12]}: its parsed form is gone from the cache; run again")
    return found


def documents_of(cfg: RunConfig) -> list[Document]:
    """The run's documents, as parsed when the run was planned."""
    return [
        _document(cfg.cache_dir, ref.sha256).model_copy(update={"name": ref.name})
        for ref in cfg.sources
    ]


def deck_plan(cfg: RunConfig) -> DeckPlan:
    """Which sections each content slide draws on (planned once per documents and size: each
    slide's script, its pieces and the report ask)."""
    shas = tuple(ref.sha256 for ref in cfg.sources)
    return _plan(cfg.cache_dir, shas, max(1, cfg.request.slides - 1))


@lru_cache(maxsize=16)
def _plan(cache_dir: Path, shas: tuple[str, ...], content_slides: int) -> DeckPlan:
    return plan_deck([_document(cache_dir, sha) for sha in shas], content_slides)


def source_outline(cfg: RunConfig) -> tuple[Outline, list[str]]:
    """The deck's titles: the documents' headings; and what to warn of (sections left out,
    fewer slides than asked). source.json is written beside the outline."""
    documents = documents_of(cfg)
    plan = deck_plan(cfg)
    topic = cfg.request.topic
    subtitle = "; ".join(d.title for d in documents if d.title and d.title != topic)
    titles = [topic, *(s.title for s in plan.slides)]
    write_json(cfg.path("source.json"), Sources(documents=documents).model_dump(mode="json"))
    notes = [f"sources: {note}" for note in plan.notes]
    notes += [f"source {d.name}: {w}" for d in documents for w in d.warnings]
    return Outline(title=topic, subtitle=subtitle, slide_titles=titles), notes


def title_script(cfg: RunConfig, outline: Outline) -> SlideScript:
    """The title slide: what the talk is, citing every source."""
    notes = WELCOME.get(cfg.lang, WELCOME["en"]).replace("{topic}", cfg.request.topic)
    cites = [d.title or Path(d.name).name for d in documents_of(cfg)]
    return SlideScript(index=0, kind="title", title=outline.title, notes=notes, cites=cites)


def extractive_slide(cfg: RunConfig, outline: Outline, index: int) -> SlideScript:
    """Slide index in the documents' own sentences, under the outline's title for it."""
    if index == 0:
        return title_script(cfg, outline)
    plan = deck_plan(cfg)
    if index > len(plan.slides):
        raise InputError(f"slide {index}: the sources have no section for it")
    script = extractive_script(documents_of(cfg), plan, index, cfg.lang)
    return script.model_copy(update={"title": outline.slide_titles[index]})


def slide_sources(cfg: RunConfig, index: int) -> tuple[str, list[str], list[str]]:
    """What slide index draws on, as a model's prompt quotes it (page by page, cut at
    MAX_PASSAGE_CHARS), where it is cited, and what was cut."""
    documents, plan = documents_of(cfg), deck_plan(cfg)
    if index == 0 or index > len(plan.slides):
        return "", [], []
    slide = plan.slides[index - 1]
    text, cut = "", []
    for passage in passages_of(documents, slide):
        line = f"[p. {passage.page}] {passage.text}" if passage.page else passage.text
        if len(text) + len(line) > MAX_PASSAGE_CHARS:
            cut.append(
                f"slide {index}: {len(passage.text)} characters of its sources were not "
                "shown to the model"
            )
            continue
        text += line + "\n"
    return text.strip(), citations(documents, slide, cfg.lang), cut
