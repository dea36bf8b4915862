"""The pipeline's steps as plain functions: each takes typed inputs and returns a typed result."""

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TypeVar

from lectra.cleantext import site_name, speakable
from lectra.config import RunConfig
from lectra.errors import LectraError, ProviderError, UnusableAnswerError, WriterError
from lectra.files import write_json
from lectra.layout import deck_title_pt, layout_content_page, layout_title_page
from lectra.media import MP3_DELAY_S, encode_narration, silence_mp3
from lectra.models import (
    DeckRequest,
    Outline,
    OutlineResult,
    Page,
    PageAudio,
    PageLayout,
    SlideFrames,
    SlideImage,
    SlideNarration,
    SlidePlan,
    SlideScript,
    SlideSegments,
    StepResult,
    WordMark,
)
from lectra.notes_split import MIN_PAGE_S, spoken_seconds
from lectra.pagination import paginate
from lectra.providers import make_images, make_voice, make_writer
from lectra.providers.base import Slot, free_slot
from lectra.providers.grounding import web_sources
from lectra.providers.offline_writer import OfflineWriter
from lectra.providers.options import ImageOptions, VoiceOptions
from lectra.providers.piper_voice import speaks
from lectra.render_frame import render_frame
from lectra.script_tidy import tidy_outline, tidy_script
from lectra.subtitles import page_cues
from lectra.video import encode_still, write_poster

S = TypeVar("S", bound=StepResult)
M = TypeVar("M", bound=WordMark)
ENGINE_NAMES = {"espeak": "espeak-ng", "piper": "Piper"}


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


def write_outline(cfg: RunConfig) -> OutlineResult:
    """Ask the writer for the outline and save outline.json. A model that answers but never
    usably gets the offline writer's outline, warned; WriterError says who failed when the
    writer cannot be had at all."""
    req = cfg.request
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


def title_size(cfg: RunConfig, outline: Outline) -> int:
    """The deck's one title size, from every content slide's title."""
    return deck_title_pt(tuple(outline.slide_titles[1:]), cfg.lang)


def _plan(
    cfg: RunConfig, outline: Outline, script: SlideScript, index: int, provider: str
) -> SlidePlan:
    script, warnings = tidy_script(script.model_copy(update={"index": index}), cfg.lang)
    pages = paginate(
        script,
        cfg.lang,
        with_image=bool(script.image_query),
        title_pt=title_size(cfg, outline),
        mode=cfg.pagination,
    )
    return SlidePlan(script=script, pages=pages, provider=provider, warnings=warnings)


def write_script(cfg: RunConfig, outline: Outline, index: int) -> SlidePlan:
    """Ask the writer for one slide's script and split it into pages that fit."""
    script = make_writer(cfg.writer).script(cfg.request.topic, outline, index, cfg.lang)
    return _plan(cfg, outline, script, index, cfg.writer.name)


def offline_script(cfg: RunConfig, outline: Outline, index: int, reason: str) -> SlidePlan:
    """The offline writer's slide for the slide's title, for a writer that kept failing on it
    (it was the title alone, spoken in two seconds)."""
    script = OfflineWriter().script(cfg.request.topic, outline, index, cfg.lang)
    plan = _plan(cfg, outline, script, index, "offline")
    warning = f"slide {index}: the offline writer's slide for its title ({reason})"
    return plan.model_copy(update={"warnings": [*plan.warnings, warning]})


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


def make_image(cfg: RunConfig, plan: SlidePlan, opts: ImageOptions | None = None) -> SlideImage:
    """Fetch or make the slide's image; title slides and slides without a query get none."""
    if not plan.script.image_query:
        return SlideImage(index=plan.index, provider="none")
    opts = opts or cfg.images
    path = cfg.path("images", f"slide_{plan.index:03d}.jpg")
    source = make_images(opts, cfg.run_id)
    info = source.fetch(plan.script.image_query, plan.script.title, cfg.lang, path)
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


def _offline_instead(
    reason: str,
    offline: list[tuple[str, Callable[[], S]]],
    note: Callable[[str], str],
    last: Callable[[str], S],
) -> S:
    """The first offline provider (name, make) that works, warned about as note(name);
    last(reason) if every one fails too, each failure added to the reason."""
    for name, make in offline:
        try:
            made = make()
        except LectraError as exc:
            reason = f"{reason}; {name}: {exc}"
            continue
        return made.model_copy(update={"warnings": [f"{note(name)} ({reason})"]})
    return last(reason)


