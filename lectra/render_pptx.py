"""Draw page layouts into a 16:9 PPTX with speaker notes and auto-advance timings."""

from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.slide import Slide
from pptx.util import Emu, Pt

from lectra.files import atomic_path
from lectra.fonts import family
from lectra.layout import EMU_PER_PX, HEIGHT, WIDTH, Box, PageLayout, TextBlock

_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
BLANK_LAYOUT = 6


def _emu(box: Box) -> tuple[Emu, Emu, Emu, Emu]:
    return (
        Emu(box.x * EMU_PER_PX),
        Emu(box.y * EMU_PER_PX),
        Emu(box.w * EMU_PER_PX),
        Emu(box.h * EMU_PER_PX),
    )


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#"))


def _add_text(slide: Slide, block: TextBlock) -> None:
    frame = slide.shapes.add_textbox(*_emu(block.box)).text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Emu(0)
    face = family(block.font)
    for i, text in enumerate(block.source):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = _ALIGN[block.align]
        para.line_spacing = Pt(block.line_px / 2)
        para.space_after = Pt(block.gap_px / 2)
        run = para.add_run()
        run.text = text
        run.font.size = Pt(block.size_pt)
        run.font.bold = block.bold
        run.font.name = face
        run.font.color.rgb = _rgb(block.color)
        r_pr = run._r.get_or_add_rPr()
        for tag in ("a:ea", "a:cs"):  # East Asian and complex scripts use their own typeface slot
            el = OxmlElement(tag)
            el.set("typeface", face)
            r_pr.append(el)
        if block.bullet:
            p_pr = para._p.get_or_add_pPr()
            p_pr.set("marL", str(block.indent_px * EMU_PER_PX))
            p_pr.set("indent", str(-block.indent_px * EMU_PER_PX))
            bu_font = OxmlElement("a:buFont")
            bu_font.set("typeface", "Arial")
            bu_char = OxmlElement("a:buChar")
            bu_char.set("char", "•")
            p_pr.append(bu_font)
            p_pr.append(bu_char)


def _set_advance(slide: Slide, seconds: float) -> None:
    transition = OxmlElement("p:transition")
    transition.set("advTm", str(round(seconds * 1000)))
    sld = slide._element
    anchor = sld.find(qn("p:clrMapOvr"))
    (anchor if anchor is not None else sld.find(qn("p:cSld"))).addnext(transition)


def build_deck(pages: list[tuple[PageLayout, float]], path: Path) -> Path:
    """Write the deck: one slide per (layout, seconds on screen), atomically."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(WIDTH * EMU_PER_PX), Emu(HEIGHT * EMU_PER_PX)
    for layout, seconds in pages:
        slide = prs.slides.add_slide(prs.slide_layouts[BLANK_LAYOUT])
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = _rgb(layout.background)
        for rect in layout.rects:
            shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *_emu(rect.box))
            shape.fill.solid()
            shape.fill.fore_color.rgb = _rgb(rect.color)
            shape.line.fill.background()
            shape.shadow.inherit = False
        if layout.picture is not None and layout.image_path is not None:
            slide.shapes.add_picture(str(layout.image_path), *_emu(layout.picture))
        for block in layout.texts:
            _add_text(slide, block)
        slide.notes_slide.notes_text_frame.text = layout.notes
        _set_advance(slide, seconds)
    with atomic_path(path) as tmp:
        prs.save(str(tmp))
    return path
