"""Languages Lectra speaks: voice, fonts and sentence rules per language code."""

from dataclasses import dataclass
from typing import Literal

from lectra.runtime.errors import InputError


@dataclass(frozen=True)
class Language:
    """What Lectra needs to know to write, draw and speak one language."""

    code: str
    name: str
    espeak_voice: str
    font: str  # key into lectra.slides.fonts.FONTS
    tag: str  # the BCP 47 tag office apps use for spelling and glyph choice
    iso639_2: str  # the three-letter code MP4 tracks carry (ISO 639-2/B, as ffmpeg writes it)
    spaced: bool = True  # False where words are not separated by spaces (CJK)


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "English", "en-us", "latin", "en-US", "eng"),
        Language("es", "Spanish", "es", "latin", "es-ES", "spa"),
        Language("fr", "French", "fr-fr", "latin", "fr-FR", "fre"),
        Language("de", "German", "de", "latin", "de-DE", "ger"),
        Language("hi", "Hindi", "hi", "devanagari", "hi-IN", "hin"),
        Language("zh", "Chinese", "cmn", "cjk-sc", "zh-CN", "chi", spaced=False),
        Language("ja", "Japanese", "ja", "cjk-jp", "ja-JP", "jpn", spaced=False),
        Language("ko", "Korean", "ko", "cjk-kr", "ko-KR", "kor"),
    )
}


LangCode = Literal["en", "es", "fr", "de", "hi", "zh", "ja", "ko"]  # LANGUAGES' keys, as a type


def get_language(code: str) -> Language:
    """Return the language for a code, or raise InputError naming the supported ones."""
    try:
        return LANGUAGES[code]
    except KeyError:
        supported = ", ".join(LANGUAGES)
        raise InputError(f"unknown language {code!r}; supported: {supported}") from None
