"""The source a slide's notes cite, as a line a person can read on the slide."""

import re
from collections.abc import Sequence

from lectra.text.cleantext import URL, printable
from lectra.text.typography import typeset

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
SOURCES = {
    "en": "Sources",
    "de": "Quellen",
    "fr": "Sources",
    "es": "Fuentes",
    "hi": "स्रोत",
    "zh": "资料来源",
    "ja": "出典",
    "ko": "출처",
}
# the closing page: its title, the thanks, and the line said when sources are shown
CLOSING = {
    "en": (
        "Questions?",
        "Thank you for listening. Questions are welcome.",
        "The sources are on this slide.",
    ),
    "de": (
        "Fragen?",
        "Vielen Dank fürs Zuhören. Fragen sind willkommen.",
        "Die Quellen stehen auf dieser Folie.",
    ),
    "fr": (
        "Des questions ?",
        "Merci de votre attention. Vos questions sont les bienvenues.",
        "Les sources figurent sur cette diapositive.",
    ),
    "es": (
        "¿Preguntas?",
        "Gracias por su atención. Las preguntas son bienvenidas.",
        "Las fuentes están en esta diapositiva.",
    ),
    "hi": ("प्रश्न?", "सुनने के लिए धन्यवाद। आपके प्रश्न आमंत्रित हैं।", "स्रोत इस स्लाइड पर दिए गए हैं।"),
    "zh": ("有问题吗？", "感谢聆听。欢迎提问。", "资料来源列在这张幻灯片上。"),
    "ja": (
        "ご質問は？",
        "ご清聴ありがとうございました。ご質問をどうぞ。",
        "出典はこのスライドにあります。",
    ),
    "ko": (
        "질문 있으신가요?",
        "들어 주셔서 감사합니다. 질문을 환영합니다.",
        "출처는 이 슬라이드에 있습니다.",
    ),
}
MAX_CHARS = 90
MAX_CLOSING_SOURCES = 6


def readable_url(url: str) -> str:
    """A URL as a reader copies it from a slide: no scheme, no 'www.', no trailing marks."""
    url = url.strip("\"'\u201c\u201d\u2018\u2019").rstrip(".,;:!?)\"'\u201d\u2019")
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.IGNORECASE)
    url = url.rstrip("/")
    if len(url) > MAX_CHARS:  # the site and as much of the path as reads whole
        head, _, _ = url[:MAX_CHARS].rpartition("/")
        url = head or url[:MAX_CHARS]
    return url


def cited_sources(notes: str) -> list[str]:
    """The URLs the notes cite, readable, each once, in order."""
    seen: list[str] = []
    for match in URL.finditer(printable(notes)):
        url = readable_url(match.group(0))
        if url and url not in seen:
            seen.append(url)
    return seen


def source_line(notes: str, lang: str, cites: Sequence[str] = ()) -> str:
    """'Source: iea.org/reports/grid-scale-storage' for notes that cite a URL, or the places in
    the documents a slide comes from ('Heat Pumps in Homes, pp. 8-9'); else ''."""
    sources = [*cites, *(s for s in cited_sources(notes) if s not in cites)]
    if not sources:
        return ""
    sep = "、" if lang in {"zh", "ja"} else "; "
    colon = "：" if lang in {"zh", "ja"} else ": "
    return typeset(f"{LABEL.get(lang, 'Source')}{colon}{sep.join(sources[:2])}", lang)


def closing_words(lang: str, sources: bool) -> tuple[str, str]:
    """The closing page's title and what the voice says on it."""
    title, thanks, shown = CLOSING.get(lang, CLOSING["en"])
    sep = "" if lang in {"zh", "ja"} else " "
    return typeset(title, lang), f"{thanks}{sep}{shown}" if sources else thanks


PHOTO = {
    "en": "photo from {site}",
    "de": "Foto von {site}",
    "fr": "photo de {site}",
    "es": "foto de {site}",
    "hi": "{site} से फ़ोटो",
    "zh": "图片来自 {site}",
    "ja": "写真：{site}",
    "ko": "사진: {site}",
}


def with_citations(notes: str, cites: Sequence[str], lang: str) -> str:
    """Speaker notes with where the slide comes from as their last line, for the presenter
    (the voice reads the notes without it)."""
    if not cites:
        return notes
    colon = "：" if lang in {"zh", "ja"} else ": "
    label = LABEL.get(lang, "Source")
    return f"{notes}\n\n{label}{colon}{'; '.join(cites)}".strip()


def photo_alt(what: str, site: str, lang: str) -> str:
    """A photo's alt text in the deck's language: what it shows, and the site it is from."""
    if not site:
        return what
    credit = PHOTO.get(lang, PHOTO["en"]).format(site=site)
    return f"{what}（{credit}）" if lang in {"zh", "ja"} else f"{what} ({credit})"


def deck_sources(notes: list[str], documents: Sequence[str] = ()) -> list[str]:
    """The documents the deck is made from, then the sources every slide's notes cite, each
    once, in order (at most six)."""
    found: list[str] = list(dict.fromkeys(documents))
    for text in notes:
        found += [s for s in cited_sources(text) if s not in found]
    return found[:MAX_CLOSING_SOURCES]
