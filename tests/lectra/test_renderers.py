"""Both renderers draw the same layout: a 1920x1080 frame and a PPTX PowerPoint users expect."""

from pathlib import Path

from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from lectra.models import Page
from lectra.providers.images.generated import GeneratedImages
from lectra.slides.layout import layout_content_page, layout_title_page
from lectra.slides.render_frame import render_frame
from lectra.slides.render_pptx import build_deck
from lectra.text.spans import Span


def _pages(tmp_path: Path, lang: str = "en", title: str = "How it works") -> list:
    info = GeneratedImages().fetch("solar panels", "How it works", "en", tmp_path / "img.jpg")
    cover = layout_title_page(
        Page(part=0, parts=1, title="Solar", bullets=[], notes="Welcome."), 0, "Intro", lang
    )
    page = Page(
        part=0,
        parts=1,
        title=title,
        bullets=["**Cells**: sunlight hits the cell", "Electrons move"],
        notes="Here is how.",
    )
    content = layout_content_page(
        page, 1, 2, "Solar", lang, 40, tmp_path / "img.jpg", (info.width, info.height), "panels"
    )
    return [cover, content]


def test_frame_and_deck_agree(tmp_path: Path) -> None:
    cover, content = _pages(tmp_path)
    frame = render_frame(content, tmp_path / "f.png")
    with Image.open(frame) as im:
        assert im.size == (1920, 1080)
        assert content.picture is not None
        x, y = content.picture.x + content.picture.w // 2, content.picture.y + 10
        assert im.getpixel((x, y)) != (255, 255, 255)

    deck = build_deck([(cover, 3.5, None), (content, 7.25, None)], tmp_path / "deck.pptx")
    prs = Presentation(str(deck))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    slides = list(prs.slides)
    assert slides[1].notes_slide.notes_text_frame.text == "Here is how."
    assert [s._element.find(qn("p:transition")).get("advTm") for s in slides] == ["3500", "7250"]
    assert sum(1 for sh in slides[1].shapes if sh.shape_type == 13) == 1  # one picture


def test_slides_have_real_title_and_body_placeholders(tmp_path: Path) -> None:
    deck = build_deck([(p, 2.0, None) for p in _pages(tmp_path)], tmp_path / "deck.pptx")
    cover, content = Presentation(str(deck)).slides
    # outline view and the accessibility checker read titles from the title placeholder
    assert cover.shapes.title.text == "Solar" and content.shapes.title.text == "How it works"
    kinds = {p.placeholder_format.type for p in content.placeholders}
    assert kinds == {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.OBJECT}
    body = next(p for p in content.placeholders if p.placeholder_format.idx == 1)
    first = body.text_frame.paragraphs[0]
    assert body.text_frame.text == "Cells: sunlight hits the cell\nElectrons move"
    assert [(r.text, bool(r.font.bold)) for r in first.runs] == [
        ("Cells", True),
        (": sunlight hits the cell", False),
    ]
    assert "*" not in body.text_frame.text


def test_the_templates_placeholders_span_the_wide_slide(tmp_path: Path) -> None:
    prs = Presentation(
        str(build_deck([(p, 2.0, None) for p in _pages(tmp_path)], tmp_path / "d.pptx"))
    )
    template = Presentation()  # python-pptx's 4:3 default
    pairs = zip(template.slide_layouts, prs.slide_layouts, strict=True)
    for old, new in pairs:
        for a, b in zip(old.placeholders, new.placeholders, strict=True):
            if a.left is not None:  # where each placeholder sits, as a share of the width
                assert abs(a.left / template.slide_width - b.left / prs.slide_width) < 1e-4
                assert abs(a.width / template.slide_width - b.width / prs.slide_width) < 1e-4


def test_picture_alt_text_describes_the_image_not_its_file(tmp_path: Path) -> None:
    deck = build_deck([(p, 2.0, None) for p in _pages(tmp_path)], tmp_path / "deck.pptx")
    picture = next(sh for sh in Presentation(str(deck)).slides[1].shapes if sh.shape_type == 13)
    assert picture._element.nvPicPr.cNvPr.get("descr") == "panels"


def test_runs_name_fonts_windows_and_macos_have_and_the_language(tmp_path: Path) -> None:
    for lang, slot, face, tag in [
        ("en", None, None, "en-US"),
        ("hi", "a:cs", "Nirmala UI", "hi-IN"),
        ("zh", "a:ea", "Microsoft YaHei", "zh-CN"),
        ("ko", "a:ea", "Malgun Gothic", "ko-KR"),
    ]:
        pages = _pages(tmp_path, lang)
        deck = build_deck([(p, 2.0, None) for p in pages], tmp_path / f"{lang}.pptx")
        run = Presentation(str(deck)).slides[1].shapes.title.text_frame.paragraphs[0].runs[0]
        r_pr = run._r.rPr
        assert run.font.name == "Arial" and r_pr.get("lang") == tag
        if slot:
            assert r_pr.find(qn(slot)).get("typeface") == face


def test_the_frame_recovers_each_lines_bold_runs_from_the_paragraph() -> None:
    page = Page(
        part=0,
        parts=1,
        title="T",
        bullets=["**Fire  safety**: a  long   explanation " + "that keeps going " * 12],
        notes="",
    )
    body = next(b for b in layout_content_page(page, 1, 2, "D", "en", 40).texts if b.role == "body")
    lines = body.line_runs()[0]
    assert len(lines) > 1
    assert lines[0][0] == Span(text="Fire safety", bold=True)
    assert all(not span.bold for line in lines[1:] for span in line)
    assert ["".join(s.text for s in line) for line in lines] == body.paragraphs[0]
