"""Layout and pagination: fit the slide first, split only what cannot fit, never overflow."""

from pathlib import Path

import pytest

from lectra.models import Box, Page, PageLayout, SlideScript
from lectra.slides.bodyfit import lead_figure
from lectra.slides.design import theme_design
from lectra.slides.layout import (
    Picture,
    body_area,
    cover,
    layout_content_page,
    layout_title_page,
    page_title,
)
from lectra.slides.pagination import paginate
from lectra.slides.titles import TITLE_PT, deck_title_pt

NOTES = "First point explained. Second point explained at length. Third. Fourth one. Fifth. Sixth."
SENTENCE = "This bullet says something fairly specific about the topic at hand"
DESIGN = theme_design("default")
PICTURE = Picture(Path("x.jpg"), (1200, 900))


def script(bullets: list[str], notes: str = NOTES, image: bool = True) -> SlideScript:
    return SlideScript(
        index=3, title="Why it matters", bullets=bullets, notes=notes, image_query="q" * image
    )


def long_notes(count: int, words: int = 14) -> str:
    return " ".join(f"Point {i} {'is explained here ' * (words // 3)}." for i in range(count))


def page(bullets: list[str], title: str = "Short", part: int = 0, parts: int = 1) -> Page:
    return Page(part=part, parts=parts, title=title, bullets=bullets, notes="")


def content(p: Page, slide: int = 2, **kw: object) -> PageLayout:
    return layout_content_page(p, slide, slide + 1, "Deck", "en", DESIGN, 40, **kw)  # type: ignore[arg-type]


def empty_below(layout: PageLayout) -> float:
    """The share of the body area left empty under the lowest text, card or picture."""
    area = body_area(DESIGN)
    boxes = [b.box for b in layout.texts if b.role in {"body", "figure"}]
    bottoms = [b.y + b.h if layout.kind == "cards" else b.y for b in boxes]
    bottoms += [b.box.y + b.height_px for b in layout.texts if b.role == "body"]
    bottoms += [r.box.y + r.box.h for r in layout.rects]
    if layout.picture is not None:
        bottoms.append(layout.picture.y + layout.picture.h)
    return (area.y + area.h - max(bottoms)) / area.h


@pytest.mark.parametrize("count", [3, 4, 5])
def test_a_slide_that_fits_at_a_smaller_size_stays_one_page(count: int) -> None:
    bullets = [f"**Term {i}**: {SENTENCE}" for i in range(count)]
    pages = paginate(script(bullets, long_notes(count)), "en", True, DESIGN)
    assert len(pages) == 1 and pages[0].bullets == bullets


@pytest.mark.parametrize("count", [5, 7, 8])
def test_a_split_balances_pages_and_never_cuts_or_strands_a_bullet(count: int) -> None:
    bullets = [
        f"Bullet {i}: " + "a long explanation that keeps on going " * 4 for i in range(count)
    ]
    pages = paginate(script(bullets, long_notes(count)), "en", True, DESIGN)
    sizes = [len(p.bullets) for p in pages]
    assert len(sizes) >= 2 and max(sizes) - min(sizes) <= 1 and min(sizes) >= 2
    assert sizes == sorted(sizes, reverse=True)
    assert [b for p in pages for b in p.bullets] == bullets  # whole, in order
    assert [page_title(p) for p in pages][-1].endswith(f"({len(sizes)}/{len(sizes)})")


def test_a_page_with_too_little_to_say_is_merged_into_its_neighbour() -> None:
    bullets = [f"Bullet {i}: " + "a long explanation that keeps on going " * 3 for i in range(5)]
    terse = "One. Two. Three. Four. Five."
    split = paginate(script(bullets, long_notes(5)), "en", True, DESIGN)
    merged = paginate(script(bullets[:3], terse), "en", True, DESIGN)
    assert len(split) == 2
    assert len(merged) == 1


def test_seed_pagination_keeps_the_old_rule_for_comparison() -> None:
    bullets = [f"{SENTENCE} {i}" for i in range(4)]
    fit = paginate(script(bullets), "en", True, DESIGN)
    seed = paginate(script(bullets), "en", True, DESIGN, mode="seed")
    assert len(fit) == 1
    assert len(seed) == 2 and all(sum(map(len, p.bullets)) <= 150 for p in seed)


def test_one_title_size_per_deck_where_every_title_fits_two_lines() -> None:
    box = DESIGN.styles["content"].title
    assert deck_title_pt(("Short", "Also short"), "latin", box.w, box.h) == TITLE_PT[1]
    long = "A title that goes on for quite a while about many things " * 2
    size = deck_title_pt(("Short", long), "latin", box.w, box.h)
    assert TITLE_PT[0] <= size < TITLE_PT[1]
    short = layout_content_page(page(["a"]), 1, 2, "D", "en", DESIGN, size)
    assert short.texts[0].size_pt == size


def test_a_title_too_long_is_shortened_at_a_clause_never_cut_with_an_ellipsis() -> None:
    title = (
        "Smoke alarms, escape plans and the everyday habits that together decide whether a "
        "family gets out of a burning house in the few minutes it has"
    )
    layout = content(page(["a"], title=title))
    shown = layout.texts[0].source[0]
    assert "…" not in shown and title.startswith(shown) and shown[-1] not in ",;:"
    assert len(layout.texts[0].paragraphs[0]) <= 2
    assert all("…" not in line for line in layout.texts[0].paragraphs[0])


