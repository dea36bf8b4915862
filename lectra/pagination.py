"""Split a slide script into deck pages that fit, sharing the notes between them."""

from lectra.languages import get_language
from lectra.layout import fit_body
from lectra.models import Page, SlideScript
from lectra.textfit import share_out, split_sentences, split_words

BESIDE_IMAGE = (3, 150)  # at most 3 bullets / 150 characters on a page beside an image
FULL_WIDTH = (4, 200)


def _groups(bullets: list[str], max_bullets: int, max_chars: int) -> list[list[str]]:
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


def _until_fit(group: list[str], font: str, with_image: bool) -> list[list[str]]:
    """Halve a group until each half fits at the smallest font size."""
    if len(group) == 1 or fit_body(group, font, with_image) is not None:
        return [group]
    mid = len(group) // 2
    return _until_fit(group[:mid], font, with_image) + _until_fit(group[mid:], font, with_image)


def paginate(script: SlideScript, lang: str, with_image: bool) -> list[Page]:
    """The pages of one slide; continuation pages get their share of the notes by sentence."""
    if script.kind == "title" or not script.bullets:
        return [
            Page(part=0, parts=1, title=script.title, bullets=script.bullets, notes=script.notes)
        ]
    language = get_language(lang)
    font = language.font
    limits = BESIDE_IMAGE if with_image else FULL_WIDTH
    groups = [
        fitted
        for group in _groups(script.bullets, *limits)
        for fitted in _until_fit(group, font, with_image)
    ]
    weights = [sum(map(len, g)) for g in groups]
    notes = share_out(split_sentences(script.notes), weights, " " if language.spaced else "")
    return [
        Page(part=i, parts=len(groups), title=script.title, bullets=group, notes=note)
        for i, (group, note) in enumerate(zip(groups, notes, strict=True))
    ]
