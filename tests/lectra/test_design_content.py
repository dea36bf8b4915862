"""What the design asks of content: bold lead-ins survive the model's list marks, titles are
cut at a clause not with '…', sources are readable, drawn pictures are in the deck's colours."""

from pathlib import Path

import pytest
from PIL import Image, ImageStat

from lectra.models import Box, Page
from lectra.providers.images.generated import illustration
from lectra.providers.writers.prompts import ScriptDraft
from lectra.providers.writers.tidy import clause_cut
from lectra.slides.design import theme_design
from lectra.slides.layout import layout_content_page
from lectra.slides.legibility import legible
from lectra.slides.titles import short_title
from lectra.text.sources import closing_words, deck_sources, readable_url, source_line


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        (
            "**Fire safety**: most fires start at night",
            "**Fire safety**: most fires start at night",
        ),
        ("* **Fire safety**: most fires", "**Fire safety**: most fires"),
        ("- Smoke spreads fast", "Smoke spreads fast"),
        ("3. Third point", "Third point"),
        ("1.5 GW of storage came online", "1.5 GW of storage came online"),
        ("2030 targets", "2030 targets"),
    ],
)
def test_list_marks_go_and_bold_lead_ins_and_figures_stay(given: str, kept: str) -> None:
    draft = ScriptDraft(bullets=[given], notes="Something to say.")
    assert draft.bullets == [kept]


def test_a_long_title_is_cut_at_a_clause_and_never_ends_in_an_ellipsis() -> None:
    title = "Smoke alarms, escape plans and habits: what decides whether a family gets out in time"
    assert clause_cut(title, 60, "en") == "Smoke alarms, escape plans and habits"
    assert clause_cut("Wort " * 40, 50, "de").endswith("Wort")
    cut = short_title(
        "Rauchmelder, Fluchtpläne und die alltäglichen Gewohnheiten, die gemeinsam darüber "
        "entscheiden, ob eine Familie rechtzeitig aus einem brennenden Haus kommt",
        "latin",
        900,
        44,
    )
    assert "…" not in cut and cut.startswith("Rauchmelder") and cut[-1].isalpha()


def test_sources_are_readable_and_each_shown_once() -> None:
    assert readable_url("https://www.iea.org/reports/grid-scale-storage/.") == (
        "iea.org/reports/grid-scale-storage"
    )
    notes = [
        "See https://www.nfpa.org/education/checklist for more.",
        "Per www.nfpa.org/education/checklist.",
    ]
    assert deck_sources(notes) == ["nfpa.org/education/checklist"]
    assert source_line(notes[0], "de") == "Quelle: nfpa.org/education/checklist"
    assert source_line("No link here.", "en") == ""
    assert closing_words("de", True) == (
        "Fragen?",
        "Vielen Dank fürs Zuhören. Fragen sind willkommen. Die Quellen stehen auf dieser Folie.",
    )


def _hue_share(image: Image.Image, color: tuple[int, int, int]) -> float:
    """The share of pixels near a colour."""
    small = image.convert("RGB").resize((120, 90))
    near = 0
    for x in range(120):
        for y in range(90):
            px = small.getpixel((x, y))
            assert isinstance(px, tuple)
            near += sum(abs(a - b) for a, b in zip(px, color, strict=True)) < 120
    return near / (120 * 90)


def test_drawn_pictures_take_the_decks_colours_vary_by_slide_and_carry_no_text(
    tmp_path: Path,
) -> None:
    warm = ["#C2410C", "#D97706", "#FDBA74"]
    made = [illustration(f"query {i}", f"Title {i}", warm) for i in range(8)]
    assert len({im.tobytes() for im in made}) == 8
    assert all(max(ImageStat.Stat(im.convert("L")).stddev) > 10 for im in made)
    orange = sum(
        _hue_share(im, (0xC2, 0x41, 0x0C)) + _hue_share(im, (0xD9, 0x77, 0x06)) for im in made
    )
    blue = sum(_hue_share(im, (0x25, 0x63, 0xEB)) for im in made)
    assert orange > 0.05 * len(made) and blue < 0.01 * len(made)
    # the same slide draws the same picture; the caption band of the old art is gone
    again = illustration("query 0", "Title 0", warm)
    assert again.tobytes() == made[0].tobytes()
    bottom = made[0].crop((0, 730, 1200, 900)).convert("L")
    assert ImageStat.Stat(bottom).mean[0] > 60  # no dark caption band at the foot


def _art(tmp_path: Path, left: str, right: str) -> dict[str, Path]:
    """Backgrounds half one colour, half another, for every kind of slide."""
    made = {}
    for kind in ("title", "content", "section"):
        image = Image.new("RGB", (1920, 1080), right)
        image.paste(Image.new("RGB", (960, 1080), left), (0, 0))
        made[kind] = tmp_path / f"{kind}.png"
        image.save(made[kind])
    return made


def test_text_over_varied_art_gets_a_panel_and_plain_art_a_readable_colour(
    tmp_path: Path,
) -> None:
    design = theme_design("default")  # dark text on white
    plain = legible(design, _art(tmp_path, "#101010", "#101010")).styles["content"]
    assert plain.body_color == "#FFFFFF" and plain.panel == ""  # dark art: white text
    varied = legible(design, _art(tmp_path, "#101010", "#FAFAFA")).styles["content"]
    assert varied.panel == "#FFFFFF" and varied.body_color == design.styles["content"].body_color
    layout = layout_content_page(
        Page(part=0, parts=1, title="T", bullets=["One point", "Another point " * 6], notes=""),
        2,
        3,
        "D",
        "en",
        design.model_copy(update={"styles": {**design.styles, "content": varied}}),
        40,
    )
    panels = [r for r in layout.rects if r.color == "#FFFFFF" and r.alpha > 0.5]
    body = [b for b in layout.texts if b.role == "body"]

    def inside(b: Box, p: Box) -> bool:
        return p.x <= b.x and p.y <= b.y and b.x + b.w <= p.x + p.w and b.y <= p.y + p.h

    assert panels and all(any(inside(b.box, p.box) for p in panels) for b in body)
