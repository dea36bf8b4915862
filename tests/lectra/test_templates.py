"""A template is read as the user's file: checked, bounded, and a one-line error when it
cannot make a deck; its look is read as PowerPoint resolves it."""

import io
import zipfile
from pathlib import Path
from typing import get_args

import pptx
import pytest
from pptx import Presentation

from flows.cli import main
from lectra.config.settings import ThemeName
from lectra.runtime.errors import InputError
from lectra.slides.design import THEMES, read_design, theme_design
from lectra.slides.package import MAX_UNPACKED_BYTES

DEFAULT = Path(pptx.__file__).parent / "templates" / "default.pptx"


def _without_titles(folder: Path) -> Path:
    """A real deck whose layouts have no title placeholder."""
    prs = Presentation()
    for layout in prs.slide_layouts:
        for holder in list(layout.placeholders):
            if "TITLE" in str(holder.placeholder_format.type):
                holder._element.getparent().remove(holder._element)
    path = folder / "untitled.pptx"
    prs.save(str(path))
    return path


def _bomb(folder: Path) -> Path:
    """A small zip that unpacks to more than the limit."""
    path = folder / "bomb.pptx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ppt/presentation.xml", b"<x/>")
        archive.writestr("ppt/media/big.bin", bytes(MAX_UNPACKED_BYTES + 1))
    return path


@pytest.fixture
def bad(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bad")
    (folder / "notes.txt").write_text("not a deck")
    (folder / "locked.pptx").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(600))
    (folder / "words.pptx").write_bytes(_zip({"word/document.xml": b"<w/>"}))
    (folder / "broken.pptx").write_bytes(_zip({"ppt/presentation.xml": b"<not closed"}))
    return {
        "text": folder / "notes.txt",
        "encrypted": folder / "locked.pptx",
        "docx": folder / "words.pptx",
        "broken": folder / "broken.pptx",
        "missing": folder / "nowhere.pptx",
        "folder": folder,
        "untitled": _without_titles(folder),
        "bomb": _bomb(folder),
    }


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("text", "is not a PPTX file"),
        ("encrypted", "is encrypted or an old .ppt"),
        ("docx", "is not a PowerPoint presentation"),
        ("broken", "is damaged XML"),
        ("missing", "No such file or directory"),
        ("folder", "not a regular file"),
        ("untitled", "has no title slide layout"),
        ("bomb", "unpacks to"),
    ],
)
@pytest.mark.hostile
def test_a_template_that_cannot_make_a_deck_is_one_line_exit_2(
    kind: str,
    message: str,
    bad: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code = main(["Solar", "--template", str(bad[kind]), "--output-dir", str(tmp_path / "out")])
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and message in lines[0], err
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(InputError, match=message):
        read_design(bad[kind], kind)


def test_an_unknown_theme_is_refused_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["Solar", "--theme", "neon"]) == 2
    assert "invalid choice: 'neon'" in capsys.readouterr().err


def test_a_4_3_template_gives_4_3_pages_and_its_own_boxes_faces_and_colours() -> None:
    design = read_design(DEFAULT, "python-pptx")
    assert (design.width, design.height) == (1440, 1080)
    assert design.title_face == design.body_face == "Calibri"
    content = design.styles["content"]
    assert content.title.x == 72 and content.body is not None and content.body.y > content.title.y
    assert content.title_color == "#000000" and design.accents[0] == "#4F81BD"
    assert design.body_pt == (28, 32)  # its body text is 32 pt: one step below it is 28


def test_a_potx_template_is_read_as_its_pptx(tmp_path: Path) -> None:
    data = DEFAULT.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    types = parts["[Content_Types].xml"]
    parts["[Content_Types].xml"] = types.replace(
        b"presentationml.presentation.main+xml", b"presentationml.template.main+xml"
    )
    potx = tmp_path / "corporate.potx"
    potx.write_bytes(_zip(parts))
    assert read_design(potx, "potx").width == 1440


def test_the_settings_offer_exactly_the_themes_there_are() -> None:
    assert get_args(ThemeName) == THEMES


def test_every_theme_is_a_template_with_title_content_and_section_layouts() -> None:
    for name in ("default", "dark", "warm", "contrast"):
        design = theme_design(name)
        assert design.builtin and design.warnings == []
        assert set(design.styles) == {"title", "content", "section"}
        assert design.width == 1920 and all(design.backdrop(k).is_file() for k in design.styles)
