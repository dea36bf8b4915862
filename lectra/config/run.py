"""One run's resolved configuration: the request, the chosen providers and the knobs they use."""

import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from lectra.config.documents import (
    SourceRef,
    default_slides,
    document_lang,
    read_documents,
    refs,
    topic_of,
)
from lectra.config.narrate import DeckRef, frame_size, read_narrated
from lectra.config.parameters import RunParameters
from lectra.config.providers import choose, image_options, voice_options, writer_options
from lectra.config.settings import LectraSettings, load_settings
from lectra.models import DeckRequest, DeckScript, SlideScript
from lectra.providers.options import ImageOptions, VoiceOptions, WriterOptions
from lectra.providers.voices.espeak import speaks_well
from lectra.runtime.errors import InputError, LectraError
from lectra.runtime.files import atomic_path
from lectra.runtime.secrets import remember
from lectra.slides.backdrops import backdrops
from lectra.slides.design import Design, read_design, theme_design
from lectra.slides.legibility import legible
from lectra.slides.template import template_package
from lectra.slides.userdeck import UserDeck
from lectra.storage.location import Location
from lectra.text.language_check import guess
from lectra.text.languages import LANGUAGES, get_language


class RunConfig(BaseModel):
    """Everything a step needs to know about the run; passed to every task."""

    request: DeckRequest
    out_dir: Path  # where the steps write: the project folder, or the flow's building folder
    project_dir: Path  # where the outputs are found once the run has published them
    writer: WriterOptions
    voice: VoiceOptions
    images: ImageOptions
    design: Design
    reasons: dict[str, str]
    max_concurrent_images: int
    max_concurrent_tts: int
    retries: int
    retry_delay_s: float
    cache_dir: Path
    project_url: str = ""  # where the outputs are published when outputs are a storage URL
    cache_url: str = ""  # the cache's shared copy, when the cache is a storage URL
    given: DeckScript | None = None  # the deck's script, given instead of written
    sources: list[SourceRef] = Field(default_factory=list)  # documents the deck is made from
    narrate: DeckRef | None = None  # the user's own deck, narrated as it is
    redo: list[int] = Field(default_factory=list)  # slides of it the writer writes again
    review: Literal["off", "outline", "scripts", "both"] = "off"  # when a person edits
    review_timeout_s: int = 3600
    review_on_timeout: Literal["continue", "stop"] = "continue"
    review_poll_s: int = 5
    pagination: Literal["fit", "seed"] = "fit"
    refresh: bool = False
    embed_audio: bool = True  # each slide's narration inside presentation.pptx
    burn_subtitles: bool = False  # subtitles drawn into the video instead of a soft track
    wait: bool = False  # for another run of the project to end, instead of stopping
    server_limits: dict[str, int] = Field(default_factory=dict)  # server limits remote calls hold
    warnings: list[str] = Field(default_factory=list)  # about the run as a whole
    run_id: str = Field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def lang(self) -> str:
        """The deck's language."""
        return self.request.lang

    @property
    def providers(self) -> dict[str, str]:
        """The provider serving each stage."""
        return {"writer": self.writer.name, "voice": self.voice.name, "images": self.images.name}

    def given_slide(self, index: int) -> SlideScript | None:
        """Slide index as the given script has it; None when the writer writes it: no script,
        the slide asked again (redo), or nothing under its heading (no bullets, no notes)."""
        if self.given is None or index in self.redo or index >= len(self.given.slides):
            return None
        slide = self.given.slides[index]
        return slide if slide.bullets or slide.notes.strip() else None

    def path(self, *parts: str) -> Path:
        """A path inside the folder the steps write to."""
        return self.out_dir.joinpath(*parts)

    def published(self, path: Path) -> Path:
        """Where a file the steps wrote is found once the run has published its outputs."""
        if path.is_relative_to(self.out_dir):
            return self.project_dir / path.relative_to(self.out_dir)
        return path

    @property
    def destination(self) -> str:
        """Where the project's outputs end up: its storage URL, else its folder."""
        return self.project_url or str(self.project_dir)

    def shown(self, path: Path) -> str:
        """Where a file the steps wrote is found once published: a URL in shared storage, else
        a path."""
        found = self.published(path)
        if self.project_url and found.is_relative_to(self.project_dir):
            return f"{self.project_url}/{found.relative_to(self.project_dir).as_posix()}"
        return str(found)


