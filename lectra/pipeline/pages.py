"""A slide's pages: its script split into what fits on screen, with the notes each speaks."""

from lectra.config.run import RunConfig
from lectra.models import Outline, SlidePlan
from lectra.slides.pagination import closing_page, paginate

CLOSING_FROM = 3  # slides a deck needs (title included) to end with a closing page


def closes(index: int, slides: int) -> bool:
    """Whether slide index is the last of a deck long enough to end with a closing page."""
    return index == slides - 1 and slides >= CLOSING_FROM


def lay_out(
    cfg: RunConfig, outline: Outline, plan: SlidePlan, cited: list[SlidePlan] | None = None
) -> SlidePlan:
    """The slide's script split into pages that fit, each with the notes it speaks; for the
    last slide (given every slide as cited), then the closing page with the deck's sources."""
    pages = paginate(
        plan.script,
        cfg.lang,
        with_image=bool(plan.script.image_query or plan.script.figure or plan.script.table),
        design=cfg.design,
        mode=cfg.pagination,
    )
    if cited is not None and not cfg.narrate:  # a narrated deck ends where its author ends it
        documents = [ref.title or ref.name for ref in cfg.sources]
        notes = [p.script.notes for p in cited]
        pages.append(closing_page(pages, notes, cfg.lang, documents))
    return plan.model_copy(update={"pages": pages, "warnings": []})  # the script task said them
