"""Layout and pagination: fit the slide first, split only what cannot fit, never overflow."""

from pathlib import Path

import pytest

from lectra.models import Box, Page, SlideScript
from lectra.slides.bodyfit import BODY_PT
from lectra.slides.layout import (
    TITLE_PT,
    contain,
    deck_title_pt,
    layout_content_page,
    layout_title_page,
    page_title,
)
from lectra.slides.pagination import paginate

NOTES = "First point explained. Second point explained at length. Third. Fourth one. Fifth. Sixth."
SENTENCE = "This bullet says something fairly specific about the topic at hand"


def script(bullets: list[str], notes: str = NOTES, image: bool = True) -> SlideScript:
    return SlideScript(
        index=3, title="Why it matters", bullets=bullets, notes=notes, image_query="q" * image
    )


def long_notes(count: int, words: int = 14) -> str:
    return " ".join(f"Point {i} {'is explained here ' * (words // 3)}." for i in range(count))


@pytest.mark.parametrize("count", [3, 4, 5, 7])
def test_a_slide_that_fits_at_a_smaller_size_stays_one_page(count: int) -> None:
    bullets = [f"**Term {i}**: {SENTENCE}" for i in range(count)]
    pages = paginate(script(bullets, long_notes(count)), "en", True, TITLE_PT[1])
    assert len(pages) == 1 and pages[0].bullets == bullets


@pytest.mark.parametrize(("count", "sizes"), [(5, [3, 2]), (7, [4, 3]), (8, [4, 4])])
def test_a_split_balances_pages_and_never_cuts_or_strands_a_bullet(
    count: int, sizes: list[int]
) -> None:
    bullets = [
        f"Bullet {i}: " + "a long explanation that keeps on going " * 5 for i in range(count)
    ]
    pages = paginate(script(bullets, long_notes(count)), "en", True, TITLE_PT[1])
    assert [len(p.bullets) for p in pages] == sizes
    assert [b for p in pages for b in p.bullets] == bullets  # whole, in order
    assert [page_title(p) for p in pages][-1].endswith(f"({len(sizes)}/{len(sizes)})")


def test_a_page_with_too_little_to_say_is_merged_into_its_neighbour() -> None:
    bullets = [f"Bullet {i}: " + "a long explanation that keeps on going " * 5 for i in range(5)]
    terse = "One. Two. Three. Four. Five."
    split = paginate(script(bullets, long_notes(5)), "en", True, TITLE_PT[1])
    merged = paginate(script(bullets[:4], terse), "en", True, TITLE_PT[1])
    assert len(split) == 2
    assert len(merged) == 1


def test_seed_pagination_keeps_the_old_rule_for_comparison() -> None:
    bullets = [f"{SENTENCE} {i}" for i in range(4)]
    fit = paginate(script(bullets), "en", True, TITLE_PT[1])
    seed = paginate(script(bullets), "en", True, TITLE_PT[1], mode="seed")
    assert len(fit) == 1
    assert len(seed) == 2 and all(sum(map(len, p.bullets)) <= 150 for p in seed)


def test_one_title_size_per_deck_where_every_title_fits_two_lines() -> None:
    assert deck_title_pt(("Short", "Also short"), "en") == TITLE_PT[1]
    long = "A title that goes on for quite a while about many things " * 2
    size = deck_title_pt(("Short", long), "en")
    assert TITLE_PT[0] <= size < TITLE_PT[1]
    short = layout_content_page(
        Page(part=0, parts=1, title="Short", bullets=["a"], notes=""), 1, 2, "D", "en", size
    )
    assert short.texts[0].size_pt == size


def test_the_body_starts_under_a_one_line_title_and_the_picture_at_the_text() -> None:
    page = Page(part=0, parts=1, title="Short", bullets=["One thing", "Another"], notes="")
    layout = layout_content_page(page, 1, 2, "Deck", "en", 40, Path("x.jpg"), (1200, 900))
    title, body = layout.texts[0], layout.texts[1]
    assert body.box.y - (title.box.y + title.box.h) < 100
    assert layout.picture is not None and layout.picture.y == body.box.y
    assert layout.kind == "beside" and body.size_pt == BODY_PT[1]


def test_many_short_bullets_go_into_two_columns() -> None:
    bullets = [f"Short point {i}" for i in range(12)]
    page = Page(part=0, parts=1, title="Checklist", bullets=bullets, notes="")
    layout = layout_content_page(page, 1, 2, "Deck", "en", 40)
    bodies = [b for b in layout.texts if b.role == "body"]
    assert layout.kind == "columns" and len(bodies) == 2
    assert bodies[0].size_pt == bodies[1].size_pt and bodies[0].box.y == bodies[1].box.y


def test_continuation_pages_are_numbered_and_leave_the_picture_to_the_first() -> None:
    first = Page(part=0, parts=2, title="Benefits", bullets=["a", "b"], notes="")
    second = first.model_copy(update={"part": 1})
    one = layout_content_page(first, 3, 4, "Deck", "en", 40, Path("x.jpg"), (1600, 900))
    two = layout_content_page(second, 3, 4, "Deck", "en", 40, Path("x.jpg"), (1600, 900))
    assert one.texts[0].source == ["Benefits (1/2)"] and two.texts[0].source == ["Benefits (2/2)"]
    assert one.picture is not None and two.picture is None
    assert [t.source for t in one.texts][-1] == ["4a"] and two.texts[-1].source == ["4b"]
    assert abs(one.picture.w / one.picture.h - 16 / 9) < 0.01


@pytest.mark.parametrize("lang", ["en", "de", "hi", "zh", "ja", "ko"])
def test_no_text_block_overflows_its_box(lang: str) -> None:
    bullets = ["界面" * 40 if lang in {"zh", "ja"} else "Wide words " * 14] * 5
    pages = paginate(script(bullets, long_notes(5)), lang, True, 32)
    for page in pages:
        layout = layout_content_page(
            page, 3, 4, "A deck title " * 20, lang, 32, Path("x.jpg"), (1200, 900)
        )
        for block in layout.texts:
            assert block.height_px <= block.box.h, (lang, block.role)
            assert block.box.y + block.box.h <= 1080
    title = layout_title_page(
        Page(part=0, parts=1, title="T " * 300, bullets=[], notes=""), 0, "Sub", lang
    )
    assert all(b.height_px <= b.box.h for b in title.texts)


def test_a_cut_title_is_cut_the_same_for_every_renderer() -> None:
    page = Page(part=0, parts=1, title="Word " * 80, bullets=["a"], notes="")
    layout = layout_content_page(page, 1, 2, "Deck", "en", 40)
    title = layout.texts[0]
    assert title.source[0].endswith("…")  # the PPTX writes source; the frame draws paragraphs
    assert title.paragraphs[0][-1].endswith("…")


def test_contain_centres_the_image_or_pins_it_to_the_top() -> None:
    assert contain(Box(x=0, y=0, w=100, h=100), 200, 100) == Box(x=0, y=25, w=100, h=50)
    assert contain(Box(x=0, y=0, w=100, h=100), 200, 100, "top") == Box(x=0, y=0, w=100, h=50)
