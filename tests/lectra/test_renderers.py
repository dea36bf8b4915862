"""Both renderers draw the same layout on the design: a frame and a PPTX on its template."""

from pathlib import Path

from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from lectra.models import Page, PageLayout
from lectra.providers.images.generated import GeneratedImages
from lectra.slides.design import Design, theme_design
from lectra.slides.layout import Picture, layout_content_page, layout_title_page
from lectra.slides.render_frame import render_frame
from lectra.slides.render_pptx import DECORATIVE, build_deck
from lectra.text.spans import Span

DESIGN = theme_design("default")


def _pages(
    tmp_path: Path, lang: str = "en", title: str = "How it works", design: Design = DESIGN
) -> list[PageLayout]:
    info = GeneratedImages().fetch("solar panels", "How it works", "en", tmp_path / "img.jpg")
    cover = layout_title_page(
        Page(part=0, parts=1, title="Solar", bullets=[], notes="Welcome."),
        0,
        "Intro",
        lang,
        design,
    )
    page = Page(
        part=0,
        parts=1,
        title=title,
        bullets=["**Cells**: sunlight hits the cell", "Electrons move", "Current flows out"],
        notes="Here is how.",
    )
    content = layout_content_page(
        page,
        2,
        3,
        "Solar",
        lang,
        design,
        40,
        Picture(tmp_path / "img.jpg", (info.width, info.height), "panels"),
    )
    return [cover, content]


def test_frame_and_deck_agree(tmp_path: Path) -> None:
    cover, content = _pages(tmp_path)
    frame = render_frame(content, tmp_path / "f.png", DESIGN.backdrop("content"))
    with Image.open(frame) as im:
        assert im.size == (1920, 1080)
        assert content.picture is not None
        x, y = content.picture.x + content.picture.w // 2, content.picture.y + 10
        assert im.getpixel((x, y)) != (255, 255, 255)
        assert im.getpixel((10, 500)) == (0x25, 0x63, 0xEB)  # the theme's accent bar, drawn in

    deck = build_deck([(cover, 3.5, None), (content, 7.25, None)], tmp_path / "deck.pptx", DESIGN)
    prs = Presentation(str(deck))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    slides = list(prs.slides)
    assert slides[1].notes_slide.notes_text_frame.text == "Here is how."
    assert [s._element.find(qn("p:transition")).get("advTm") for s in slides] == ["3500", "7250"]
    assert sum(1 for sh in slides[1].shapes if sh.shape_type == 13) == 1  # one picture


def test_slides_have_real_title_and_body_placeholders_on_the_themes_layouts(tmp_path: Path) -> None:
    deck = build_deck([(p, 2.0, None) for p in _pages(tmp_path)], tmp_path / "deck.pptx", DESIGN)
    cover, content = Presentation(str(deck)).slides
    # outline view and the accessibility checker read titles from the title placeholder
    assert cover.shapes.title.text == "Solar" and content.shapes.title.text == "How it works"
    assert cover.slide_layout.name == "Title Slide"
    assert content.slide_layout.name == "Title and Content"
    kinds = {p.placeholder_format.type for p in content.placeholders}
    assert kinds == {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.OBJECT}
    body = next(p for p in content.placeholders if p.placeholder_format.idx == 1)
    first = body.text_frame.paragraphs[0]
    assert (
        body.text_frame.text == "Cells: sunlight hits the cell\nElectrons move\nCurrent flows out"
    )
    assert [(r.text, bool(r.font.bold)) for r in first.runs] == [
        ("Cells", True),
        (": sunlight hits the cell", False),
    ]
    assert "*" not in body.text_frame.text


def test_generated_art_is_marked_decorative_and_photos_keep_their_description(
    tmp_path: Path,
) -> None:
    content = _pages(tmp_path)[1]
    drawn = content.model_copy(update={"decorative": True})
    deck = build_deck([(content, 2.0, None), (drawn, 2.0, None)], tmp_path / "deck.pptx", DESIGN)
    photo, art = (
        next(sh for sh in slide.shapes if sh.shape_type == 13)
        for slide in Presentation(str(deck)).slides
    )
    assert photo._element.nvPicPr.cNvPr.get("descr") == "panels"
    marks = art._element.nvPicPr.cNvPr.findall(f".//{qn('a:ext')}")
    assert [m.get("uri") for m in marks] == [DECORATIVE]
    assert art._element.nvPicPr.cNvPr.get("descr") == ""


def test_runs_name_the_themes_fonts_and_the_language(tmp_path: Path) -> None:
    warm = theme_design("warm")
    for lang, slot, face, tag, latin in [
        ("en", None, None, "en-US", "Cambria"),
        ("hi", "a:cs", "Nirmala UI", "hi-IN", "Arial"),  # its Latin letters are Arial's
        ("zh", "a:ea", "Microsoft YaHei", "zh-CN", "Microsoft YaHei"),
        ("ko", "a:ea", "Malgun Gothic", "ko-KR", "Malgun Gothic"),
    ]:
        pages = _pages(tmp_path, lang, design=warm)
        deck = build_deck([(p, 2.0, None) for p in pages], tmp_path / f"{lang}.pptx", warm)
        run = Presentation(str(deck)).slides[1].shapes.title.text_frame.paragraphs[0].runs[0]
        r_pr = run._r.rPr
        assert run.font.name == latin and r_pr.get("lang") == tag
        if slot:
            assert r_pr.find(qn(slot)).get("typeface") == face
            assert r_pr.get("altLang") == "en-US"  # the acronyms and URLs in it
        else:
            assert r_pr.get("altLang") is None


def test_the_deck_keeps_the_templates_masters_and_theme_and_none_of_its_slides(
    tmp_path: Path,
) -> None:
    template = Presentation(str(DESIGN.source))
    deck = build_deck([(p, 2.0, None) for p in _pages(tmp_path)], tmp_path / "deck.pptx", DESIGN)
    prs = Presentation(str(deck))
    assert len(prs.slides) == 2
    assert [lay.name for lay in prs.slide_layouts] == [lay.name for lay in template.slide_layouts]
    names = {str(p.partname) for p in prs.part.package.iter_parts()}
    assert "/ppt/theme/theme1.xml" in names
    assert not any(
        n.startswith("/ppt/notesSlides/")
        for n in names - {"/ppt/notesSlides/notesSlide1.xml", "/ppt/notesSlides/notesSlide2.xml"}
    )


def test_the_frame_recovers_each_lines_bold_runs_from_the_paragraph() -> None:
    page = Page(
        part=0,
        parts=1,
        title="T",
        bullets=["**Fire  safety**: a  long   explanation " + "that keeps going " * 12],
        notes="",
    )
    layout = layout_content_page(page, 2, 3, "D", "en", DESIGN, 40)
    body = next(b for b in layout.texts if b.role == "body")
    lines = body.line_runs()[0]
    assert len(lines) > 1
    assert lines[0][0] == Span(text="Fire safety", bold=True)
    assert all(not span.bold for line in lines[1:] for span in line)
    assert ["".join(s.text for s in line) for line in lines] == body.paragraphs[0]
