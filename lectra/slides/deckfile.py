"""A new deck on a design's template: its masters, layouts and theme, none of its slides."""

import re
from io import BytesIO
from typing import Any

from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationT
from pptx.slide import Slide

from lectra.slides.design import Design
from lectra.slides.template import placeholder_kind, template_package

FIELDS = {"date", "footer", "number"}  # placeholders the deck draws its own of
SAMPLE = re.compile(r"<(?:date/time|footer|number|#)>|\u2039#\u203a")


def empty_deck(design: Design) -> PresentationT:
    """The template with its example slides (and their notes and media) dropped, and the
    masters' and layouts' date, footer and number placeholders, which LibreOffice would show
    on every slide with their sample text."""
    prs = Presentation(BytesIO(template_package(design.source).data))
    slide_ids: Any = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)
    for master in prs.slide_masters:
        for part in (master, *master.slide_layouts):
            for sp in list(part._element.iter(qn("p:sp"))):
                if _field(sp):
                    sp.getparent().remove(sp)
    return prs


def _field(sp: Any) -> bool:
    """A date, footer or number placeholder, or a text box holding only such a field or its
    sample text ('<date/time>', as converted templates carry)."""
    kind = placeholder_kind(sp)
    if kind is not None:
        return kind in FIELDS
    if sp.find(f".//{qn('a:fld')}") is not None:
        return True
    text = "".join(t.text or "" for t in sp.iter(qn("a:t"))).strip()
    return bool(SAMPLE.fullmatch(text))


def add_slide(prs: PresentationT, design: Design, kind: str) -> Slide:
    """A slide on the layout a kind of slide uses, with the layout's placeholders."""
    style = design.styles[kind]
    layout = prs.slide_masters[style.master].slide_layouts[style.layout]
    return prs.slides.add_slide(layout)


def drop_placeholders(slide: Slide) -> None:
    """Remove a slide's placeholders: its layout's art alone is left."""
    for holder in list(slide.placeholders):
        holder._element.getparent().remove(holder._element)
