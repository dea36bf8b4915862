"""Where text may break: words, and CJK characters kept with the marks that may not start or
end a line (kinsoku)."""

import re
from functools import cache, lru_cache

import budoux

CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u3040-\u30ff"
CLOSING = "、。，．！？：；）」』】〕》”’"
# kinsoku: what may not start a line (closing punctuation, small kana, the prolonged sound
# mark, iteration marks, the middle dot, ellipses) and what may not end one (opening brackets)
NO_START = CLOSING + "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰ-ㇿーゝゞヽヾ々・…‥〜"
NO_END = "\uff08\u300c\u300e\u3010\u3014\u300a\u201c\u2018\u3008"  # the opening brackets and quotes
# whitespace, but not the no-break spaces
SPACE = " \t\n\r\f\v\u1680\u2000-\u200a\u2028\u2029\u205f\u3000"
CJK_CHAR = re.compile(f"[{CJK}]")  # characters CJK text breaks between
# a CJK character keeps what may not start a line after it and what may not end one before it
# no line breaks at a no-break space (U+00A0, U+202F, as French sets before : ; ! ?)
TOKEN = re.compile(rf"[{NO_END}]*[{CJK}][{NO_START}]*|[^{SPACE}{CJK}]+|[{SPACE}]+")
WORD = re.compile(r"(?:\w|[\u0900-\u097f])+")  # Devanagari's vowel signs are not \w
IDEOGRAPHS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # kana, Han, Hangul
MAX_PHRASE = 8  # characters a phrase keeps together; a longer one breaks where kinsoku allows


# the languages whose phrases BudouX finds, and its parser for each
_PARSERS = {
    "ja": budoux.load_default_japanese_parser,
    "zh": budoux.load_default_simplified_chinese_parser,
}


@cache
def _parser(lang: str) -> budoux.Parser:
    return _PARSERS[lang]()


@lru_cache(maxsize=4096)
def _phrase_starts(text: str, lang: str) -> frozenset[int]:
    if lang not in _PARSERS:
        return frozenset()
    starts, at = set(), 0
    for phrase in _parser(lang).parse(text):
        starts.add(at)
        at += len(phrase)
    return frozenset(starts)


def tokens(text: str, phrases: str = "") -> list[str]:
    """text's break units: words, spaces, and CJK characters with the marks that may not be
    parted from them; with phrases ('ja' or 'zh'), a short phrase's characters (BudouX) kept
    together, as browsers' auto-phrase breaking keeps them."""
    units = TOKEN.findall(text)
    if not phrases or not CJK_CHAR.search(text):
        return units
    starts = _phrase_starts(text, phrases)
    groups: list[list[str]] = []
    at, joined = 0, False
    for unit in units:
        cjk = bool(CJK_CHAR.match(unit[-1]))
        if cjk and joined and at not in starts:
            groups[-1].append(unit)
        else:
            groups.append([unit])
        joined, at = cjk, at + len(unit)
    out: list[str] = []
    for group in groups:
        whole = "".join(group)
        out += [whole] if len(whole) <= MAX_PHRASE else group
    return out


def shared_keys(text: str, stem: int) -> set[str]:
    """What two texts can share: the first stem letters of words of four or more (numbers
    left out), and pairs of kana, Han or Hangul characters; text as given (lowercase it)."""
    words = {w[:stem] for w in WORD.findall(text) if len(w) >= 4 and not w.isdigit()}
    cjk = "".join(IDEOGRAPHS.findall(text))
    return words | {cjk[i : i + 2] for i in range(len(cjk) - 1)}


FAITHFUL_SHARE = 0.9  # of a grounded slide's bullet words its source must hold


def words_of(text: str) -> list[str]:
    """text's words, lowercase, and its kana, Han and Hangul characters one by one."""
    lowered = text.lower()
    return WORD.findall(IDEOGRAPHS.sub(" ", lowered)) + IDEOGRAPHS.findall(lowered)


def word_share(bullets: list[str], source: str) -> float:
    """The share of the bullets' words (CJK characters) that the source text holds."""
    said = [t for b in bullets for t in words_of(b)]
    if not said:
        return 1.0
    known = set(words_of(source))
    return sum(t in known for t in said) / len(said)


def foreign_words(bullets: list[str], source: str) -> list[str]:
    """The bullets' words the source text does not hold, each once, in order."""
    known = set(words_of(source))
    return list(dict.fromkeys(t for b in bullets for t in words_of(b) if t not in known))
