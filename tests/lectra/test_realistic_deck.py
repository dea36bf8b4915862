"""Realistic model output in eight languages gives a deck a person would present.

A loopback Ollama writes the way a good model does (tests/fakes/realistic.py); espeak-ng
speaks through a shim on PATH that records what it was asked to say; LibreOffice renders
the PPTX and each page is compared with its frame.
"""

import itertools
import os
import re
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from lectra.media.ffmpeg import probe_duration
from lectra.media.subtitles import MAX_CUE_S, MIN_CUE_S, line_chars, page_cues
from lectra.models import PageLayout
from lectra.slides.fonts import autospace, script_changes
from lectra.slides.pagination import MIN_PAGE_SPOKEN_S
from lectra.slides.textfit import PX_PER_PT
from lectra.text.typography import typeset
from tests.lectra.office import ink_box, ink_outside, office_lines, office_pages, squeezed
from tests.lectra.realistic_deck import Deck, build

LANGS = ["en", "es", "fr", "de", "hi", "zh", "ja", "ko"]
MARKS = re.compile(r"\*\*|__|`|\]\(|^#|^\s*[-*] ", re.MULTILINE)
SEPARATOR = "\x1e"


@pytest.fixture(scope="module", params=LANGS)
def deck(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """One realistic 8-slide deck, what espeak-ng was asked to say, and LibreOffice's pages."""
    lang = request.param
    root = tmp_path_factory.mktemp(lang)
    log = root / "spoken.txt"
    real = shutil.which("espeak-ng")
    assert real, "espeak-ng is installed by make setup"
    shim = root / "bin" / "espeak-ng"
    shim.parent.mkdir()
    shim.write_text(
        f'#!/bin/sh\ninput=$(cat)\nprintf "%s{SEPARATOR}" "$input" >> "{log}"\n'
        f'printf "%s" "$input" | exec "{real}" "$@"\n'
    )
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATH", f"{shim.parent}{os.pathsep}{os.environ['PATH']}")
        made = build(root, lang)
    spoken = [s for s in log.read_text(encoding="utf-8").split(SEPARATOR) if s.strip()]
    yield made, spoken, office_pages(made.pptx, root / "office")


def _layouts(deck: Deck) -> list[PageLayout]:
    return [layout for frames in deck.frames for layout in frames.layouts]


def test_eight_slides_stay_at_most_ten_pages_none_under_four_seconds(deck: tuple) -> None:
    made, _, _ = deck
    durations = [audio.duration_s for n in made.narrations for audio in n.pages]
    assert len(durations) == len(_layouts(made)) <= 10
    assert min(durations[1:]) >= MIN_PAGE_SPOKEN_S  # the title slide's welcome may be short
    assert all(len(p.bullets) >= 2 for plan in made.plans for p in plan.pages if p.parts > 1)


def test_no_markdown_on_any_slide_and_none_spoken_nor_any_url(deck: tuple) -> None:
    made, spoken, _ = deck
    for layout in _layouts(made):
        for block in layout.texts:
            drawn = [line for para in block.paragraphs for line in para]
            for text in [*block.source, *drawn]:
                assert not MARKS.search(text), text
    for slide in Presentation(str(made.pptx)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                assert not MARKS.search(shape.text_frame.text), shape.text_frame.text
    # espeak-ng speaks sentence by sentence: one call for each timed sentence, a sentence
    # heard again (the title slide's welcome repeats a slide's) recalled, not spoken again
    timed = [s.text for n in made.narrations for page in n.pages for s in page.sentences]
    assert sorted(spoken) == sorted(set(timed))
    for text in spoken:
        assert not MARKS.search(text) and "*" not in text, text
        assert not re.search(r"https?:|www\.|://", text), text
    assert any(re.search(r"\.(org|de|in|cn|es|fr|jp|kr)\b", t) for t in spoken)


def test_split_pages_speak_about_their_own_bullets(deck: tuple) -> None:
    made, _, _ = deck
    lang = made.cfg.lang
    sep = "" if lang in {"zh", "ja"} else " "
    for plan in made.plans:
        script = plan.script
        pages = [p for p in plan.pages if p.kind == "content"]  # not the closing page
        if not script.bullet_notes or len(pages) < 2:
            continue
        start = 0
        for page in pages:
            mine = script.bullet_notes[start : start + len(page.bullets)]
            assert page.notes.endswith(typeset(sep.join(mine).replace("**", ""), lang)[-40:])
            start += len(page.bullets)


def test_libreoffice_draws_each_page_as_its_frame(deck: tuple) -> None:
    made, _, pages = deck
    layouts = _layouts(made)
    frames = [path for f in made.frames for path in f.paths]
    assert len(pages) == len(layouts) == len(frames)
    prs = Presentation(str(made.pptx))
    for n, (layout, frame_path, page_path, slide) in enumerate(
        zip(layouts, frames, pages, prs.slides, strict=True)
    ):
        frame = Image.open(frame_path).convert("RGB")
        # pdftoppm rounds 13.333 in at 144 dpi up to 1921 px: the extra column is page edge
        office = Image.open(page_path).convert("RGB").crop((0, 0, 1920, 1080))
        # the same title in both: never cut with '…' in one and whole in the other
        # (its lines broken where the frame breaks them, for CJK and inside words)
        assert slide.shapes.title.text.replace("\v", "") == layout.texts[0].source[0]
        bodies = {b.size_pt for b in layout.texts if b.role == "body"}
        assert len(bodies) <= 1, (n, bodies)  # columns share one size
        for block in layout.texts:
            ours, theirs = (ink_box(im, block.box, layout.background) for im in (frame, office))
            assert ours is not None and theirs is not None, (n, block.role)
            # LibreOffice spaces Hangul from punctuation and Latin: its lines are that much wider
            extra = autospace(block.font, block.size_pt * PX_PER_PT, False) * max(
                script_changes(line) for para in block.paragraphs for line in para
            )
            dx = max(abs(a - b) for a, b in zip(ours[::2], theirs[::2], strict=True)) - extra
            dy = max(abs(a - b) for a, b in zip(ours[1::2], theirs[1::2], strict=True))
            assert dx <= 0.03 * 1920 and dy <= 0.03 * 1080, (n, block.role, ours, theirs)
        art = made.cfg.design.backdrop(layout.style)
        assert ink_outside(office, layout, art) <= 50, n
        assert ink_outside(frame, layout, art) <= 50, n


def test_libreoffice_breaks_every_line_where_the_frame_does(deck: tuple) -> None:
    made, _, pages = deck
    set_by_office = office_lines(pages[0].parent / made.pptx.with_suffix(".pdf").name)
    layouts = _layouts(made)
    assert len(set_by_office) == len(layouts)
    for n, (layout, theirs) in enumerate(zip(layouts, set_by_office, strict=True)):
        for block in layout.texts:
            for line in (line for para in block.paragraphs for line in para):
                assert "…" not in line, (n, line)
                assert squeezed(line) in theirs, (n, block.role, line, theirs)


def test_subtitles_of_model_written_notes_fit_and_say_what_is_spoken(deck: tuple) -> None:
    made, _, _ = deck
    lang = made.cfg.lang
    width = line_chars(lang)
    for narration in made.narrations:
        for page in narration.pages:
            cues = page_cues(page, lang)
            for cue in cues:
                assert 1 <= len(cue.lines) <= 2 and max(map(len, cue.lines)) <= width, cue
                assert MIN_CUE_S - 1e-6 <= cue.seconds <= MAX_CUE_S + 1e-6, cue
            assert all(a.end <= b.start for a, b in itertools.pairwise(cues))
            assert not cues or (cues[0].start >= 0 and cues[-1].end <= page.duration_s)
            shown = "".join(line for cue in cues for line in cue.lines)
            said = "".join(s.text for s in page.sentences)
            assert re.sub(r"\s+", "", shown) == re.sub(r"\s+", "", typeset(said, lang))


def test_each_slide_of_the_pptx_carries_its_own_narration(deck: tuple, tmp_path: Path) -> None:
    made, _, _ = deck
    chunks = [audio for narration in made.narrations for audio in narration.pages]
    slides = list(Presentation(str(made.pptx)).slides)
    assert len(slides) == len(chunks)
    for n, (slide, chunk) in enumerate(zip(slides, chunks, strict=True)):
        parts = [r.target_part for r in slide.part.rels.values() if r.reltype == RT.AUDIO]
        assert len(parts) == 1 and parts[0].blob == chunk.path.read_bytes()
        (tmp_path / f"{n}.mp3").write_bytes(parts[0].blob)
        assert probe_duration(tmp_path / f"{n}.mp3") == pytest.approx(chunk.duration_s, abs=0.05)
