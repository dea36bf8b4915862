"""Draw page layouts into a PPTX on the design's template: its masters, layouts and theme,
the text in the layouts' placeholders, with notes, timings and narration."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

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

from lectra.models import Box, PageLayout, TextBlock
from lectra.runtime.files import atomic_path
from lectra.slides.deckfile import add_slide, empty_deck
from lectra.slides.design import Design
from lectra.slides.fonts import font_spec
from lectra.slides.pptx_audio import advance_after, embed_narration
from lectra.slides.pptx_table import add_table
from lectra.slides.template import placeholder_kind
from lectra.slides.textfit import forced_breaks
from lectra.text.languages import get_language
from lectra.text.spans import Span

_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"  # Office's 'mark as decorative'
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
ALT_LANG = "en-US"  # the language Office assumes for Latin text in a CJK or Hindi run
PLACED = {"title", "subtitle", "body"}  # roles that go into the layout's placeholders


class _Scale:
    """Frame pixels and layout points in the design's EMU and PPTX points."""

    def __init__(self, design: Design) -> None:
        self.emu, self.pt = design.emu_per_px, design.pt_scale

    def box(self, box: Box) -> tuple[Emu, Emu, Emu, Emu]:
        return tuple(Emu(round(v * self.emu)) for v in (box.x, box.y, box.w, box.h))  # type: ignore[return-value]

    def points(self, value: float) -> Pt:
        return Pt(round(value * self.pt * 100) / 100)


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#"))


def _fill(frame: TextFrame, block: TextBlock, lang: str, scale: _Scale) -> None:
    """Write a block's paragraphs and runs into a text frame, with our sizes and spacing."""
    frame.word_wrap = block.role != "footer"  # a footer is one line, cut to fit: never wrapped
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Emu(0)
    font = font_spec(block.font)
    tag = get_language(lang).tag
    for i, runs in enumerate(block.runs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = _ALIGN[block.align]
        para.line_spacing = scale.points(block.line_px / 2)
        para.space_before = Pt(0)
        para.space_after = scale.points(block.gap_px / 2)
        cuts = forced_breaks("".join(s.text for s in runs), block.paragraphs[i])
        for span, piece in _pieces(runs, cuts):
            if span is None:
                para.add_line_break()
                continue
            run = para.add_run()
            run.text = piece
            run.font.size = scale.points(block.size_pt)
            run.font.bold = block.bold or span.bold
            run.font.italic = False
            run.font.name = font.latin
            run.font.color.rgb = _rgb(block.color)
            r_pr = run._r.get_or_add_rPr()
            r_pr.set("lang", tag)
            if font.east_asian or font.complex_script:  # the Latin text inside it: English
                r_pr.set("altLang", ALT_LANG)
            r_pr.set("cap", "none")  # a template's all-caps titles would not be what we measured
            r_pr.set("spc", "0")
            for tag_name, face in (("a:ea", font.east_asian), ("a:cs", font.complex_script)):
                if face:
                    el = OxmlElement(tag_name)
                    el.set("typeface", face)
                    r_pr.append(el)
        p_pr = para._p.get_or_add_pPr()
        indent = round(block.indent_px * scale.emu)
        p_pr.set("marL", str(indent))
        p_pr.set("indent", str(-indent))
        for old in p_pr.findall(qn("a:buNone")) + p_pr.findall(qn("a:buChar")):
            p_pr.remove(old)
        if block.bullet:
            bu_font = OxmlElement("a:buFont")
            bu_font.set("typeface", "Arial")
            bu_size = OxmlElement("a:buSzPct")
            bu_size.set("val", "100000")
            p_pr.append(bu_size)
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


def _place(shape: BaseShape, box: Box, scale: _Scale) -> None:
    shape.left, shape.top, shape.width, shape.height = scale.box(box)


def _holders(slide: Slide) -> dict[str, list[Any]]:
    """The slide's placeholders by the role of text they take."""
    found: dict[str, list[Any]] = {"title": [], "subtitle": [], "body": []}
    for holder in sorted(slide.placeholders, key=lambda p: p.placeholder_format.idx):
        role = placeholder_kind(holder._element)
        if role in found:
            found[role].append(holder)
        else:
            holder._element.getparent().remove(holder._element)
    return found


def _text_box(slide: Slide, block: TextBlock, lang: str, scale: _Scale) -> None:
    box = slide.shapes.add_textbox(*scale.box(block.box))
    _fill(box.text_frame, block, lang, scale)


def _rects(slide: Slide, layout: PageLayout, scale: _Scale) -> None:
    """The layout's shapes (cards, panels, bars), behind the placeholders' text."""
    tree = slide.shapes._spTree
    for n, rect in enumerate(layout.rects):
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *scale.box(rect.box))
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(rect.color)
        if rect.alpha < 1:
            alpha = OxmlElement("a:alpha")
            alpha.set("val", str(round(rect.alpha * 100000)))
            shape.fill._xPr.find(qn("a:solidFill"))[0].append(alpha)
        shape.line.fill.background()
        shape.shadow.inherit = False
        tree.remove(shape._element)
        tree.insert(2 + n, shape._element)  # after the group's own properties


