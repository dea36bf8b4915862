"""Typed records passed between pipeline steps and written to the output folder."""

import re
import unicodedata
from collections.abc import Sequence, Sized
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from lectra.runtime.errors import InputError
from lectra.runtime.files import is_output_name
from lectra.text.languages import get_language
from lectra.text.spans import Span, join_runs, line_text, noncharacter


def text_height(paragraphs: Sequence[Sized], line_px: int, gap_px: int) -> int:
    """Height of wrapped paragraphs: their lines at line_px, with gap_px between paragraphs."""
    lines = sum(len(p) for p in paragraphs)
    return lines * line_px + max(0, len(paragraphs) - 1) * gap_px


DIGEST = re.compile(r"[0-9a-f]{64}")  # a media file's sha256, as the cache names it
FIGURE_REF = re.compile(r"[0-9a-f]{64}/figure_\d{3}\.jpg")
MAX_TOPIC_CHARS = 500
MAX_SLIDES = 60
_SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def slugify(text: str) -> str:
    """A lowercase ASCII folder name for a topic, or '' when nothing ASCII is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48].strip("-")


def project_of(topic: str) -> str:
    """The project folder a topic gets when none is named."""
    return slugify(topic) or "deck"


class DeckRequest(BaseModel):
    """What the user asked for, validated before anything is written."""

    topic: str
    project: str
    slides: int = Field(ge=1, le=MAX_SLIDES)
    lang: str = "en"
    video: bool = True

    @field_validator("topic")
    @classmethod
    def _clean_topic(cls, value: str) -> str:
        if any(unicodedata.category(ch) == "Cs" for ch in value):  # bytes argv could not decode
            raise ValueError("topic is not valid UTF-8 text")
        if any(unicodedata.category(ch) == "Cc" for ch in value):
            raise ValueError("topic contains control characters")
        # zero-width, bidi and BOM characters (format, Cf) show nothing, and noncharacters
        # (U+FFFE, U+FFFF, ...) no XML can hold: dropped
        value = "".join(
            ch for ch in value if unicodedata.category(ch) != "Cf" and not noncharacter(ch)
        ).strip()
        if not value:
            raise ValueError("topic is empty (no visible characters)")
        if len(value) > MAX_TOPIC_CHARS:
            raise ValueError(f"topic is {len(value)} characters; the limit is {MAX_TOPIC_CHARS}")
        return value

    @field_validator("project")
    @classmethod
    def _safe_project(cls, value: str) -> str:
        if not _SAFE_SEGMENT.match(value) or value in {".", ".."}:
            raise ValueError(
                f"{value!r} is not a safe folder name (1-64 of letters, digits, '.', '_', '-')"
            )
        return value

    @field_validator("lang")
    @classmethod
    def _known_lang(cls, value: str) -> str:
        get_language(value)
        return value

    @classmethod
    def build(
        cls, topic: str, project: str | None, slides: int, lang: str, video: bool = True
    ) -> "DeckRequest":
        """Validate a request, deriving the project from the topic; InputError when invalid."""
        if project is None:
            project = project_of(topic)
        try:
            return cls(topic=topic, project=project, slides=slides, lang=lang, video=video)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = str(err["loc"][0]) if err["loc"] else "input"
            msg = str(err["msg"]).removeprefix("Value error, ")
            if field == "slides":
                msg = f"slide count {slides!r} is outside 1..{MAX_SLIDES}"
            raise InputError(msg if field in {"topic", "lang"} else f"{field}: {msg}") from None


class Outline(BaseModel):
    """The deck's title and one title per slide; slide 0 is the title slide."""

    title: str
    subtitle: str = ""
    slide_titles: list[str]


class SlideScript(BaseModel):
    """One slide as written: title, bullets, speaker notes and an image query."""

    index: int
    kind: Literal["title", "content"] = "content"
    title: str
    bullets: list[str] = Field(default_factory=list)
    notes: str
    image_query: str = ""
    opening: str = ""  # the notes before the first bullet's narration, when known
    bullet_notes: list[str] = Field(default_factory=list)  # each bullet's narration, when known
    cites: list[str] = Field(default_factory=list)  # where in the sources it comes from
    table: list[list[str]] = Field(default_factory=list)  # a source's table, header row first
    table_caption: str = ""
    figure: str = ""  # a source's figure: <document hash>/<file> in the cache's sources
    figure_caption: str = ""

    @field_validator("figure")
    @classmethod
    def _figure_in_sources(cls, value: str) -> str:
        # a script or a cache record is data: the figure is named, never a path
        if value and not FIGURE_REF.fullmatch(value):
            raise ValueError(f"{value[:80]!r} is not a source's figure (<hash>/figure_NNN.jpg)")
        return value


