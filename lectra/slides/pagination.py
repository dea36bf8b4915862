"""Split a slide script into deck pages: fit the slide first, split only what cannot fit."""

from collections.abc import Sequence
from typing import Literal

from lectra.models import Page, SlideScript
from lectra.slides.design import Design
from lectra.slides.layout import numbered_title, page_fits
from lectra.slides.notes import notes_for_pages
from lectra.text.cleantext import plain
from lectra.text.languages import get_language
from lectra.text.sentences import share_out, split_sentences, split_words, spoken_seconds
from lectra.text.sources import closing_words, deck_sources
from lectra.text.typography import typeset

Pagination = Literal["fit", "seed"]
MIN_PAGE_SPOKEN_S = 4.0  # a page shorter than this is merged into its neighbour
SEED_BESIDE_IMAGE = (3, 150)  # the seed's rule: 3 bullets / 150 characters beside an image
SEED_FULL_WIDTH = (4, 200)


def _balanced(count: int, pages: int) -> list[int]:
    """Group sizes for count bullets over pages, the larger groups first: 7 -> 4 + 3."""
    base, extra = divmod(count, pages)
    return [base + (1 if i < extra else 0) for i in range(pages)]


def _by_length(bullets: list[str], pages: int) -> list[int]:
    """Group sizes that make the longest group's text as short as it can be."""
    n = len(bullets)
    lengths = [len(b) for b in bullets]
    # best[p][i]: the smallest possible largest group for bullets[:i] in p groups
    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(pages + 1)]
    cut = [[0] * (n + 1) for _ in range(pages + 1)]
    best[0][0] = 0
    for p in range(1, pages + 1):
        for i in range(p, n + 1):
            for k in range(p - 1, i):
                value = max(best[p - 1][k], sum(lengths[k:i]))
                if value < best[p][i]:
                    best[p][i], cut[p][i] = value, k
    sizes, i = [], n
    for p in range(pages, 0, -1):
        sizes.append(i - cut[p][i])
        i = cut[p][i]
    return sizes[::-1]


def _grouped(bullets: list[str], sizes: list[int]) -> list[list[str]]:
    groups, start = [], 0
    for size in sizes:
        groups.append(bullets[start : start + size])
        start += size
    return groups


def _pages_fit(script: SlideScript, groups: list[list[str]], lang: str, design: Design) -> bool:
    beside = bool(script.figure or script.table)  # a source's own visual: on every page
    return all(
        page_fits(numbered_title(script.title, i, len(groups)), group, lang, design, beside)
        for i, group in enumerate(groups)
    )


def _fit_groups(script: SlideScript, lang: str, design: Design) -> list[list[str]]:
    """The fewest balanced pages whose bullets all fit; a lone bullet only when it must."""
    bullets = script.bullets
    for pages in range(1, len(bullets) + 1):
        if pages > 1 and len(bullets) >= 3 and len(bullets) < 2 * pages:
            continue  # a split that strands one bullet alone: try it only as the last resort
        for sizes in (_balanced(len(bullets), pages), _by_length(bullets, pages)):
            groups = _grouped(bullets, sizes)
            if _pages_fit(script, groups, lang, design):
                return groups
    return [[b] for b in bullets]


def _merge_short(
    script: SlideScript, groups: list[list[str]], lang: str, design: Design
) -> tuple[list[list[str]], list[str]]:
    """Merge a page whose narration is under MIN_PAGE_SPOKEN_S into a neighbour that has room."""
    notes = notes_for_pages(script, groups, lang)
    while len(groups) > 1:
        short = [i for i, n in enumerate(notes) if spoken_seconds(n, lang) < MIN_PAGE_SPOKEN_S]
        merged = None
        for i in short:
            for j in (i - 1, i + 1):
                if 0 <= j < len(groups):
                    a, b = sorted((i, j))
                    trial = [*groups[:a], groups[a] + groups[b], *groups[b + 1 :]]
                    if _pages_fit(script, trial, lang, design):
                        merged = trial
                        break
            if merged:
                break
        if merged is None:
            break
        groups = merged
        notes = notes_for_pages(script, groups, lang)
    return groups, notes


def _seed_groups(bullets: list[str], max_bullets: int, max_chars: int) -> list[list[str]]:
    pieces = [piece for bullet in bullets for piece in split_words(bullet, max_chars)]
    groups: list[list[str]] = []
    current: list[str] = []
    for piece in pieces:
        too_many = len(current) >= max_bullets
        too_long = sum(map(len, current)) + len(piece) > max_chars
        if current and (too_many or too_long):
            groups.append(current)
            current = []
        current.append(piece)
    if current:
        groups.append(current)
    return groups


def _seed(script: SlideScript, lang: str, with_image: bool) -> tuple[list[list[str]], list[str]]:
    """The seed system's rule, kept for comparison: fixed bullet and character limits."""
    limits = SEED_BESIDE_IMAGE if with_image else SEED_FULL_WIDTH
    groups = _seed_groups(script.bullets, *limits)
    weights = [sum(map(len, g)) for g in groups]
    sep = " " if get_language(lang).spaced else ""
    return groups, share_out(split_sentences(plain(script.notes)), weights, sep)


def closing_page(
    pages: list[Page], notes: list[str], lang: str, documents: Sequence[str] = ()
) -> Page:
    """The page after the last slide's: questions, the documents the deck is made from and
    the sources the deck's notes cite."""
    sources = deck_sources(notes, documents)
    title, spoken = closing_words(lang, bool(sources))
    last = pages[-1] if pages else None
    return Page(
        part=len(pages),
        parts=last.parts if last else 1,
        title=title,
        bullets=sources,
        notes=spoken,
        kind="closing",
    )


def paginate(
    script: SlideScript,
    lang: str,
    with_image: bool,
    design: Design,
    mode: Pagination = "fit",
) -> list[Page]:
    """The pages of one slide, each with the part of the notes about its own bullets."""
    if script.kind == "title" or not script.bullets:
        return [
            Page(
                part=0,
                parts=1,
                title=script.title,
                bullets=script.bullets,
                notes=typeset(plain(script.notes), lang),
            )
        ]
    if mode == "seed":
        groups, notes = _seed(script, lang, with_image)
    else:
        groups, notes = _merge_short(script, _fit_groups(script, lang, design), lang, design)
    return [
        Page(
            part=i, parts=len(groups), title=script.title, bullets=group, notes=typeset(note, lang)
        )
        for i, (group, note) in enumerate(zip(groups, notes, strict=True))
    ]
