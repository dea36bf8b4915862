"""Text as a model writes it, made fit for a slide (bold spans, no markdown) and for a voice."""

import re
import unicodedata
from urllib.parse import urlsplit

from lectra.text.spans import Span, join_runs, noncharacter

_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)\)")
_CODE = re.compile(r"`+([^`]*)`+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
_LIST_MARK = re.compile(r"^\s*(?:[-*+\u2022\u25cf\u25aa\u2013]|\d+[.)])\s+", re.MULTILINE)
_QUOTE = re.compile(r"^\s*>\s?", re.MULTILINE)
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]+", re.IGNORECASE)
# spaces, and a no-break space (U+00A0) other than the one French sets before a mark
_SPACES = re.compile(r"(?:[ \t]|\u00a0(?![:;!?»]))+")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t\n]+([,.;:!?।。，、])")  # not French's no-break ones
_EMPTY_BRACKETS = re.compile(r"\(\s*[,;:]?\s*\)")
# "(p. 12)", "[pp. 3-4]", "(Report, S. 7)": where a sentence is found, for readers, not ears
_CITATION = re.compile(
    r"\s*[(\[](?:[^()\[\]]{0,80},\s*)?(?:pp?|S|pág|págs|pg|p\u00e1g)\.?\s*\d+"
    r"(?:\s*[-\u2013]\s*\d+)?\s*[)\]]"
)
# symbols a voice spells out or reads as noise; letters, digits and punctuation stay
_SPOKEN_AWAY = {"So", "Sk", "Cs", "Co", "Cn"}
_JOINERS = {"\u200d", "\ufe0f", "\ufe0e", "\u20e3"}
_AND = {
    "en": "and",
    "es": "y",
    "fr": "et",
    "de": "und",
    "hi": "और",
    "zh": "和",
    "ja": "と",
    "ko": "및",
}
_CONTROL_AS = str.maketrans({"\t": " ", "\r": "\n", "\v": "\n", "\f": "\n", "\x85": "\n"})
_ARROWS = "\u2190\u2191\u2192\u2193\u2194\u21d2\u21d4\u27f6"


_OVERRIDE = re.compile(r"\{\\[^{}]*\}")  # an SSA/ASS override block such as {\an8}{\fs120}


def no_cue_syntax(text: str) -> str:
    """text that no subtitle reader takes for a cue's timing or style: '-->' becomes an arrow,
    SSA override blocks go."""
    return _OVERRIDE.sub("", text).replace("-->", "\u2192")


def printable(text: str) -> str:
    """text without control characters, noncharacters or subtitle cue syntax: tabs and odd
    line breaks become spaces and newlines."""
    text = no_cue_syntax(text.replace("\r\n", "\n").translate(_CONTROL_AS))
    return "".join(
        ch
        for ch in text
        if ch == "\n" or (unicodedata.category(ch) not in {"Cc", "Cs"} and not noncharacter(ch))
    )


def _blocks(text: str) -> str:
    """Markdown's block marks (headings, list marks, quotes) and code/link syntax removed."""
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _CODE.sub(lambda m: m.group(1), text)
    text = _HEADING.sub("", text)
    text = _QUOTE.sub("", text)
    return _LIST_MARK.sub("", text)


def _tidy(text: str) -> str:
    text = _SPACES.sub(" ", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return "\n".join(line.strip() for line in text.splitlines()).strip()


def spans(text: str) -> list[Span]:
    """A slide line's text as runs: **bold** and __bold__ become bold runs, other marks go."""
    text = _blocks(text)
    out: list[Span] = []
    pos = 0
    for match in _BOLD.finditer(text):
        if match.start() > pos:
            out.append(Span(text=text[pos : match.start()]))
        out.append(Span(text=match.group(2), bold=True))
        pos = match.end()
    out.append(Span(text=text[pos:]))
    cleaned = [(_stray_marks(_ITALIC.sub(r"\2", s.text)), s.bold) for s in out]
    return join_runs(cleaned) or [Span(text="")]


def _stray_marks(text: str) -> str:
    """Asterisks and underscores left unpaired by the model, e.g. '**Term:' with no closer."""
    return _SPACES.sub(" ", re.sub(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)", "", text))


def plain(text: str) -> str:
    """Text with its markdown removed, as a reader sees it; lines kept apart."""
    return _tidy("\n".join("".join(s.text for s in spans(line)) for line in text.splitlines()))


def site_name(url: str) -> str:
    """The site a URL points at, as a listener would say it: 'nasa.gov'."""
    host = urlsplit(url if "://" in url else f"http://{url}").hostname or ""
    return host.removeprefix("www.")


def _url_as_site(match: re.Match[str]) -> str:
    url = match.group(0)
    bare = url.rstrip(".,;:!?")
    return site_name(bare) + url[len(bare) :]


def _symbols_away(text: str, lang: str) -> str:
    text = text.replace("&", f" {_AND.get(lang, 'and')} ")
    text = re.sub(f"[{_ARROWS}]", ", ", text)
    return "".join(
        " " if unicodedata.category(ch) in _SPOKEN_AWAY or ch in _JOINERS else ch for ch in text
    )


def speakable(text: str, lang: str) -> str:
    """What a voice should read: no markdown, URLs as their site name, no emoji or symbols."""
    text = _LINK.sub(lambda m: m.group(1) or site_name(m.group(2)), text)
    text = _CITATION.sub("", text)
    text = URL.sub(_url_as_site, text)
    text = _symbols_away(plain(text), lang)
    text = _EMPTY_BRACKETS.sub("", text)
    lines = [_tidy(line) for line in text.splitlines()]
    joiner = " " if lang not in {"zh", "ja"} else ""
    lines = [line for line in lines if line]
    ended = [_ended(line, lang) for line in lines[:-1]] + lines[-1:]
    return _tidy(joiner.join(ended))


def _ended(line: str, lang: str) -> str:
    """A heading or list line ended like a sentence, so the voice pauses after it."""
    if unicodedata.category(line[-1]).startswith("P"):
        return line
    return line + {"zh": "。", "ja": "。", "hi": "।"}.get(lang, ".")
