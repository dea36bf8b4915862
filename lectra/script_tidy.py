"""What a writer gave, made usable: too many or too long titles and bullets shortened, warned."""

from lectra.cleantext import plain
from lectra.models import Outline, SlideScript

MAX_TITLE_CHARS = 90  # a title longer than this is cut at a word boundary
MAX_BULLET_CHARS = 220
MAX_BULLETS = 8
_WIDE = {"zh", "ja", "ko"}  # scripts whose characters are about twice as wide: half the limit


def shorten(text: str, limit: int, lang: str) -> str:
    """text cut at the last word boundary before limit characters, ending with '…'."""
    limit = limit // 2 if lang in _WIDE else limit
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and lang not in {"zh", "ja"}:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:-\u2013\u2014、，") + "…"


def _title(text: str, lang: str, where: str, warnings: list[str]) -> str:
    whole = plain(text)
    clean = shorten(whole, MAX_TITLE_CHARS, lang)
    if clean.endswith("…") and not whole.endswith("…"):
        warnings.append(f"{where}: title shortened to {len(clean)} characters")
    return clean


def tidy_outline(outline: Outline, asked: int, lang: str) -> tuple[Outline, list[str]]:
    """The outline trimmed to the slides asked, titles without markdown and not over-long."""
    warnings: list[str] = []
    titles = outline.slide_titles[:asked]
    if len(titles) < asked:
        warnings.append(
            f"the writer gave {len(titles) - 1} slide titles for {asked - 1} asked; "
            f"the deck has {len(titles)} slides"
        )
    titles = [_title(t, lang, f"slide {i}", warnings) for i, t in enumerate(titles)]
    title = _title(outline.title, lang, "deck", warnings)
    return outline.model_copy(update={"title": title, "slide_titles": titles}), warnings


def tidy_script(script: SlideScript, lang: str) -> tuple[SlideScript, list[str]]:
    """A script with at most MAX_BULLETS bullets, each at most MAX_BULLET_CHARS long."""
    warnings: list[str] = []
    where = f"slide {script.index}"
    bullets, notes = script.bullets, script.bullet_notes
    if len(bullets) > MAX_BULLETS:
        warnings.append(f"{where}: {len(bullets)} bullets; kept the first {MAX_BULLETS}")
        bullets, notes = bullets[:MAX_BULLETS], notes[:MAX_BULLETS]
    short = [shorten(b, MAX_BULLET_CHARS, lang) for b in bullets]
    cut = sum(1 for a, b in zip(bullets, short, strict=True) if a != b and b.endswith("…"))
    if cut:
        warnings.append(f"{where}: {cut} bullet(s) shortened to {MAX_BULLET_CHARS} characters")
    title = _title(script.title, lang, where, warnings)
    update = {"title": title, "bullets": short, "bullet_notes": notes}
    return script.model_copy(update=update), warnings
