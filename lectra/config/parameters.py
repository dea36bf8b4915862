"""A run's parameters: one model behind the CLI, the flow's signature and its run form.

Each parameter's type, choices and description are declared once, as an Annotated alias.
Unset (None) parameters fall through: the block the run names, then LECTRA_*, then the default.
"""

from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from lectra.config.settings import ImageSourceName, ReviewWhen, ThemeName, VoiceName, WriterName
from lectra.models import MAX_SLIDES, MAX_TOPIC_CHARS, DeckScript
from lectra.runtime.errors import InputError, first_error
from lectra.text.languages import LangCode

MAX_SOURCES = 8

Topic = Annotated[
    str,
    Field(
        description=f"What the presentation is about (1-{MAX_TOPIC_CHARS} characters); "
        "default with sources: the first one's title."
    ),
]
Project = Annotated[
    str | None,
    Field(description="Output subfolder name; default: derived from the topic."),
]
Slides = Annotated[
    int | None,
    Field(
        ge=1,
        le=MAX_SLIDES,
        description=f"Slides including the title slide, 1-{MAX_SLIDES}; default 8.",
    ),
]
Lang = Annotated[
    LangCode | None, Field(description="Language of slides and narration; default en.")
]
Video = Annotated[bool | None, Field(description="Render video.mp4; default yes.")]
EmbedAudio = Annotated[
    bool | None,
    Field(
        description="Embed each slide's narration in presentation.pptx, playing as the slide "
        "shows; default yes (no keeps a light deck)."
    ),
]
Wait = Annotated[
    bool | None,
    Field(
        description="When another run is building this project, wait for it to end instead "
        "of stopping; default no."
    ),
]
BurnSubtitles = Annotated[
    bool | None,
    Field(
        description="Draw the subtitles into the video instead of a soft subtitle track; "
        "default no."
    ),
]
Writer = Annotated[
    WriterName | None,
    Field(description="Who writes the slides; auto picks the best one reachable."),
]
Engine = Annotated[
    VoiceName | None,
    Field(description="Who speaks the notes; auto picks the best one reachable."),
]
Voice = Annotated[
    str | None,
    Field(description="edge-tts voice, e.g. en-GB-SoniaNeural; default chosen by language."),
]
PiperVoiceFile = Annotated[
    str | None,
    Field(
        description="A Piper voice .onnx (its .onnx.json beside it) for voice engine piper; "
        "default: the bundled English voice."
    ),
]
Images = Annotated[
    ImageSourceName | None,
    Field(description="Where slide images come from; auto picks the best one reachable."),
]
Grounding = Annotated[
    bool | None,
    Field(description="Put web search results about the topic into the outline prompt."),
]
Refresh = Annotated[bool | None, Field(description="Ignore cached results and redo every step.")]
OutputDir = Annotated[
    str | None,
    Field(
        description="Folder or storage URL (s3://bucket/prefix) that receives the project "
        "folder; default ./outputs."
    ),
]
CacheDir = Annotated[
    str | None,
    Field(
        description="Cache of step results and media, a folder or storage URL, shared by "
        "projects and machines; default <output_dir>/.cache."
    ),
]
ImageCap = Annotated[
    int | None,
    Field(ge=1, le=64, description="Image calls at once in this run; default 5."),
]
TtsCap = Annotated[
    int | None,
    Field(ge=1, le=64, description="Narration calls at once in this run; default 3."),
]
Theme = Annotated[
    ThemeName | None,
    Field(description="Built-in look: default, dark, warm or contrast; default: default."),
]
Template = Annotated[
    str | None,
    Field(description="A PowerPoint template (.pptx) to build the deck on; replaces the theme."),
]
Script = Annotated[
    DeckScript | None,
    Field(
        description="The deck's script (its title, and each slide's title, bullets and "
        "notes) to build instead of asking a writer (only a slide with nothing under its "
        "heading is written from its title): the CLI's --script "
        "FILE reads a script.md (# title, ## slide, - bullets, notes as paragraphs) or "
        "script.json, as every run writes them into its folder."
    ),
]
ScriptFile = Annotated[
    str | None,
    Field(
        description="A script.md or script.json on the machine that runs the deck, read as "
        "--script reads it (up to 1 MB): the script by reference, for one too large to pass "
        "as a parameter. --script FILE passes it so."
    ),
]
Sources = Annotated[
    list[Annotated[str, Field(min_length=1, max_length=2000)]] | None,
    Field(
        max_length=MAX_SOURCES,
        description="Documents to make the deck from, each a file on the machine that runs "
        "the deck or an http(s) URL: PDF, Word (.docx), PowerPoint (.pptx), Markdown, HTML or "
        "plain text. The slides follow their headings, say what they say and cite their pages; "
        "with no model, the sentences are the documents' own.",
    ),
]
Narrate = Annotated[
    str | None,
    Field(
        max_length=2000,
        description="Your own deck to narrate (.pptx, or a PDF of slides) on the machine that "
        "runs it: kept as it is, each shown slide's speaker notes spoken (written from the "
        "slide where it has none), the narration embedded to play and advance by itself, and "
        "the video made of its own pages.",
    ),
]
Review = Annotated[
    ReviewWhen | None,
    Field(
        description="Pause for you to edit the deck before anything is spoken: scripts (once "
        "they are written: the form shows the deck's title and each slide's title, bullets "
        "and notes to edit, reorder, delete or add), outline (once the titles are: the "
        "slides are then written from yours), or both; unanswered, the run goes on as "
        "written after LECTRA_REVIEW_TIMEOUT_S (default an hour)."
    ),
]
RedoSlides = Annotated[
    list[Annotated[int, Field(ge=0, lt=MAX_SLIDES)]] | None,
    Field(
        description="Slides of the given script to have the writer write again (0 is the "
        "title slide); the others are kept as the script says."
    ),
]
# parameters of the request, not settings
NOT_SETTINGS = {"topic", "project", "script", "script_file", "sources", "narrate", "redo_slides"}


class RunParameters(BaseModel):
    """Everything a run can be given besides blocks; None means 'not given here'."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    topic: Topic = ""
    project: Project = None
    script: Script = None
    script_file: ScriptFile = None
    sources: Sources = None
    narrate: Narrate = None
    redo_slides: RedoSlides = None
    review: Review = None
    slides: Slides = None
    lang: Lang = None
    video: Video = None
    embed_audio: EmbedAudio = None
    burn_subtitles: BurnSubtitles = None
    wait: Wait = None
    writer: Writer = None
    voice_engine: Engine = None
    voice: Voice = None
    piper_voice: PiperVoiceFile = None
    image_source: Images = None
    grounding: Grounding = None
    refresh: Refresh = None
    output_dir: OutputDir = None
    cache_dir: CacheDir = None
    max_concurrent_images: ImageCap = None
    max_concurrent_tts: TtsCap = None
    theme: Theme = None
    template: Template = None

    @classmethod
    def checked(cls, **given: Any) -> Self:
        """The parameters, validated; InputError naming the first bad one."""
        try:
            return cls(**given)
        except ValidationError as exc:
            raise InputError(first_error(exc)) from None

    def settings_overrides(self) -> dict[str, Any]:
        """The parameters given that are settings: all but the request's and the blocks."""
        own = set(RunParameters.model_fields) - NOT_SETTINGS
        return {k: v for k, v in self if k in own and v is not None}
