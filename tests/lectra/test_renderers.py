"""Both renderers draw the same layout: a 1920x1080 frame and a PPTX slide with notes and timing."""

from pathlib import Path

from PIL import Image
from pptx import Presentation
from pptx.oxml.ns import qn

from lectra.layout import layout_content_page, layout_title_page
from lectra.models import Page
from lectra.providers.generated_images import GeneratedImages
from lectra.render_frame import render_frame
from lectra.render_pptx import build_deck


def test_frame_and_deck_agree(tmp_path: Path) -> None:
    info = GeneratedImages().fetch("solar panels", "How it works", "en", tmp_path / "img.jpg")
    title = layout_title_page(
        Page(part=0, parts=1, title="Solar", bullets=[], notes="Welcome."), 0, "Intro", "en"
    )
    page = Page(
        part=0,
        parts=1,
        title="How it works",
        bullets=["Sunlight hits the cell", "Electrons move"],
        notes="Here is how.",
    )
    content = layout_content_page(
        page, 1, 2, "Solar", "en", tmp_path / "img.jpg", (info.width, info.height)
    )

    frame = render_frame(content, tmp_path / "f.png")
    with Image.open(frame) as im:
        assert im.size == (1920, 1080)
        # the picture is drawn where the layout says
        assert content.picture is not None
        x, y = content.picture.x + content.picture.w // 2, content.picture.y + 10
        assert im.getpixel((x, y)) != (255, 255, 255)

    deck = build_deck([(title, 3.5), (content, 7.25)], tmp_path / "deck.pptx")
    prs = Presentation(str(deck))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    slides = list(prs.slides)
    assert len(slides) == 2
    assert slides[1].notes_slide.notes_text_frame.text == "Here is how."
    assert [s._element.find(qn("p:transition")).get("advTm") for s in slides] == ["3500", "7250"]
    texts = [sh.text_frame.text for sh in slides[1].shapes if sh.has_text_frame]
    assert "How it works" in texts and "Sunlight hits the cell\nElectrons move" in texts
    assert sum(1 for sh in slides[1].shapes if sh.shape_type == 13) == 1  # one picture
