"""The source a slide's notes cite, as a line a person can read on the slide."""

import re

from lectra.text.cleantext import printable

_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]\"']+", re.IGNORECASE)
LABEL = {
    "en": "Source",
    "de": "Quelle",
    "fr": "Source",
    "es": "Fuente",
    "hi": "स्रोत",
    "zh": "来源",
    "ja": "出典",
    "ko": "출처",
}
MAX_CHARS = 90


def readable_url(url: str) -> str:
    """A URL as a reader copies it from a slide: no scheme, no 'www.', no trailing marks."""
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.rstrip(".,;:!?)"), flags=re.IGNORECASE)
    url = url.rstrip("/")
    if len(url) > MAX_CHARS:  # the site and as much of the path as reads whole
        head, _, _ = url[:MAX_CHARS].rpartition("/")
        url = head or url[:MAX_CHARS]
    return url


def cited_sources(notes: str) -> list[str]:
    """The URLs the notes cite, readable, each once, in order."""
    seen: list[str] = []
    for match in _URL.finditer(printable(notes)):
        url = readable_url(match.group(0))
        if url and url not in seen:
            seen.append(url)
    return seen


def source_line(notes: str, lang: str) -> str:
    """'Source: iea.org/reports/grid-scale-storage' for notes that cite a URL, else ''."""
    sources = cited_sources(notes)
    if not sources:
        return ""
    sep = "、" if lang in {"zh", "ja"} else "; "
    colon = "：" if lang in {"zh", "ja"} else ": "
    return f"{LABEL.get(lang, 'Source')}{colon}{sep.join(sources[:2])}"
