"""A new deck on a design's template: its masters, layouts and theme, none of its slides."""

from io import BytesIO
from typing import Any

from pptx import Presentation
from pptx.presentation import Presentation as PresentationT
from pptx.slide import Slide

from lectra.runtime.files import read_bounded
from lectra.slides.design import Design
from lectra.slides.template import MAX_TEMPLATE_BYTES


def empty_deck(design: Design) -> PresentationT:
    """The template with its example slides (and their notes and media) dropped."""
    prs = Presentation(BytesIO(read_bounded(design.source, MAX_TEMPLATE_BYTES, "template")))
    slide_ids: Any = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)
    return prs


def add_slide(prs: PresentationT, design: Design, kind: str) -> Slide:
    """A slide on the layout a kind of slide uses, with the layout's placeholders."""
    style = design.styles[kind]
    layout = prs.slide_masters[style.master].slide_layouts[style.layout]
    return prs.slides.add_slide(layout)


def drop_placeholders(slide: Slide, keep: int = 0) -> None:
    """Remove a slide's placeholders after the first keep, which its text goes into."""
    for extra in list(slide.placeholders)[keep:]:
        extra._element.getparent().remove(extra._element)
