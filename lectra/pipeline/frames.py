"""A slide's frames: each page laid out once on the deck's design and drawn to a PNG."""

from lectra.config.run import RunConfig
from lectra.models import Outline, Page, PageLayout, SlideFrames, SlideImage, SlidePlan
from lectra.pipeline.image import DOCUMENT
from lectra.pipeline.narrated_media import narrated_frames
from lectra.slides.backdrops import backdrops
from lectra.slides.layout import (
    Picture,
    layout_closing_page,
    layout_content_page,
    layout_title_page,
    outline_title_pt,
)
from lectra.slides.render_frame import render_frame
from lectra.slides.tables import shortened
from lectra.text.cleantext import site_name
from lectra.text.sources import photo_alt, source_line, with_citations


def _layout(
    cfg: RunConfig, outline: Outline, plan: SlidePlan, page: Page, image: SlideImage
) -> PageLayout:
    design = cfg.design  # its colours made readable on its backgrounds when the run was planned
    if page.kind == "closing":
        return layout_closing_page(page, plan.index, cfg.lang, design)
    picture = None
    if image.path is not None:
        size, alt = (image.width, image.height), image_alt(plan, image, cfg.lang)
        document = image.source == DOCUMENT
        picture = Picture(image.path, size, alt, image.source == "generated", whole=document)
    if plan.script.kind == "title":
        layout = layout_title_page(page, plan.index, outline.subtitle, cfg.lang, design, picture)
        return _cited(layout, plan, cfg.lang)
    script = plan.script
    shown = script.figure_caption if image.source == DOCUMENT else ""
    rows, cut = shortened(script.table) if script.table else (None, "")
    if script.table:
        shown = f"{script.table_caption} ({cut})" if cut else script.table_caption
    source = source_line(script.notes, cfg.lang, script.cites)
    source = f"{shown.rstrip('.')}. {source}" if shown and source else shown or source
    layout = layout_content_page(
        page,
        plan.index,
        plan.index + 1,
        outline.title,
        cfg.lang,
        design,
        outline_title_pt(outline, cfg.lang, design),
        None if script.table else picture,
        source=source,
        table=rows,
    )
    return _cited(layout, plan, cfg.lang)


def _cited(layout: PageLayout, plan: SlidePlan, lang: str) -> PageLayout:
    """The layout with the slide's citations closing its speaker notes."""
    notes = with_citations(layout.notes, plan.script.cites, lang)
    return layout.model_copy(update={"notes": notes})


def image_alt(plan: SlidePlan, image: SlideImage, lang: str) -> str:
    """The picture's alt text in the deck's language: the slide it illustrates and the site
    it comes from (the search words may be English); none for drawn art, marked decorative."""
    if image.source == "generated":
        return ""
    if image.source == DOCUMENT:
        return plan.script.figure_caption or plan.script.title
    return photo_alt(plan.script.title, site_name(image.page_url or image.url), lang)


def render_frames(
    cfg: RunConfig, outline: Outline, plan: SlidePlan, image: SlideImage
) -> SlideFrames:
    """Lay out each page of the slide once and render it on the design's background; a
    narrated deck's slide is its own page."""
    if cfg.narrate:
        return narrated_frames(cfg, plan)
    art = backdrops(cfg.design, cfg.cache_dir)  # drawn when the run was planned
    layouts = [_layout(cfg, outline, plan, page, image) for page in plan.pages]
    paths = []
    for layout in layouts:
        suffix = "" if layout.part == 0 else f"_{layout.part}"
        path = cfg.path("frames", f"slide_{plan.index:03d}{suffix}.png")
        paths.append(render_frame(layout, path, art[layout.style] if art else None))
    return SlideFrames(index=plan.index, layouts=layouts, paths=paths)