class DeckScript(BaseModel):
    """A whole deck as written: its outline and every slide's script, slide 0 the title slide;
    given (--script, an edited script.md or script.json), it replaces the writer."""

    outline: Outline
    slides: list[SlideScript] = Field(min_length=1, max_length=MAX_SLIDES)

    @model_validator(mode="after")
    def _one_script_a_title(self) -> "DeckScript":
        if len(self.slides) != len(self.outline.slide_titles):
            raise ValueError(
                f"{len(self.slides)} slides for {len(self.outline.slide_titles)} titles"
            )
        return self


class Page(BaseModel):
    """One deck slide: a script, or its continuation, with its share of the notes; or the
    closing page after the last slide, its bullets the sources the deck's notes cite."""

    part: int
    parts: int  # the slide's content pages: a closing page is numbered after them
    title: str
    bullets: list[str]
    notes: str
    kind: Literal["content", "closing"] = "content"


def paths_in(value: object) -> list[Path]:
    """Every Path held anywhere in a result: its fields, lists and nested models."""
    if isinstance(value, Path):
        return [value]
    if isinstance(value, BaseModel):
        return [p for name in type(value).model_fields for p in paths_in(getattr(value, name))]
    if isinstance(value, list | tuple):
        return [p for item in value for p in paths_in(item)]
    if isinstance(value, dict):
        return [p for item in value.values() for p in paths_in(item)]
    return []


class StepResult(BaseModel):
    """What every step's result carries: who made it, what went wrong, the files it made."""

    provider: str = ""
    warnings: list[str] = Field(default_factory=list)
    files: dict[str, str] = Field(default_factory=dict)  # output path -> sha256, for the cache
    root: str = ""  # the folder its paths were written under; a cache hit is moved from it

    @model_validator(mode="after")
    def _files_are_outputs(self) -> "StepResult":
        # a cache record is data anyone who writes the cache can plant: its paths and digests
        # become paths when replayed, so each must be an output name under root and a hash
        if not self.files:
            return self
        root = Path(self.root)
        if not root.is_absolute() or ".." in root.parts:
            raise ValueError(f"files kept under {self.root[:80]!r}, not a folder of a run")
        for name, digest in self.files.items():
            if not DIGEST.fullmatch(digest):
                raise ValueError(f"{digest[:80]!r} is not a sha256 digest")
            path = Path(name)
            inside = path.is_absolute() and path.is_relative_to(root) and path != root
            if not inside or not is_output_name(path.relative_to(root).as_posix()):
                raise ValueError(f"{name[:80]!r} is not a file a run writes under {root}")
        return self

    def outside(self) -> Path | None:
        """The first path this result names outside its root (a planted record's), or None."""
        root = Path(self.root)
        for path in paths_in(self):
            if not self.root or ".." in path.parts or not path.is_relative_to(root):
                return path
        return None


class OutlineResult(StepResult):
    """The outline, who wrote it, and outline.json."""

    outline: Outline
    path: Path | None = None
    source_path: Path | None = None  # source.json, the documents the outline follows


class SlidePlan(StepResult):
    """A slide's script and the pages it splits into."""

    script: SlideScript
    pages: list[Page]

    @property
    def index(self) -> int:
        """The source slide's index."""
        return self.script.index


class SlideImage(StepResult):
    """A slide's image on disk, or none, and where it came from."""

    index: int
    path: Path | None = None
    source: str = "none"
    url: str = ""
    page_url: str = ""
    bytes: int = 0
    width: int = 0
    height: int = 0


class WordMark(BaseModel):
    """When one spoken word starts and ends, in seconds from the start of its chunk."""

    text: str
    start_s: float
    end_s: float


class SentenceMark(WordMark):
    """When one spoken sentence starts and ends, in seconds from the start of its chunk."""


class PageAudio(BaseModel):
    """One page's narration chunk, its measured duration and its word and sentence timings."""

    path: Path
    duration_s: float
    silent: bool = False
    words: list[WordMark] = Field(default_factory=list)
    sentences: list[SentenceMark] = Field(default_factory=list)
    pause_s: float = 0.0  # the silence closing the chunk, part of duration_s


class SlideNarration(StepResult):
    """A slide's narration, one chunk per page, and its word timings file if there is one."""

    index: int
    pages: list[PageAudio]
    words_path: Path | None = None
    sentences_path: Path | None = None


