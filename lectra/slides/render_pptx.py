"""Draw page layouts into a 16:9 PPTX with real title and body placeholders, notes and timings."""

from collections.abc import Iterator
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.presentation import Presentation as PresentationT
from pptx.shapes.base import BaseShape
from pptx.slide import Slide
from pptx.text.text import TextFrame
from pptx.util import Emu, Pt

from lectra.runtime.files import atomic_path
from lectra.slides.fonts import FONTS
from lectra.slides.layout import EMU_PER_PX, HEIGHT, WIDTH, Box, PageLayout, TextBlock
from lectra.slides.pptx_audio import embed_narration
from lectra.slides.textfit import forced_breaks
from lectra.text.languages import get_language
from lectra.text.spans import Span

_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
# slide layouts of python-pptx's default template
TITLE_SLIDE, TITLE_AND_CONTENT, TWO_CONTENT, TITLE_ONLY = 0, 1, 3, 5
TEMPLATE_WIDTH = 9144000  # the default template is 4:3; its placeholders are widened to 16:9


def _emu(box: Box) -> tuple[Emu, Emu, Emu, Emu]:
    return (
        Emu(box.x * EMU_PER_PX),
        Emu(box.y * EMU_PER_PX),
        Emu(box.w * EMU_PER_PX),
        Emu(box.h * EMU_PER_PX),
    )


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#"))


def _fill(frame: TextFrame, block: TextBlock, lang: str) -> None:
    """Write a block's paragraphs and runs into a text frame, with our sizes and spacing."""
    frame.word_wrap = block.role != "footer"  # a footer is one line, cut to fit: never wrapped
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Emu(0)
    font = FONTS[block.font]
    tag = get_language(lang).tag
    for i, runs in enumerate(block.runs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = _ALIGN[block.align]
        para.line_spacing = Pt(block.line_px / 2)
        para.space_before = Pt(0)
        para.space_after = Pt(block.gap_px / 2)
        cuts = forced_breaks("".join(s.text for s in runs), block.paragraphs[i])
        for span, piece in _pieces(runs, cuts):
            if span is None:
                para.add_line_break()
                continue
            run = para.add_run()
            run.text = piece
            run.font.size = Pt(block.size_pt)
            run.font.bold = block.bold or span.bold
            run.font.name = font.latin
            run.font.color.rgb = _rgb(block.color)
            r_pr = run._r.get_or_add_rPr()
            r_pr.set("lang", tag)
            for tag_name, face in (("a:ea", font.east_asian), ("a:cs", font.complex_script)):
                if face:
                    el = OxmlElement(tag_name)
                    el.set("typeface", face)
                    r_pr.append(el)
        p_pr = para._p.get_or_add_pPr()
        indent = block.indent_px * EMU_PER_PX
        p_pr.set("marL", str(indent))
        p_pr.set("indent", str(-indent))
        for old in p_pr.findall(qn("a:buNone")) + p_pr.findall(qn("a:buChar")):
            p_pr.remove(old)
        if block.bullet:
            bu_font = OxmlElement("a:buFont")
            bu_font.set("typeface", "Arial")
            bu_char = OxmlElement("a:buChar")
            bu_char.set("char", "•")
            p_pr.append(bu_font)
            p_pr.append(bu_char)
        else:
            p_pr.append(OxmlElement("a:buNone"))


def _pieces(runs: list[Span], cuts: list[int]) -> Iterator[tuple[Span | None, str]]:
    """Each run's text split at the cut offsets, with (None, '') for a line break at each cut."""
    offset = 0
    for span in runs:
        end, last = offset + len(span.text), offset
        for cut in (c for c in cuts if offset < c <= end):
            yield span, span.text[last - offset : cut - offset]
            yield None, ""
            last = cut
        if last < end or not span.text:
            yield span, span.text[last - offset :]
        offset = end


def _place(shape: BaseShape, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = _emu(box)


def _set_advance(slide: Slide, seconds: float) -> None:
    transition = OxmlElement("p:transition")
    transition.set("advTm", str(round(seconds * 1000)))
    sld = slide._element
    anchor = sld.find(qn("p:clrMapOvr"))
    (anchor if anchor is not None else sld.find(qn("p:cSld"))).addnext(transition)


def _widen_template(prs: PresentationT) -> None:
    """Stretch the 4:3 template's placeholders across 16:9, for 'Reset slide' in PowerPoint."""
    scale = WIDTH * EMU_PER_PX / TEMPLATE_WIDTH
    master = prs.slide_masters[0]
    # the XML directly: python-pptx's position properties walk placeholder inheritance (0.2 s)
    for part in [master, *master.slide_layouts]:
        for xfrm in part._element.iter(qn("a:xfrm")):
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            if off is not None and ext is not None:
                off.set("x", str(round(int(off.get("x")) * scale)))
                ext.set("cx", str(round(int(ext.get("cx")) * scale)))


def _slide_layout_index(layout: PageLayout, bodies: int) -> int:
    if layout.kind == "title":
        return TITLE_SLIDE
    if bodies == 2:
        return TWO_CONTENT
    return TITLE_AND_CONTENT if bodies == 1 else TITLE_ONLY


def _add_slide(prs: PresentationT, layout: PageLayout) -> Slide:
    """One slide: title and body in the layout's placeholders, the rest as shapes."""
    framed = [b for b in layout.texts if b.role in {"title", "subtitle", "body"}]
    bodies = [b for b in framed if b.role != "title"]
    slide = prs.slides.add_slide(prs.slide_layouts[_slide_layout_index(layout, len(bodies))])
    slide.background.fill.solid()
    slide.background.fill.fore_color.rgb = _rgb(layout.background)
    holders = sorted(slide.placeholders, key=lambda p: p.placeholder_format.idx)
    for holder, block in zip(holders, framed, strict=False):
        _place(holder, block.box)
        _fill(holder.text_frame, block, layout.lang)
    for extra in holders[len(framed) :]:
        extra._element.getparent().remove(extra._element)
    for rect in layout.rects:
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *_emu(rect.box))
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(rect.color)
        shape.line.fill.background()
        shape.shadow.inherit = False
    if layout.picture is not None and layout.image_path is not None:
        picture = slide.shapes.add_picture(str(layout.image_path), *_emu(layout.picture))
        picture._element.nvPicPr.cNvPr.set("descr", layout.image_alt)
        picture.name = "Slide image"
    for block in layout.texts:
        if block.role == "footer":
            box = slide.shapes.add_textbox(*_emu(block.box))
            _fill(box.text_frame, block, layout.lang)
    slide.notes_slide.notes_text_frame.text = layout.notes
    return slide


def build_deck(pages: list[tuple[PageLayout, float, Path | None]], path: Path) -> Path:
    """Write the deck atomically: one slide per (layout, seconds on screen, narration mp3 to
    embed or None)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(WIDTH * EMU_PER_PX), Emu(HEIGHT * EMU_PER_PX)
    _widen_template(prs)
    for layout, seconds, audio in pages:
        slide = _add_slide(prs, layout)
        _set_advance(slide, seconds)
        if audio is not None:
            embed_narration(slide, audio, seconds, prs.slide_width)
    with atomic_path(path) as tmp:
        prs.save(str(tmp))
    return path
