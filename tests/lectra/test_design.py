"""The design check: every built-in theme and third-party templates of different kinds give a
deck on the template's masters, at one type scale, with whole titles, bodies used, and frames
that match LibreOffice's rendering of the PPTX page by page."""

import zipfile
from pathlib import Path

import pptx
import pytest
from pptx import Presentation

from bench.design import DeckFigures, check, grey_difference
from lectra.runtime.processes import run_bounded
from lectra.slides.backdrops import draw_backdrops
from lectra.slides.design import KINDS, THEMES, theme_design
from lectra.slides.office import office_available

OTP = Path("/usr/lib/libreoffice/share/template/common/presnt")
# LibreOffice's own Impress templates (not Lectra's), saved as .pptx: a dark gradient, a
# picture-filled 4:3 master with example slides, a busy one and a minimal light one
THIRD_PARTY = {"Lights": "dark", "Vintage": "picture", "Focus": "busy", "Blue_Curve": "light"}
PYTHON_PPTX = Path(pptx.__file__).parent / "templates" / "default.pptx"


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The third-party templates as PPTX files: LibreOffice's, converted by LibreOffice, and
    python-pptx's own 4:3 default (Microsoft's layouts, no example slides)."""
    if not office_available() or not OTP.is_dir():
        pytest.fail("LibreOffice is needed: make setup-test installs it")
    out = tmp_path_factory.mktemp("templates")
    sources = [str(OTP / f"{name}.otp") for name in THIRD_PARTY]
    done = run_bounded(
        [
            "soffice",
            f"-env:UserInstallation=file://{out / 'profile'}",
            "--headless",
            "--convert-to",
            "pptx",
            "--outdir",
            str(out),
            *sources,
        ],
        None,
        300,
        env={"HOME": str(out), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    made = {name: out / f"{name}.pptx" for name in THIRD_PARTY}
    made["python-pptx"] = PYTHON_PPTX
    return made


def _assert_designed(fig: DeckFigures) -> None:
    assert fig.median_difference <= 8 and fig.worst_difference <= 14, fig
    assert max(fig.body_pt) - min(fig.body_pt) <= 4, fig.body_pt
    assert fig.cut_titles == [], fig.cut_titles
    assert fig.most_empty_below <= 0.25, fig
    assert fig.bold_lead_ins > 0 and fig.sources_shown >= 1, fig


@pytest.mark.parametrize("theme", THEMES)
def test_every_theme_passes_the_design_check(theme: str) -> None:
    _assert_designed(check("en", theme=theme))


def test_the_default_theme_passes_the_design_check_in_german() -> None:
    _assert_designed(check("de", theme="default"))


@pytest.mark.parametrize("name", [*THIRD_PARTY, "python-pptx"])
def test_a_third_party_template_passes_the_design_check(
    name: str, templates: dict[str, Path]
) -> None:
    template = templates[name]
    fig = check("en", template=str(template))
    _assert_designed(fig)
    prs = Presentation(str(template))
    width = round(1080 * prs.slide_width / prs.slide_height / 2) * 2
    assert fig.size == (width, 1080)  # 4:3 templates give 4:3 frames


@pytest.mark.parametrize("name", ["Vintage", "python-pptx"])
def test_the_deck_keeps_the_templates_masters_and_theme_and_none_of_its_examples(
    name: str, templates: dict[str, Path], tmp_path: Path
) -> None:
    from tests.lectra.realistic_deck import build

    template = templates[name]
    made = build(tmp_path, "en", template=str(template))
    given, deck = Presentation(str(template)), Presentation(str(made.pptx))
    assert (deck.slide_width, deck.slide_height) == (given.slide_width, given.slide_height)
    assert [m.name for m in deck.slide_layouts] == [m.name for m in given.slide_layouts]
    assert len(deck.slide_masters) == len(given.slide_masters)
    pages = sum(len(f.layouts) for f in made.frames)
    assert len(deck.slides) == pages
    with zipfile.ZipFile(template) as a, zipfile.ZipFile(made.pptx) as b:
        themes = sorted(n for n in a.namelist() if n.startswith("ppt/theme/"))
        assert themes and all(a.read(n) == b.read(n) for n in themes)
        example_text = {
            t.text_frame.text
            for s in given.slides
            for t in s.shapes
            if t.has_text_frame and t.text_frame.text
        }
        shown = {t.text_frame.text for s in deck.slides for t in s.shapes if t.has_text_frame}
        assert not (example_text & shown)


@pytest.mark.parametrize("theme", THEMES)
def test_the_shipped_theme_backgrounds_are_what_libreoffice_draws(
    theme: str, tmp_path: Path
) -> None:
    design = theme_design(theme)
    drawn = draw_backdrops(design, tmp_path)
    for kind in KINDS:
        assert grey_difference(drawn[kind], design.backdrop(kind)) <= 1.0, kind