class Box(BaseModel):
    """A rectangle in frame pixels (1080 high; 1920 wide for 16:9)."""

    x: int
    y: int
    w: int
    h: int


class TextBlock(BaseModel):
    """Wrapped text placed in a box at one font size."""

    role: Literal["title", "subtitle", "body", "footer", "figure", "source", "caption", "cell"]
    box: Box
    font: str
    bold: bool = False
    size_pt: int
    color: str
    align: Literal["left", "center", "right"] = "left"
    bullet: bool = False
    indent_px: int = 0
    runs: list[list[Span]]  # each paragraph's runs, as the PPTX writes them
    # each paragraph's wrapped lines as text: plain strings keep a step result small, and
    # Prefect walks every object of a task's inputs several times
    paragraphs: list[list[str]]
    line_px: int
    gap_px: int

    @property
    def source(self) -> list[str]:
        """The paragraphs' text, before wrapping."""
        return [line_text(runs) for runs in self.runs]

    def line_runs(self) -> list[list[list[Span]]]:
        """Each paragraph's wrapped lines as runs, recovered from the paragraph's runs."""
        return [_cut(runs, lines) for runs, lines in zip(self.runs, self.paragraphs, strict=True)]

    @property
    def height_px(self) -> int:
        """Height the wrapped text takes."""
        return text_height(self.paragraphs, self.line_px, self.gap_px)


def _cut(runs: list[Span], lines: list[str]) -> list[list[Span]]:
    """Runs cut where the lines break. A line is the paragraph's next characters, any run of
    whitespace in it one space (as the wrap made it), the whitespace at a break dropped."""
    chars = [(ch, run.bold) for run in runs for ch in run.text]
    out, pos = [], 0
    for line in lines:
        while pos < len(chars) and chars[pos][0].isspace():
            pos += 1
        marked: list[tuple[str, bool]] = []
        for ch in line:
            if pos >= len(chars) or (chars[pos][0] != ch and not ch.isspace()):
                marked = []  # not this paragraph's text: draw the line plain
                break
            marked.append((ch, chars[pos][1]))
            pos += 1
            while ch.isspace() and pos < len(chars) and chars[pos][0].isspace():
                pos += 1
        out.append(join_runs(marked) or [Span(text=line)])
    return out


class RectBlock(BaseModel):
    """A filled rectangle, opaque or see-through."""

    box: Box
    color: str
    alpha: float = 1.0


class TableLayout(BaseModel):
    """A source's table on a slide: its box, column widths and row heights, each cell's text
    placed in its cell, the header row filled."""

    box: Box
    cols: list[int]
    rows: list[int]
    cells: list[list[TextBlock]]
    header_color: str
    line_color: str
    pad_px: int


class PageLayout(BaseModel):
    """Everything drawn on one deck slide, plus its speaker notes."""

    slide: int
    part: int
    kind: Literal["title", "beside", "below", "text", "columns", "cards", "closing"] = "text"
    lang: str
    style: str = "content"  # the design's kind of slide whose layout and background it uses
    width: int = 1920
    height: int = 1080
    background: str
    rects: list[RectBlock]
    texts: list[TextBlock]
    picture: Box | None = None
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # left, top, right, bottom
    image_path: Path | None = None
    image_alt: str = ""
    decorative: bool = False  # the picture adds nothing a screen reader should say
    table: TableLayout | None = None
    notes: str = ""


class SlideFrames(StepResult):
    """A slide's pages laid out and rendered to PNG frames."""

    index: int
    layouts: list[PageLayout]
    paths: list[Path]


class SlideSegments(StepResult):
    """A slide's pages as video segments, each as long as its narration."""

    index: int
    paths: list[Path]
    durations: list[float]
    titles: list[str] = Field(default_factory=list)  # each page's title, for its chapter
    poster: Path | None = None  # the title slide's frame as poster.jpg, made with slide 0


class SlideTiming(BaseModel):
    """When one deck slide is on screen, in seconds from the start."""

    index: int
    source_slide: int
    part: int
    start: float
    end: float
    duration: float
    pause: float = 0.0  # seconds of silence closing the slide, included in duration


class OutputFile(StepResult):
    """A file the run produced, with its duration when it is media."""

    path: Path
    duration_s: float = 0.0
    also: list[Path] = Field(default_factory=list)  # files made with it (subtitles, chapters)


class NarrationTrack(OutputFile):
    """narration.mp3 and when each deck slide is on screen (also in slide_timings.json)."""

    timings: list[SlideTiming]
    timings_path: Path | None = None
    cues: int = 0  # subtitle cues in subtitles.srt / .vtt (listed in also)
