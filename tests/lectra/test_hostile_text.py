"""What a writer can send that must not reach the deck as it is: control characters, empty or
endless notes, endless bullets, unbreakable words, another language."""

import unicodedata
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from lectra.config.run import RunConfig
from lectra.models import Outline, SlideScript
from lectra.pipeline.deck import build_presentation
from lectra.providers.writers.tidy import MAX_NOTES_CHARS, tidy_script
from lectra.slides.design import theme_design
from lectra.slides.layout import PageLayout
from lectra.slides.pagination import paginate
from lectra.slides.textfit import PX_PER_PT, _token_width
from lectra.text.language_check import guess, language_warning
from tests.bounds import ends_before
from tests.conftest import make_cfg
from tests.fakes.realistic import CONTENT
from tests.lectra import steps
from tests.lectra.office import ink_box, ink_outside, office_pages

pytestmark = pytest.mark.hostile

URL = "https://example.com/" + "a" * 150
WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt" * 2


def _script(**fields: object) -> SlideScript:
    base: dict[str, object] = {
        "index": 1,
        "title": "Heat pumps",
        "bullets": ["They move heat", "They run on electricity"],
        "notes": "Heat pumps move heat instead of making it. They run on electricity.",
    }
    return SlideScript(**(base | fields))


def _controls(text: str) -> list[str]:
    return [ch for ch in text if unicodedata.category(ch) == "Cc" and ch != "\n"]


def test_control_characters_never_reach_the_script() -> None:
    dirty = "Heat\x00 pumps\x1b[31m move\x07 heat\x7f\tfast"
    script, _ = tidy_script(
        _script(title=dirty, bullets=[dirty], notes=dirty + ".", image_query=dirty), "en"
    )
    for text in [script.title, *script.bullets, script.notes, script.image_query]:
        assert _controls(text) == [], repr(text)
    assert "Heat pumps[31m move heat fast" in script.bullets[0]


@pytest.mark.parametrize("notes", ["", "   \n\t  ", "**  **", "\u200b"])
def test_empty_notes_are_replaced_by_the_slide_text_with_a_warning(notes: str) -> None:
    script, warnings = tidy_script(_script(notes=notes), "en")
    assert "They move heat" in script.notes and "Heat pumps" in script.notes
    assert any("no speaker notes" in w for w in warnings)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_five_megabytes_of_notes_are_cut_at_a_sentence_quickly(lang: str) -> None:
    sentence = "Heat pumps move heat. " if lang == "en" else "热泵搬运热量。"
    with ends_before(120):  # quadratic work on 5 MB would take many minutes
        script, warnings = tidy_script(_script(notes=sentence * (5_000_000 // len(sentence))), lang)
    limit = MAX_NOTES_CHARS if lang == "en" else MAX_NOTES_CHARS // 2
    assert 0.9 * limit < len(script.notes) <= limit
    assert script.notes.endswith("heat." if lang == "en" else "。")
    assert any("speaker notes cut from" in w for w in warnings)


def test_eight_two_thousand_word_bullets_stay_a_few_pages() -> None:
    bullet = " ".join(["extraordinarily"] * 2000)
    script, warnings = tidy_script(_script(bullets=[bullet] * 8), "en")
    pages = paginate(script, "en", with_image=True, design=theme_design("default"))
    assert len(pages) <= 4
    assert any("8 bullet(s) shortened" in w for w in warnings)


def test_english_answers_to_a_german_deck_are_warned_about() -> None:
    english = " ".join(b + " " + n for b, n in CONTENT["en"]["pairs"][:2])
    _, warnings = tidy_script(_script(notes=english), "de")
    assert any("looks English, not German" in w for w in warnings)


@pytest.mark.parametrize("lang", sorted(CONTENT))
def test_model_written_text_in_the_deck_language_is_not_warned_about(lang: str) -> None:
    for bullet, narration in CONTENT[lang]["pairs"]:
        assert language_warning(f"{bullet}\n{narration}", lang, "slide 1") is None
    assert guess("\n".join(n for _, n in CONTENT[lang]["pairs"])) == lang


def _long_word_deck(tmp_path: Path) -> tuple[RunConfig, list[PageLayout], list[Path], Path]:
    cfg = make_cfg(tmp_path, slides=2, lang="de", image_source="generated")
    outline = Outline(title=WORD, subtitle=URL, slide_titles=[WORD, f"{WORD} {URL}"])
    frames, narrations = [], []
    for i in range(2):
        plan = steps.planned(
            cfg,
            outline,
            _script(
                index=i,
                kind="title" if i == 0 else "content",
                title=WORD,
                bullets=[URL, WORD, "kurz"] if i else [],
                notes=f"Siehe {URL}.",
            ),
            i,
            "test",
        )
        frames.append(steps.render_frames(cfg, outline, plan, steps.make_image(cfg, plan)))
        narrations.append(steps.narrate(cfg, plan))
    pptx = build_presentation(cfg, frames, narrations).path
    layouts = [layout for f in frames for layout in f.layouts]
    return cfg, layouts, [p for f in frames for p in f.paths], pptx


def test_unbreakable_words_stay_in_their_boxes_in_the_frame_and_in_libreoffice(
    tmp_path: Path,
) -> None:
    cfg, layouts, frames, pptx = _long_word_deck(tmp_path)
    for layout in layouts:
        for block in layout.texts:
            bold = block.bold or block.role == "title"
            for line in (line for para in block.paragraphs for line in para):
                width = _token_width(block.font, block.size_pt * PX_PER_PT, bold, line)
                assert width <= block.box.w, (block.role, line, width, block.box.w)
    pages = office_pages(pptx, tmp_path / "office")
    assert len(pages) == len(frames)
    breaks = [
        len(p._p.findall("{*}br"))
        for s in Presentation(str(pptx)).slides
        for sh in s.shapes
        if sh.has_text_frame
        for p in sh.text_frame.paragraphs
    ]
    assert sum(breaks) >= 4  # the frame's breaks inside words, said in the PPTX
    for layout, frame_path, page_path in zip(layouts, frames, pages, strict=True):
        frame = Image.open(frame_path).convert("RGB")
        office = Image.open(page_path).convert("RGB").crop((0, 0, 1920, 1080))
        art = cfg.design.backdrop(layout.style)
        assert ink_outside(frame, layout, art) <= 50 and ink_outside(office, layout, art) <= 50
        for block in layout.texts:
            ours, theirs = (ink_box(im, block.box, layout.background) for im in (frame, office))
            assert ours is not None and theirs is not None
            assert max(abs(a - b) for a, b in zip(ours, theirs, strict=True)) <= 0.03 * 1080