def test_a_shortened_split_title_keeps_its_number() -> None:
    title = "Smoke alarms, escape plans and the everyday habits that together decide " * 2
    layout = content(page(["a"], title=title, part=1, parts=2))
    shown = layout.texts[0].source[0]
    assert shown.endswith(" (2/2)") and title.startswith(shown.removesuffix(" (2/2)"))
    assert "…" not in shown and len(layout.texts[0].paragraphs[0]) <= 2


def test_the_picture_fills_its_share_of_the_body_from_top_to_bottom() -> None:
    bullets = [f"{SENTENCE} {i}" for i in range(5)]
    layout = content(page(bullets), 2, picture=PICTURE)
    area = body_area(DESIGN)
    assert layout.kind == "beside" and layout.picture is not None
    assert layout.picture.y == area.y and layout.picture.h == area.h
    left, top, right, bottom = layout.crop
    shown = (1 - left - right) * 1200 / ((1 - top - bottom) * 900)
    assert abs(shown - layout.picture.w / layout.picture.h) < 0.01  # cropped, not squashed
    assert empty_below(layout) <= 0.25


def test_a_few_short_bullets_without_a_picture_go_on_cards_that_fill_the_body() -> None:
    layout = content(page(["Alarms on every level", "Test them monthly", "Plan two exits"]))
    assert layout.kind == "cards" and len(layout.rects) >= 3
    assert empty_below(layout) <= 0.25
    bodies = [b for b in layout.texts if b.role == "body"]
    assert len({b.size_pt for b in bodies}) == 1 and not any(b.bullet for b in bodies)


def test_a_bullet_that_leads_with_a_figure_shows_the_figure_large() -> None:
    assert lead_figure("Over 90% of stored capacity is lithium-ion") == (
        "Over 90%",
        "of stored capacity is lithium-ion",
    )
    assert lead_figure("1.2 GW: the largest site") == ("1.2 GW", "the largest site")
    assert lead_figure("Batteries store energy") is None
    bullets = ["**Over 90%** of stored capacity is lithium-ion", "Prices fell fast", "Grids"]
    layout = content(page(bullets), 2, picture=PICTURE)
    figures = [b for b in layout.texts if b.role == "figure"]
    body = [b for b in layout.texts if b.role == "body"]
    assert layout.kind == "cards" and figures and figures[0].source == ["Over 90%"]
    assert figures[0].size_pt > max(b.size_pt for b in body)
    assert layout.picture is not None  # stacked cards keep the picture beside them


def test_many_short_bullets_go_into_two_columns() -> None:
    bullets = [f"Short point {i}" for i in range(12)]
    layout = content(page(bullets))
    bodies = [b for b in layout.texts if b.role == "body"]
    assert layout.kind == "columns" and len(bodies) == 2
    assert bodies[0].size_pt == bodies[1].size_pt and bodies[0].box.y == bodies[1].box.y


def test_continuation_pages_are_numbered_and_keep_the_picture() -> None:
    bullets = [f"{SENTENCE} {i}" for i in range(5)]
    one = content(page(bullets, "Benefits", 0, 2), 3, picture=PICTURE)
    two = content(page(bullets, "Benefits", 1, 2), 3, picture=PICTURE)
    assert one.texts[0].source == ["Benefits (1/2)"] and two.texts[0].source == ["Benefits (2/2)"]
    assert one.picture is not None and two.picture is not None
    assert [t.source for t in one.texts][-1] == ["4a"] and two.texts[-1].source == ["4b"]


def test_a_cited_source_is_on_the_slide_inside_the_body_area() -> None:
    layout = content(page(["One thing", "Another"]), source="Source: iea.org/reports/storage")
    line = [b for b in layout.texts if b.role == "source"]
    assert line and line[0].source == ["Source: iea.org/reports/storage"]
    body = DESIGN.styles["content"].body
    assert body is not None and line[0].box.y + line[0].box.h <= body.y + body.h


@pytest.mark.parametrize("lang", ["en", "de", "hi", "zh", "ja", "ko"])
def test_no_text_block_overflows_its_box(lang: str) -> None:
    bullets = ["界面" * 40 if lang in {"zh", "ja"} else "Wide words " * 14] * 5
    pages = paginate(script(bullets, long_notes(5)), lang, True, DESIGN)
    for each in pages:
        layout = layout_content_page(each, 3, 4, "A deck title " * 20, lang, DESIGN, 32, PICTURE)
        for block in layout.texts:
            assert block.height_px <= block.box.h, (lang, block.role)
            assert block.box.y + block.box.h <= 1080
    title = layout_title_page(page([], title="T " * 300), 0, "Sub", lang, DESIGN)
    assert all(b.height_px <= b.box.h for b in title.texts)


def test_cover_crops_the_long_side_evenly() -> None:
    assert cover(Box(x=0, y=0, w=100, h=100), 200, 100) == (0.25, 0.0, 0.25, 0.0)
    assert cover(Box(x=0, y=0, w=200, h=100), 100, 100) == (0.0, 0.25, 0.0, 0.25)
