"""Punctuation as each language sets it: French spaces before : ; ! ?, quotation marks."""

import re

NBSP, NNBSP = "\u00a0", "\u202f"  # no-break space, narrow no-break space
# a French high mark after a word, with whatever space the model put before it
_FRENCH_MARK = re.compile(r"(?<=[\w»)\]*%’”])[ \u00a0\u202f]*([;!?]+|:)(?=[\s*»)\]]|$)")
_GUILLEMETS = re.compile(r"«[ \u00a0\u202f]*(.*?)[ \u00a0\u202f]*»")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")  # d'eau, don't: the typographer's ’
APOSTROPHE = {"en", "fr", "es", "de"}
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]{1,300})"')
QUOTES = {
    "en": ("\u201c", "\u201d"),
    "es": ("«", "»"),
    "fr": (f"«{NNBSP}", f"{NNBSP}»"),
    "de": ("\u201e", "\u201c"),
    "hi": ("\u201c", "\u201d"),
    "zh": ("\u201c", "\u201d"),
    "ja": ("「", "」"),
    "ko": ("\u201c", "\u201d"),
}


def typeset(text: str, lang: str) -> str:
    """text with the language's quotation marks and apostrophe for straight ones and, in French, the
    no-break space before : (narrow before ; ! ?) and inside « »."""
    opening, closing = QUOTES.get(lang, QUOTES["en"])
    if lang in APOSTROPHE:
        text = _APOSTROPHE.sub("\u2019", text)
    text = _STRAIGHT_QUOTES.sub(lambda m: f"{opening}{m.group(1).strip()}{closing}", text)
    if lang != "fr":
        return text
    text = _FRENCH_MARK.sub(lambda m: (NBSP if m.group(1) == ":" else NNBSP) + m.group(1), text)
    return _GUILLEMETS.sub(lambda m: f"«{NNBSP}{m.group(1)}{NNBSP}»", text)