def project_dirs(request: DeckRequest, settings: LectraSettings) -> tuple[Path, Path]:
    """The project's output folder and the cache folder, as absolute paths; InputError when
    either exists as something other than a folder, or the project is a link (a run would
    write, and prune, wherever it points)."""
    given = settings.output_dir / request.project
    if given.is_symlink():
        raise InputError(f"{given} is a symbolic link; a project must be a folder of its own")
    out = settings.output_dir.resolve() / request.project
    cache = settings.cache_folder
    for folder in (out, cache):
        if folder.exists() and not folder.is_dir():
            raise InputError(f"{folder} exists and is not a folder")
    return out, cache


def chosen_design(settings: LectraSettings) -> Design:
    """The built-in theme or the user's template, read and checked; InputError when the
    template cannot make a deck."""
    if settings.template is None:
        return theme_design(settings.theme)
    path = settings.template.expanduser()
    return read_design(path, path.stem)


def deck_design(settings: LectraSettings, cache_dir: Path) -> tuple[Design, list[str]]:
    """The deck's design, its text colours made readable on its backgrounds, and what to warn
    of. A template is kept in the cache under its hash (editing the file mid-run changes
    nothing), and its backgrounds are drawn there once, before any slide needs them."""
    design = chosen_design(settings)
    if design.builtin:
        return legible(design, backdrops(design, cache_dir)), []
    kept = cache_dir / "templates" / f"{design.sha}.pptx"
    if not kept.is_file():
        data = template_package(design.source).data  # kept as it is built on: safe
        kept.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(kept) as tmp:
            tmp.write_bytes(data)
    design = design.model_copy(update={"source": kept})
    notes = list(design.warnings)
    try:
        drawn = backdrops(design, cache_dir)
    except LectraError as exc:
        drawn, notes = None, [*notes, f"template: its backgrounds could not be drawn ({exc})"]
    if drawn is None:
        notes.append(
            "template: the video's frames show the template's background colour without its "
            "art: LibreOffice draws it (apt-get install libreoffice-impress)"
        )
    return legible(design, drawn), notes


def requested(
    params: RunParameters, blocks: Mapping[str, object] | None = None
) -> tuple[LectraSettings, DeckRequest]:
    """The settings (parameters > blocks > LECTRA_* > defaults) and the request they make;
    InputError naming the first bad value. Nothing is probed; sources are read (or found
    read in the cache)."""
    settings, request, _, _ = sourced(params, blocks)
    return settings, request


def sourced(
    params: RunParameters, blocks: Mapping[str, object] | None = None
) -> tuple[LectraSettings, DeckRequest, list[SourceRef], tuple[DeckRef, UserDeck] | None]:
    """requested(), with the sources the request was made from and the deck it narrates."""
    settings = load_settings(blocks, **params.settings_overrides())
    documents = read_documents(params.sources or [], settings)
    narrated = read_narrated(params.narrate, settings.cache_folder) if params.narrate else None
    if documents and narrated:
        raise InputError("narrate a deck, or make one from sources: not both")
    shown = narrated[1].shown if narrated else []
    if not params.topic and not documents and not shown:
        raise InputError("give a topic, or a document to make the deck from (sources)")
    first_title = shown[0].heading if shown else ""
    topic = params.topic or topic_of(documents) or first_title
    slides = settings.slides
    if params.script:
        slides = len(params.script.slides)
        if shown and slides != len(shown):
            raise InputError(f"the script has {slides} slides; the deck shows {len(shown)}")
    elif shown:
        slides = len(shown)
    elif documents and "slides" not in settings.model_fields_set:
        slides = default_slides(documents)
    lang = settings.lang
    if (documents or shown) and "lang" not in settings.model_fields_set:
        said = " ".join(" ".join([s.notes, *s.text]) for s in shown[:20])
        lang = (document_lang(documents) if documents else guess(said)) or lang
        lang = lang if lang in LANGUAGES else settings.lang
    request = DeckRequest.build(topic, params.project, slides, lang, settings.video)
    redo = params.redo_slides or []
    if redo and params.script is None:
        raise InputError("redo slides: give the deck's script too (--script FILE)")
    if redo and max(redo) >= slides:
        raise InputError(f"redo slides: the script has slides 0..{slides - 1}")
    return settings, request, refs(documents), narrated