def fallback_image(cfg: RunConfig, plan: SlidePlan, reason: str) -> SlideImage:
    """A generated illustration for an image that could not be fetched; else no image."""
    generated = cfg.images.model_copy(update={"name": "generated"})
    offline = [] if cfg.images.name == "generated" else [("generated", generated)]
    return _offline_instead(
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


def chunk_path(cfg: RunConfig, index: int, part: int) -> Path:
    """A page's narration chunk: slide_003.mp3, then slide_003_1.mp3 for a continuation."""
    suffix = "" if part == 0 else f"_{part}"
    return cfg.path("audio_chunks", f"slide_{index:03d}{suffix}.mp3")


def _heard(marks: list[M]) -> list[M]:
    """Marks timed in the spoken audio, moved to when they are heard in the encoded chunk."""
    return [
        m.model_copy(
            update={
                "start_s": round(m.start_s + MP3_DELAY_S, 3),
                "end_s": round(m.end_s + MP3_DELAY_S, 3),
            }
        )
        for m in marks
    ]


def _timings_file(
    path: Path, kind: str, pages: list[tuple[PageAudio, Sequence[WordMark]]]
) -> Path | None:
    """Each page's chunk and its marks (kind: words or sentences) at path; None without marks."""
    if not any(marks for _, marks in pages):
        return None
    return write_json(
        path,
        [
            {"part": n, "chunk": page.path.name, kind: [m.model_dump() for m in marks]}
            for n, (page, marks) in enumerate(pages)
        ],
    )


def _pause(opts: VoiceOptions, plan: SlidePlan, page: Page) -> float:
    """The silence closing a page's chunk: the slide pause on the slide's last page."""
    return opts.slide_pause_s if page is plan.pages[-1] else 0.0


def narrate(
    cfg: RunConfig, plan: SlidePlan, opts: VoiceOptions | None = None, slot: Slot = free_slot
) -> SlideNarration:
    """Speak each page's notes into its chunk, leveled; a page with no notes gets a silence.

    The slide's last chunk ends with the slide pause. Sentence timings go to
    sentence_boundaries/slide_NNN.json, and word timings, when the voice has them, to
    word_boundaries/slide_NNN.json.
    """
    opts = opts or cfg.voice
    voice = make_voice(opts, slot)
    audio: list[PageAudio] = []
    for page in plan.pages:
        path = chunk_path(cfg, plan.index, page.part)
        pause = _pause(opts, plan, page)
        text = speakable(page.notes, cfg.lang)
        if not text:
            seconds = silence_mp3(MIN_PAGE_S + pause, path)
            audio.append(PageAudio(path=path, duration_s=seconds, silent=True, pause_s=pause))
            continue
        said = voice.speak(text, cfg.lang)
        seconds = encode_narration(said.audio, path, opts.loudness_lufs, pause)
        audio.append(
            PageAudio(
                path=path,
                duration_s=seconds,
                words=_heard(said.words),
                sentences=_heard(said.sentences),
                pause_s=pause,
            )
        )
    name = f"slide_{plan.index:03d}.json"
    return SlideNarration(
        index=plan.index,
        pages=audio,
        provider=opts.name,
        words_path=_timings_file(
            cfg.path("word_boundaries", name), "words", [(a, a.words) for a in audio]
        ),
        sentences_path=_timings_file(
            cfg.path("sentence_boundaries", name), "sentences", [(a, a.sentences) for a in audio]
        ),
    )


def local_voices(cfg: RunConfig) -> list[str]:
    """The offline engines that can stand in for the run's voice, best first."""
    engines = ["espeak"]
    if speaks(cfg.voice.piper_voice, cfg.lang):
        engines.insert(0, "piper")
    return engines[engines.index(cfg.voice.name) + 1 :] if cfg.voice.name in engines else engines


def fallback_narration(cfg: RunConfig, plan: SlidePlan, reason: str) -> SlideNarration:
    """The next offline engine for a narration the voice could not give; silence at the end."""
    engines = [(n, cfg.voice.model_copy(update={"name": n})) for n in local_voices(cfg)]
    return _offline_instead(
        reason,
        [(ENGINE_NAMES[n], partial(narrate, cfg, plan, opts)) for n, opts in engines],
        lambda name: f"slide {plan.index}: spoken by {name} instead",
        lambda why: silent_narration(cfg, plan, why),
    )


def silent_narration(cfg: RunConfig, plan: SlidePlan, reason: str) -> SlideNarration:
    """Silence of each page's estimated speaking time, for a narration that failed."""
    audio = []
    for page in plan.pages:
        path = chunk_path(cfg, plan.index, page.part)
        pause = _pause(cfg.voice, plan, page)
        spoken = spoken_seconds(speakable(page.notes, cfg.lang), cfg.lang)
        seconds = silence_mp3(spoken + pause, path)
        audio.append(PageAudio(path=path, duration_s=seconds, silent=True, pause_s=pause))
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
        title_size(cfg, outline),
        image.path,
        (image.width, image.height),
        image_alt(plan, image),
    )


def image_alt(plan: SlidePlan, image: SlideImage) -> str:
    """The picture's alt text: what it shows, and where it comes from."""
    what = plan.script.image_query or plan.script.title
    if image.source == "generated":
        return f"{what} (illustration generated by Lectra)"
    site = site_name(image.page_url or image.url)
    return f"{what} (photo from {site})" if site else what


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


def page_title(layout: PageLayout) -> str:
    """The title a page shows, on one line."""
    shown = [line for b in layout.texts if b.role == "title" for line in b.source]
    return " ".join(" ".join(shown).split())


def encode_segments(
    cfg: RunConfig, frames: SlideFrames, narration: SlideNarration
) -> SlideSegments:
    """Each page's frame as a video segment lasting its narration, ready to join by copy.

    With burn_subtitles each page's cues are drawn into its segment; slide 0 also gives the
    video's poster.
    """
    paths, durations = [], []
    for frame, audio in zip(frames.paths, narration.pages, strict=True):
        path = cfg.path("segments", frame.with_suffix(".mp4").name)
        cues = page_cues(audio, cfg.lang) if cfg.burn_subtitles else []
        durations.append(encode_still(frame, audio.duration_s, path, cues, cfg.lang))
        paths.append(path)
    poster = write_poster(frames.paths[0], cfg.path("poster.jpg")) if frames.index == 0 else None
    return SlideSegments(
        index=frames.index,
        paths=paths,
        durations=durations,
        titles=[page_title(layout) for layout in frames.layouts],
        poster=poster,
    )
