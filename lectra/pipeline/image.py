"""A slide's image: fetched or generated, or none, never losing the slide."""

import io
from functools import partial

from PIL import Image

from lectra.config.run import RunConfig
from lectra.models import SlideImage, SlidePlan
from lectra.pipeline.fallback import offline_instead
from lectra.providers.images import make_images
from lectra.providers.options import ImageOptions
from lectra.runtime.errors import ImageError, LectraError
from lectra.runtime.files import atomic_path, read_bounded

DOCUMENT = "document"  # an image that is a source's own figure
MAX_FIGURE_BYTES = 20 * 1024 * 1024


def document_figure(cfg: RunConfig, plan: SlidePlan) -> SlideImage:
    """The source's figure the slide shows, copied from the cache's sources into images/."""
    found = cfg.cache_dir / "sources" / plan.script.figure
    try:
        data = read_bounded(found, MAX_FIGURE_BYTES, "figure", follow_links=False)
        with Image.open(io.BytesIO(data)) as picture:
            size = picture.size
    except (LectraError, OSError) as exc:
        raise ImageError(
            f"slide {plan.index}: its source's figure cannot be read ({exc})"
        ) from None
    path = cfg.path("images", f"slide_{plan.index:03d}.jpg")
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return SlideImage(
        index=plan.index,
        path=path,
        source=DOCUMENT,
        url=plan.script.figure_caption,
        bytes=len(data),
        width=size[0],
        height=size[1],
        provider=DOCUMENT,
    )


def make_image(cfg: RunConfig, plan: SlidePlan, opts: ImageOptions | None = None) -> SlideImage:
    """Fetch or make the slide's image (the title slide's shows the deck's subject); a
    content slide without a query gets none."""
    if plan.script.figure:
        return document_figure(cfg, plan)
    if plan.script.table or cfg.narrate:  # a source's table, or the narrated deck's own slide
        return SlideImage(index=plan.index, provider="none")
    title_slide = plan.script.kind == "title"
    query = plan.script.image_query or (plan.script.title if title_slide else "")
    if not query:
        return SlideImage(index=plan.index, provider="none")
    opts = opts or cfg.images
    path = cfg.path("images", f"slide_{plan.index:03d}.jpg")
    source = make_images(opts, cfg.run_id)
    info = source.fetch(query, plan.script.title, cfg.lang, path)
    return SlideImage(
        index=plan.index,
        path=path,
        source=info.source,
        url=info.url,
        page_url=info.page_url,
        bytes=info.bytes,
        width=info.width,
        height=info.height,
        provider=opts.name,
        warnings=[f"slide {plan.index}: {note}" for note in info.warnings],
    )


def fallback_image(cfg: RunConfig, plan: SlidePlan, reason: str) -> SlideImage:
    """A generated illustration for an image that could not be fetched; else no image."""
    generated = cfg.images.model_copy(update={"name": "generated"})
    offline = [] if cfg.images.name == "generated" else [("generated", generated)]
    return offline_instead(
        reason,
        [(name, partial(make_image, cfg, plan, opts)) for name, opts in offline],
        lambda _: f"slide {plan.index}: generated image used",
        lambda why: no_image(plan, why),
    )


def no_image(plan: SlidePlan, reason: str) -> SlideImage:
    """The stand-in for an image that could not be had: the slide keeps its text."""
    return SlideImage(
        index=plan.index, provider="none", warnings=[f"slide {plan.index}: no image ({reason})"]
    )
