"""Languages Lectra speaks: voice, fonts and sentence rules per language code."""

from dataclasses import dataclass

from lectra.errors import InputError


@dataclass(frozen=True)
class Language:
    """What Lectra needs to know to write, draw and speak one language."""

    code: str
    name: str
    espeak_voice: str
    font: str  # key into lectra.fonts.FONT_FILES
    spaced: bool = True  # False where words are not separated by spaces (CJK)


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "English", "en-us", "dejavu"),
        Language("es", "Spanish", "es", "dejavu"),
        Language("fr", "French", "fr-fr", "dejavu"),
        Language("de", "German", "de", "dejavu"),
        Language("hi", "Hindi", "hi", "devanagari"),
        Language("zh", "Chinese", "cmn", "cjk-sc", spaced=False),
        Language("ja", "Japanese", "ja", "cjk-jp", spaced=False),
        Language("ko", "Korean", "ko", "cjk-kr"),
    )
}


def get_language(code: str) -> Language:
    """Return the language for a code, or raise InputError naming the supported ones."""
    try:
        return LANGUAGES[code]
    except KeyError:
        supported = ", ".join(LANGUAGES)
        raise InputError(f"unknown language {code!r}; supported: {supported}") from None