def _picture(slide: Slide, layout: PageLayout, scale: _Scale) -> None:
    if layout.picture is None or layout.image_path is None:
        return
    picture = slide.shapes.add_picture(str(layout.image_path), *scale.box(layout.picture))
    picture.crop_left, picture.crop_top, picture.crop_right, picture.crop_bottom = layout.crop
    element: Any = picture._element
    c_nv_pr = element.nvPicPr.cNvPr
    c_nv_pr.set("descr", "" if layout.decorative else layout.image_alt)
    picture.name = "Slide image"
    if layout.decorative:
        ext_lst, ext = OxmlElement("a:extLst"), OxmlElement("a:ext")
        ext.set("uri", DECORATIVE)
        mark = ext.makeelement(f"{{{DECORATIVE_NS}}}decorative", nsmap={"adec": DECORATIVE_NS})
        mark.set("val", "1")
        ext.append(mark)
        ext_lst.append(ext)
        c_nv_pr.append(ext_lst)


def _add_slide(prs: PresentationT, layout: PageLayout, design: Design) -> Slide:
    """One slide on the design's layout: title and body in its placeholders, the rest as
    shapes and text boxes over the template's art."""
    scale = _Scale(design)
    slide = add_slide(prs, design, layout.style)
    holders = _holders(slide)
    _rects(slide, layout, scale)
    _picture(slide, layout, scale)
    if layout.table is not None:
        add_table(
            slide,
            layout.table,
            scale.box,
            scale.emu,
            lambda frame, block: _fill(frame, block, layout.lang, scale),
        )
    for block in layout.texts:
        free = holders.get(block.role) if block.role in PLACED else None
        if block.role == "subtitle" and not free:
            free = holders["body"]  # a title slide laid out on a title-and-content layout
        if free:
            holder = free.pop(0)
            _place(holder, block.box, scale)
            _fill(holder.text_frame, block, layout.lang, scale)
        else:
            _text_box(slide, block, layout.lang, scale)
    for unused in (h for group in holders.values() for h in group):
        unused._element.getparent().remove(unused._element)
    notes: Any = slide.notes_slide.notes_text_frame
    notes.text = layout.notes
    return slide


def build_deck(
    pages: list[tuple[PageLayout, float, Path | None]], path: Path, design: Design
) -> Path:
    """Write the deck atomically on the design's template: one slide per (layout, seconds
    on screen, narration mp3 to embed or None)."""
    prs = empty_deck(design)
    for layout, seconds, audio in pages:
        slide = _add_slide(prs, layout, design)
        advance_after(slide._element, seconds)
        if audio is not None:
            embed_narration(slide, audio, seconds, int(prs.slide_width or 0))
    with atomic_path(path) as tmp:
        prs.save(str(tmp))
    return path