def run_config(params: RunParameters, blocks: Mapping[str, object] | None = None) -> RunConfig:
    """The run's configuration, resolved once from its parameters and the settings of the
    blocks it names: everything every step reads."""
    settings, request, sources, narrated = sourced(params, blocks)
    redo = sorted(set(params.redo_slides or []))
    cfg = resolve(request, settings)
    update: dict[str, object] = {"given": params.script, "redo": redo, "sources": sources}
    if narrated is not None:  # the frames are the deck's own pages, in its shape
        ref, deck = narrated
        width, height = frame_size(deck)
        design = cfg.design.model_copy(update={"width": width, "height": height})
        update |= {"narrate": ref, "design": design}
    return cfg.model_copy(update=update)


def _voice_warnings(voice: str, asked: str, lang: str) -> list[str]:
    """What to tell the user when the deck's voice cannot really speak its language."""
    name = get_language(lang).name
    how = (
        "for a voice, go online (edge-tts), set LECTRA_PIPER_VOICE to a Piper voice for "
        f"{lang!r}, or LECTRA_SPEECH_BASE_URL to a speech server"
    )
    if voice == "reading" and asked == "auto":
        return [
            f"voice: no voice here speaks {name} intelligibly, so the deck is not narrated: it "
            f"is timed for reading and its narration is shown as subtitles; {how}"
        ]
    if voice == "espeak" and not speaks_well(lang):
        return [f"voice: espeak-ng is barely intelligible in {name}; {how}"]
    return []


def check_storage(settings: LectraSettings) -> None:
    """StorageError when shared storage the run would publish to or cache in is unreachable."""
    for what, url in (("output_dir", settings.output_url), ("cache_dir", settings.cache_url)):
        if url:
            Location(url).check(what)


def resolve(request: DeckRequest, settings: LectraSettings) -> RunConfig:
    """Pick providers (checking reachability for 'auto') and fix the output folder."""
    remember(settings.openai_api_key, settings.speech_api_key)  # scrubbed from what services say
    check_storage(settings)
    chosen, reasons = choose(settings)
    warnings = _voice_warnings(chosen["voice"], settings.voice_engine, request.lang)
    if settings.voice and chosen["voice"] != "edge":  # auto found no edge-tts to speak it
        warnings.append(
            f"voice: {settings.voice} is an edge-tts voice and edge-tts is not reachable; "
            f"{chosen['voice']} speaks the deck in its own voice"
        )
    out_dir, cache_dir = project_dirs(request, settings)
    design, notes = deck_design(settings, cache_dir)
    images = image_options(settings, chosen["images"])
    images = images.model_copy(update={"palette": design.accents})
    return RunConfig(
        request=request,
        out_dir=out_dir,
        project_dir=out_dir,
        writer=writer_options(settings, chosen["writer"]),
        voice=voice_options(settings, chosen["voice"]),
        images=images,
        design=design,
        reasons=reasons,
        max_concurrent_images=settings.max_concurrent_images,
        max_concurrent_tts=settings.max_concurrent_tts,
        retries=settings.retries,
        retry_delay_s=settings.retry_delay_s,
        cache_dir=cache_dir,
        project_url=f"{settings.output_url}/{request.project}" if settings.output_url else "",
        cache_url=settings.cache_url or "",
        pagination=settings.pagination,
        refresh=settings.refresh,
        embed_audio=settings.embed_audio,
        # a deck nobody narrates shows its narration: subtitles drawn into the video
        burn_subtitles=settings.burn_subtitles or chosen["voice"] == "reading",
        wait=settings.wait,
        review=settings.review,
        review_timeout_s=settings.review_timeout_s,
        review_on_timeout=settings.review_on_timeout,
        review_poll_s=settings.review_poll_s,
        warnings=[*warnings, *notes],
    )
