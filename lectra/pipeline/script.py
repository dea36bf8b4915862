"""A slide's script: the writer asked for its bullets and notes, then tidied."""

from lectra.config.run import RunConfig
from lectra.documents.extractive import pieces
from lectra.models import Outline, SlidePlan, SlideScript
from lectra.pipeline.grounded import (
    EXTRACTIVE,
    deck_plan,
    documents_of,
    extractive_slide,
    slide_sources,
    title_script,
)
from lectra.pipeline.narrated import narrated_script, read_aloud, shown_slide
from lectra.providers.writers import make_writer
from lectra.providers.writers.offline import OfflineWriter
from lectra.providers.writers.tidy import tidy_script


def tidied(script: SlideScript, index: int, provider: str, lang: str) -> SlidePlan:
    """A written script tidied for the screen and the voice, not yet split into pages."""
    script, warnings = tidy_script(script.model_copy(update={"index": index}), lang)
    return SlidePlan(script=script, pages=[], provider=provider, warnings=warnings)


def write_script(cfg: RunConfig, outline: Outline, index: int) -> SlidePlan:
    """Ask the writer for one slide's script, tidied (pages.lay_out splits it into pages);
    from sources, the slide says what its sections say, and cites them."""
    if cfg.narrate:
        script, who = narrated_script(cfg, outline, index)
        if not script.notes:  # a slide with nothing to say is shown silently (warned once)
            return SlidePlan(script=script, pages=[], provider=who)
        return tidied(script, index, who, cfg.lang)
    if cfg.sources:
        return grounded_script(cfg, outline, index)
    script = make_writer(cfg.writer).script(cfg.request.topic, outline, index, cfg.lang)
    return tidied(script, index, cfg.writer.name, cfg.lang)


def grounded_script(cfg: RunConfig, outline: Outline, index: int) -> SlidePlan:
    """Slide index from its sections: a model writes it from their text (its numbers must be
    theirs), or with no model their central sentences are the bullets."""
    if cfg.writer.name == "offline":
        return tidied(extractive_slide(cfg, outline, index), index, EXTRACTIVE, cfg.lang)
    if index == 0:
        return tidied(title_script(cfg, outline), index, cfg.writer.name, cfg.lang)
    passages, cites, cut = slide_sources(cfg, index)
    written = make_writer(cfg.writer).script(
        cfg.request.topic, outline, index, cfg.lang, passages=passages
    )
    table, figure, sha = pieces(documents_of(cfg), deck_plan(cfg).slides[index - 1])
    script = written.model_copy(
        update={
            "cites": cites,
            "table": table.rows if table else [],
            "table_caption": table.caption if table else "",
            "figure": f"{sha}/{figure.file}" if figure else "",
            "figure_caption": figure.caption if figure else "",
        }
    )
    plan = tidied(script, index, cfg.writer.name, cfg.lang)
    return plan.model_copy(update={"warnings": [*plan.warnings, *cut]})


def offline_script(cfg: RunConfig, outline: Outline, index: int, reason: str) -> SlidePlan:
    """The offline writer's slide for the slide's title, for a writer that kept failing on it
    (it was the title alone, spoken in two seconds); from sources, the sources' own sentences."""
    if cfg.narrate:
        slide = shown_slide(cfg, index)
        said = read_aloud(slide, cfg.lang) or outline.slide_titles[index]
        script = SlideScript(index=index, title=outline.slide_titles[index], notes=said)
        plan = tidied(script, index, "offline", cfg.lang)
        warning = f"slide {index}: its own text read aloud ({reason})"
    elif cfg.sources:
        plan = tidied(extractive_slide(cfg, outline, index), index, EXTRACTIVE, cfg.lang)
        warning = f"slide {index}: the sources' own sentences ({reason})"
    else:
        script = OfflineWriter().script(cfg.request.topic, outline, index, cfg.lang)
        plan = tidied(script, index, "offline", cfg.lang)
        warning = f"slide {index}: the offline writer's slide for its title ({reason})"
    return plan.model_copy(update={"warnings": [*plan.warnings, warning]})
