"""The pipeline's steps as plain functions: each takes typed inputs and returns a typed result."""

from pathlib import Path

from lectra.config import RunConfig
from lectra.files import write_json
from lectra.layout import layout_content_page, layout_title_page
from lectra.media import silence_mp3
from lectra.models import (
    Outline,
    OutlineResult,
    Page,
    PageAudio,
    PageLayout,
    SlideFrames,
    SlideImage,
    SlideNarration,
    SlidePlan,
)
from lectra.pagination import paginate
from lectra.providers import make_images, make_voice, make_writer
from lectra.render_frame import render_frame

WORDS_PER_SECOND = 2.6  # speaking rate used to size silence when a narration fails
CJK_CHARS_PER_SECOND = 6.0
MIN_PAGE_S = 1.5


def write_outline(cfg: RunConfig) -> OutlineResult:
    """Ask the writer for the outline and save outline.json."""
    req = cfg.request
    outline = make_writer(cfg.writer).outline(req.topic, req.slides, req.lang)
    if len(outline.slide_titles) != req.slides:
        outline = outline.model_copy(update={"slide_titles": outline.slide_titles[: req.slides]})
    write_json(cfg.path("outline.json"), outline.model_dump())
    return OutlineResult(outline=outline, provider=cfg.writer)


def write_script(cfg: RunConfig, outline: Outline, index: int) -> SlidePlan:
    """Ask the writer for one slide's script and split it into pages that fit."""
    script = make_writer(cfg.writer).script(cfg.request.topic, outline, index, cfg.lang)
    script = script.model_copy(update={"index": index})
    pages = paginate(script, cfg.lang, with_image=bool(script.image_query))
    return SlidePlan(script=script, pages=pages, provider=cfg.writer)


def make_image(cfg: RunConfig, plan: SlidePlan) -> SlideImage:
    """Fetch or make the slide's image; title slides and slides without a query get none."""
    if not plan.script.image_query:
        return SlideImage(index=plan.index, provider="none")
    path = cfg.path("images", f"slide_{plan.index:03d}.jpg")
    info = make_images(cfg.images).fetch(plan.script.image_query, plan.script.title, cfg.lang, path)
    return SlideImage(
        index=plan.index,
        path=path,
        source=info.source,
        url=info.url,
        width=info.width,
        height=info.height,
        provider=cfg.images,
    )


def no_image(plan: SlidePlan, reason: str) -> SlideImage:
    """The stand-in for an image that could not be had: the slide keeps its text."""
    return SlideImage(
        index=plan.index, provider="none", warnings=[f"slide {plan.index}: no image ({reason})"]
    )


def chunk_path(cfg: RunConfig, index: int, part: int) -> Path:
    """A page's narration chunk: slide_003.mp3, then slide_003_1.mp3 for a continuation."""
    suffix = "" if part == 0 else f"_{part}"
    return cfg.path("audio_chunks", f"slide_{index:03d}{suffix}.mp3")


def estimate_seconds(text: str, lang: str) -> float:
    """How long text takes to say, for silence that stands in for it."""
    if lang in {"zh", "ja"}:
        return max(MIN_PAGE_S, len(text.strip()) / CJK_CHARS_PER_SECOND)
    return max(MIN_PAGE_S, len(text.split()) / WORDS_PER_SECOND)


def narrate(cfg: RunConfig, plan: SlidePlan) -> SlideNarration:
    """Speak each page's notes into its chunk; a page with no notes gets a short silence."""
    voice = make_voice(cfg.voice, cfg.espeak_speed)
    audio: list[PageAudio] = []
    for page in plan.pages:
        path = chunk_path(cfg, plan.index, page.part)
        if page.notes.strip():
            audio.append(PageAudio(path=path, duration_s=voice.speak(page.notes, cfg.lang, path)))
        else:
            audio.append(
                PageAudio(path=path, duration_s=silence_mp3(MIN_PAGE_S, path), silent=True)
            )
    return SlideNarration(index=plan.index, pages=audio, provider=cfg.voice)


def silent_narration(cfg: RunConfig, plan: SlidePlan, reason: str) -> SlideNarration:
    """Silence of each page's estimated speaking time, for a narration that failed."""
    audio = []
    for page in plan.pages:
        path = chunk_path(cfg, plan.index, page.part)
        seconds = silence_mp3(estimate_seconds(page.notes, cfg.lang), path)
        audio.append(PageAudio(path=path, duration_s=seconds, silent=True))
    warning = f"slide {plan.index}: narration replaced by silence ({reason})"
    return SlideNarration(index=plan.index, pages=audio, provider="silence", warnings=[warning])


def _layout(
    cfg: RunConfig, outline: Outline, plan: SlidePlan, page: Page, image: SlideImage
) -> PageLayout:
    if plan.script.kind == "title":
        return layout_title_page(page, plan.index, outline.subtitle, cfg.lang)
    return layout_content_page(
        page,
        plan.index,
        plan.index + 1,
        outline.title,
        cfg.lang,
        image.path,
        (image.width, image.height),
    )


def render_frames(
    cfg: RunConfig, outline: Outline, plan: SlidePlan, image: SlideImage
) -> SlideFrames:
    """Lay out each page of the slide once and render it to a 1920x1080 PNG."""
    layouts = [_layout(cfg, outline, plan, page, image) for page in plan.pages]
    paths = []
    for layout in layouts:
        suffix = "" if layout.part == 0 else f"_{layout.part}"
        paths.append(
            render_frame(layout, cfg.path("frames", f"slide_{plan.index:03d}{suffix}.png"))
        )
    return SlideFrames(index=plan.index, layouts=layouts, paths=paths)
