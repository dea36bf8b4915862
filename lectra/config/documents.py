"""A run's sources: read (once per content) before anything is built, and what they decide
when the run does not say: the topic, the number of slides, the language."""

from pydantic import BaseModel

from lectra.config.settings import LectraSettings
from lectra.documents.deckplan import MIN_SECTION_WORDS, title_of
from lectra.documents.model import Document
from lectra.documents.read import read_source
from lectra.text.language_check import guess
from lectra.text.languages import LANGUAGES

MAX_DEFAULT_SLIDES = 12  # a deck from a long document, unless more slides are asked


class SourceRef(BaseModel):
    """A source as the run's steps find it: its name, and its parsed form's hash in the cache."""

    name: str
    sha256: str
    title: str


def read_documents(sources: list[str], settings: LectraSettings) -> list[Document]:
    """Each source parsed (or found in the cache); InputError naming the first bad one."""
    return [read_source(given, settings.cache_folder) for given in sources]


def refs(documents: list[Document]) -> list[SourceRef]:
    """The documents as the run's config carries them."""
    return [SourceRef(name=d.name, sha256=d.sha256, title=d.title) for d in documents]


def default_slides(documents: list[Document]) -> int:
    """A slide a section that says something, and the title slide, up to MAX_DEFAULT_SLIDES."""
    sections = sum(
        1 for d in documents for s in d.sections if s.words >= MIN_SECTION_WORDS or s.tables
    )
    return max(2, min(MAX_DEFAULT_SLIDES, 1 + sections))


def document_lang(documents: list[Document]) -> str | None:
    """The language the first document is written in, when Lectra speaks it."""
    if not documents:
        return None
    text = " ".join(p.text for s in documents[0].sections[:6] for p in s.passages[:4])
    found = guess(text)
    return found if found in LANGUAGES else None


def topic_of(documents: list[Document]) -> str:
    """The first document's title as a topic."""
    title = documents[0].title if documents else ""
    return title_of(documents[0].sections[0]) if not title.strip() and documents else title
