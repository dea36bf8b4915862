"""Which language a text is written in, roughly: enough to see a writer answering in another."""

import re
from collections import Counter

from lectra.text.languages import get_language

MIN_LETTERS = 40  # shorter texts (a title, a name) say too little to judge
_WORD = re.compile(r"[^\W\d_]+")
# frequent function words that are rare in the other three Latin-script languages
_FUNCTION_WORDS = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to is are that with for this it on by from which be was were have has "
        "they their these can not",
        "de": "der die das und ist sind nicht mit für auf ein eine einen dem den zu sich auch "
        "wird werden im bei oder wie sie es",
        "fr": "le les et est sont une du dans pour qui sur avec pas au aux ce cette il elle ou "
        "leur nous plus",
        "es": "el los las y es son del una para con por se su sus al como lo más pero este "
        "esta también muy",
    }.items()
}


def _script(ch: str) -> str | None:
    """The writing system of one letter, by its Unicode block."""
    code = ord(ch)
    if 0x0900 <= code <= 0x097F:
        return "devanagari"
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "hangul"
    if 0x3040 <= code <= 0x30FF:
        return "kana"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
        return "han"
    if ch.isascii() or 0x00C0 <= code <= 0x024F:
        return "latin"
    return None


def _latin_guess(text: str) -> dict[str, int]:
    """How many function words of each Latin-script language the text uses."""
    words = Counter(w.lower() for w in _WORD.findall(text))
    return {lang: sum(words[w] for w in found) for lang, found in _FUNCTION_WORDS.items()}


def guess(text: str) -> str | None:
    """The language code text looks written in, or None when it is too short to tell."""
    scripts = Counter(s for ch in text if ch.isalpha() and (s := _script(ch)))
    letters = sum(scripts.values())
    if letters < MIN_LETTERS:
        return None
    main, count = scripts.most_common(1)[0]
    if count < letters / 2 and main != "han":
        return None
    if main in {"han", "kana"}:
        return "ja" if scripts["kana"] >= 0.1 * (scripts["han"] + scripts["kana"]) else "zh"
    if main != "latin":
        return {"devanagari": "hi", "hangul": "ko"}[main]
    counts = _latin_guess(text)
    best = max(counts, key=lambda lang: counts[lang])
    return best if counts[best] >= 3 else None


def language_warning(text: str, lang: str, where: str) -> str | None:
    """A warning when text looks written in another language than the deck's."""
    seen = guess(text)
    if seen is None or seen == lang:
        return None
    if seen in _FUNCTION_WORDS and lang in _FUNCTION_WORDS:
        counts = _latin_guess(text)  # a mixed text is not called foreign on a narrow lead
        if counts[seen] < 2 * counts[lang] + 3:
            return None
    return (
        f"{where}: the text looks {get_language(seen).name}, not "
        f"{get_language(lang).name} as asked (--lang {lang})"
    )
