"""The outline: the writer asked for the deck's titles, topped up and tidied."""

from lectra.config.run import RunConfig
from lectra.models import DeckRequest, Outline, OutlineResult
from lectra.pipeline.grounded import source_outline
from lectra.pipeline.narrated import narrated_outline
from lectra.providers.writers import make_writer
from lectra.providers.writers.grounding import web_sources
from lectra.providers.writers.offline import OfflineWriter
from lectra.providers.writers.tidy import tidy_outline
from lectra.runtime.errors import ProviderError, UnusableAnswerError, WriterError
from lectra.runtime.files import write_json

GIVEN = "script"  # the provider of what a given script says
SOURCES = "sources"  # the provider of an outline that is the documents' headings


def grounding_sources(cfg: RunConfig) -> tuple[list[str], list[str]]:
    """Web results for the outline prompt when grounding is on, and warnings when skipped."""
    if not cfg.writer.grounding:
        return [], []
    if cfg.writer.name == "offline":
        return [], ["grounding skipped: the offline writer cannot use web results"]
    try:
        found = web_sources(cfg.request.topic, cfg.writer.grounding_results, timeout_s=10.0)
    except ProviderError as exc:
        return [], [f"grounding skipped: {exc}"]
    return found, []


def given_outline(cfg: RunConfig, outline: Outline) -> OutlineResult:
    """The outline of a given script, tidied as a writer's would be, and outline.json."""
    outline, warnings = tidy_outline(outline, len(outline.slide_titles), cfg.lang)
    path = write_json(cfg.path("outline.json"), outline.model_dump())
    return OutlineResult(outline=outline, provider=GIVEN, warnings=warnings, path=path)


def write_outline(cfg: RunConfig) -> OutlineResult:
    """Ask the writer for the outline and save outline.json. A model that answers but never
    usably gets the offline writer's outline, warned; WriterError says who failed when the
    writer cannot be had at all."""
    req = cfg.request
    if cfg.narrate:  # the deck's own slides
        outline, warnings = narrated_outline(cfg)
        path = write_json(cfg.path("outline.json"), outline.model_dump())
        return OutlineResult(outline=outline, provider="deck", warnings=warnings, path=path)
    if cfg.sources:  # the documents' structure is the deck's
        outline, warnings = source_outline(cfg)
        outline, tidied = tidy_outline(outline, len(outline.slide_titles), req.lang)
        path = write_json(cfg.path("outline.json"), outline.model_dump())
        return OutlineResult(
            outline=outline,
            provider=SOURCES,
            warnings=warnings + tidied,
            path=path,
            source_path=cfg.path("source.json"),
        )
    sources, warnings = grounding_sources(cfg)
    try:
        outline = make_writer(cfg.writer).outline(req.topic, req.slides, req.lang, sources)
    except UnusableAnswerError as exc:
        outline = OfflineWriter().outline(req.topic, req.slides, req.lang)
        warnings.append(f"outline: the offline writer's ({exc})")
    except WriterError as exc:
        raise WriterError(f"no outline: {exc}", transient=exc.transient) from None
    outline, short = topped_up(outline, req)
    outline, tidied = tidy_outline(outline, req.slides, req.lang)
    warnings += short + tidied
    path = write_json(cfg.path("outline.json"), outline.model_dump())
    return OutlineResult(outline=outline, provider=cfg.writer.name, warnings=warnings, path=path)


def topped_up(outline: Outline, request: DeckRequest) -> tuple[Outline, list[str]]:
    """The outline with as many slides as asked: titles a writer did not give are the
    offline writer's for the topic, with a warning (a short deck was shipped as success)."""
    have, asked = len(outline.slide_titles), request.slides
    if have >= asked:
        return outline, []
    spare = OfflineWriter().outline(request.topic, asked, request.lang).slide_titles
    taken = {t.casefold() for t in outline.slide_titles}
    extra = [t for t in spare[1:] if t.casefold() not in taken][: asked - have]
    warning = (
        f"outline: the writer gave {have - 1} slide titles for {asked - 1} asked; "
        f"{len(extra)} more are the offline writer's"
    )
    titles = [*outline.slide_titles, *extra] or [request.topic]
    return outline.model_copy(update={"slide_titles": titles}), [warning]
