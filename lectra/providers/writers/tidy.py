"""What a writer gave, made usable: too many or too long titles and bullets shortened, warned."""

from lectra.models import Outline, SlideScript
from lectra.text.cleantext import plain, printable
from lectra.text.language_check import language_warning
from lectra.text.languages import get_language
from lectra.text.sentences import split_sentences, split_words
from lectra.text.typography import typeset

MAX_TITLE_CHARS = 120  # a longer title is cut at a clause (the slide shortens it further)
_CLAUSES = (": ", " \u2013 ", " \u2014 ", " - ", "; ", ", ", " (", "\uff1a", "\uff0c", "\u3001")
MAX_BULLET_CHARS = 220
MAX_BULLETS = 8
MAX_NOTES_CHARS = 4000  # about four minutes spoken; longer notes are cut at a sentence
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


def clause_cut(text: str, limit: int, lang: str) -> str:
    """text cut at its last clause boundary before limit characters, else at a word; never
    with an ellipsis: a title reads whole."""
    limit = limit // 2 if lang in _WIDE else limit
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit]
    ends = [i for sep in _CLAUSES if (i := head.rfind(sep)) > limit // 3]
    if ends:
        return head[: max(ends)].rstrip()
    if " " in head and lang not in {"zh", "ja"}:
        head = head[: head.rfind(" ")]
    return head.rstrip(" ,;:-\u2013\u2014、，")


def _title(text: str, lang: str, where: str, warnings: list[str]) -> str:
    whole = plain(printable(text))
    clean = clause_cut(whole, MAX_TITLE_CHARS, lang)
    if clean != " ".join(whole.split()):
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
    titles = [typeset(_title(t, lang, f"slide {i}", warnings), lang) for i, t in enumerate(titles)]
    title = typeset(_title(outline.title, lang, "deck", warnings), lang)
    subtitle = typeset(plain(printable(outline.subtitle)), lang)
    update = {"title": title, "subtitle": subtitle, "slide_titles": titles}
    return outline.model_copy(update=update), warnings


def capped_notes(notes: str, lang: str) -> str:
    """notes cut after the last whole sentence that fits MAX_NOTES_CHARS (halved for CJK)."""
    limit = MAX_NOTES_CHARS // 2 if lang in _WIDE else MAX_NOTES_CHARS
    if len(notes) <= limit:
        return notes
    sep = " " if get_language(lang).spaced else ""
    kept: list[str] = []
    for sentence in split_sentences(notes):
        if len(sep.join([*kept, sentence])) > limit:
            break
        kept.append(sentence)
    return sep.join(kept) or split_words(notes, limit)[0]


def _spoken(script: SlideScript, lang: str, where: str, warnings: list[str]) -> dict[str, object]:
    """The script's narration fields, capped; its own text read out when the notes are empty."""
    notes = printable(script.notes).strip()
    if not any(ch.isalnum() for ch in notes):  # nothing a voice could say
        warnings.append(f"{where}: the writer gave no speaker notes; the slide's text is read")
        sep = " " if get_language(lang).spaced else ""
        return {"notes": sep.join([script.title, *script.bullets]), "bullet_notes": []}
    capped = capped_notes(notes, lang)
    if capped == notes:
        return {"notes": notes, "bullet_notes": [printable(n) for n in script.bullet_notes]}
    warnings.append(f"{where}: speaker notes cut from {len(notes)} to {len(capped)} characters")
    return {"notes": capped, "bullet_notes": [], "opening": ""}


def tidy_script(script: SlideScript, lang: str) -> tuple[SlideScript, list[str]]:
    """A script with at most MAX_BULLETS bullets, each at most MAX_BULLET_CHARS long.

    Control characters go; empty notes become the slide's text; over-long notes are cut;
    a script in another language than the deck's is warned about.
    """
    warnings: list[str] = []
    where = f"slide {script.index}"
    bullets = [printable(b) for b in script.bullets]
    script = script.model_copy(update={"bullets": bullets, "opening": printable(script.opening)})
    script = script.model_copy(update=_spoken(script, lang, where, warnings))
    bullets, notes = script.bullets, script.bullet_notes
    if len(bullets) > MAX_BULLETS:
        warnings.append(f"{where}: {len(bullets)} bullets; kept the first {MAX_BULLETS}")
        bullets, notes = bullets[:MAX_BULLETS], notes[:MAX_BULLETS]
    short = [shorten(b, MAX_BULLET_CHARS, lang) for b in bullets]
    cut = sum(1 for a, b in zip(bullets, short, strict=True) if a != b and b.endswith("…"))
    if cut:
        warnings.append(f"{where}: {cut} bullet(s) shortened to {MAX_BULLET_CHARS} characters")
    title = typeset(_title(script.title, lang, where, warnings), lang)
    short = [typeset(b, lang) for b in short]
    query = " ".join(printable(script.image_query).split())
    update = {"title": title, "bullets": short, "bullet_notes": notes, "image_query": query}
    tidied = script.model_copy(update=update)
    foreign = language_warning("\n".join([title, *short, tidied.notes]), lang, where)
    return tidied, warnings + ([foreign] if foreign else [])
