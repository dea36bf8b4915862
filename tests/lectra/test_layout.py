"""Layout and pagination: text never overflows, continuation slides share the notes."""

from pathlib import Path

import pytest

from lectra.layout import BODY_BESIDE, contain, layout_content_page, layout_title_page
from lectra.models import Box, Page, SlideScript
from lectra.pagination import paginate

NOTES = "First point explained. Second point explained at length. Third. Fourth one. Fifth. Sixth."


def script(bullets: list[str], image: bool = True) -> SlideScript:
    return SlideScript(
        index=3,
        title="Why it matters",
        bullets=bullets,
        notes=NOTES,
        image_query="q" if image else "",
    )


def test_a_short_slide_is_one_page() -> None:
    pages = paginate(script(["One", "Two", "Three"]), "en", with_image=True)
    assert len(pages) == 1 and pages[0].notes == NOTES


@pytest.mark.parametrize(
    ("with_image", "max_bullets", "max_chars"), [(True, 3, 150), (False, 4, 200)]
)
def test_pages_respect_bullet_and_character_limits(
    with_image: bool, max_bullets: int, max_chars: int
) -> None:
    bullets = [
        f"Bullet number {i} says something fairly specific about the topic" for i in range(9)
    ]
    pages = paginate(script(bullets, with_image), "en", with_image=with_image)
    assert len(pages) > 1
    assert [p.part for p in pages] == list(range(len(pages)))
    assert all(
        len(p.bullets) <= max_bullets and sum(map(len, p.bullets)) <= max_chars for p in pages
    )
    assert [b for p in pages for b in p.bullets] == bullets
    # the notes are shared out by sentence, in order, nothing lost
    assert " ".join(p.notes for p in pages if p.notes) == NOTES
    assert all(p.notes for p in pages)


def test_an_enormous_bullet_is_split_across_pages() -> None:
    pages = paginate(script(["word " * 120]), "en", with_image=True)
    assert len(pages) >= 4
    assert all(sum(map(len, p.bullets)) <= 150 for p in pages)


@pytest.mark.parametrize("lang", ["en", "de", "hi", "zh", "ja", "ko"])
def test_no_text_block_overflows_its_box(lang: str) -> None:
    bullets = ["界面" * 40 if lang in {"zh", "ja"} else "Wide words " * 14] * 5
    for page in paginate(script(bullets), lang, with_image=True):
        layout = layout_content_page(
            page, 3, 4, "A deck title " * 20, lang, Path("x.jpg"), (1200, 900)
        )
        for block in layout.texts:
            assert block.height_px <= block.box.h, (lang, block.role)
    title = layout_title_page(
        Page(part=0, parts=1, title="T " * 300, bullets=[], notes=""), 0, "Sub", lang
    )
    assert all(b.height_px <= b.box.h for b in title.texts)


def test_continuation_titles_are_numbered_and_images_kept_in_aspect() -> None:
    page = Page(part=1, parts=2, title="Benefits", bullets=["a"], notes="")
    layout = layout_content_page(page, 3, 4, "Deck", "en", Path("x.jpg"), (1600, 900))
    assert layout.texts[0].source == ["Benefits (2/2)"]
    assert layout.picture is not None and abs(layout.picture.w / layout.picture.h - 16 / 9) < 0.01
    assert layout.texts[1].box == BODY_BESIDE
    without = layout_content_page(page, 3, 4, "Deck", "en")
    assert without.picture is None and without.texts[1].box.w > BODY_BESIDE.w


def test_contain_centres_the_image() -> None:
    assert contain(Box(x=0, y=0, w=100, h=100), 200, 100) == Box(x=0, y=25, w=100, h=50)
