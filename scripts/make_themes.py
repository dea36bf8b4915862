"""Build Lectra's built-in themes as real PPTX templates, and their backgrounds as LibreOffice
draws them: `python -m scripts.make_themes` writes lectra/slides/themes/<name>.pptx and
lectra/slides/themes/<name>/<kind>.png.

Each theme starts from python-pptx's own template, widened to 16:9, with its colour scheme,
fonts, backgrounds, placeholder boxes and a few shapes of art set here. A run builds a deck on
these files exactly as it does on a user's template.
"""

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationT
from pptx.util import Emu, Pt

from lectra.slides.backdrops import draw_backdrops
from lectra.slides.design import THEMES_DIR, read_design
from lectra.slides.template import placeholder_kind

EMU = 6350  # EMU a frame pixel on a 13.333 x 7.5 in page
TITLE, CONTENT, SECTION = 0, 1, 2  # python-pptx's template's layouts


@dataclass
class Theme:
    """One built-in look."""

    name: str
    scheme: dict[str, str]  # dk1, lt1, dk2, lt2, accent1..6
    major: str
    minor: str
    paper: str  # content slides' background
    title_bg: str  # title and section slides' background
    title_fg: str
    body_pt: int
    title_art: list[tuple[tuple[int, int, int, int], str]] = field(default_factory=list)
    content_art: list[tuple[tuple[int, int, int, int], str]] = field(default_factory=list)
    dark: bool = False


ACCENTS = ["#2563EB", "#0EA5E9", "#14B8A6", "#F59E0B", "#8B5CF6", "#EF4444"]
THEMES = [
    Theme(
        "default",
        {"dk1": "#0F172A", "lt1": "#FFFFFF", "dk2": "#334155", "lt2": "#CBD5E1"},
        "Arial",
        "Arial",
        "#FFFFFF",
        "#0F172A",
        "#FFFFFF",
        28,
        title_art=[((160, 600, 220, 10), "#2563EB")],
        content_art=[((0, 0, 24, 1080), "#2563EB"), ((120, 264, 160, 6), "#2563EB")],
    ),
    Theme(
        "dark",
        {"dk1": "#0B1220", "lt1": "#F8FAFC", "dk2": "#1E293B", "lt2": "#CBD5E1"},
        "Calibri",
        "Calibri",
        "#0F172A",
        "#020617",
        "#F8FAFC",
        28,
        title_art=[((0, 1040, 1920, 40), "#38BDF8"), ((160, 600, 220, 10), "#38BDF8")],
        content_art=[((0, 0, 1920, 8), "#38BDF8"), ((120, 264, 160, 6), "#38BDF8")],
        dark=True,
    ),
    Theme(
        "warm",
        {"dk1": "#3B2A20", "lt1": "#FBF6EE", "dk2": "#5C4033", "lt2": "#F1E4D3"},
        "Cambria",
        "Calibri",
        "#FBF6EE",
        "#9A3412",
        "#FFF7ED",
        28,
        title_art=[((1500, 0, 420, 1080), "#C2410C"), ((160, 600, 220, 10), "#FDBA74")],
        content_art=[((0, 1050, 1920, 30), "#C2410C"), ((120, 264, 160, 6), "#D97706")],
    ),
    Theme(
        "contrast",
        {"dk1": "#000000", "lt1": "#FFFFFF", "dk2": "#111111", "lt2": "#E5E5E5"},
        "Arial",
        "Arial",
        "#000000",
        "#000000",
        "#FFFFFF",
        34,
        title_art=[((160, 600, 320, 16), "#FACC15")],
        content_art=[((0, 0, 1920, 12), "#FACC15"), ((120, 262, 200, 8), "#FACC15")],
        dark=True,
    ),
]
ACCENT_OF = {"default": "#2563EB", "dark": "#38BDF8", "warm": "#C2410C", "contrast": "#FACC15"}


def _set_theme(prs: PresentationT, theme: Theme) -> None:
    part = prs.slide_masters[0].part.part_related_by(RT.THEME)
    xml = part.blob.decode()
    colors = {**theme.scheme, "accent1": ACCENT_OF[theme.name]}
    for i, accent in enumerate(ACCENTS[1:], start=2):
        colors.setdefault(f"accent{i}", accent)
    for name, value in colors.items():
        xml = re.sub(
            rf"(<a:{name}>)(.*?)(</a:{name}>)",
            rf'\g<1><a:srgbClr val="{value.lstrip("#")}"/>\g<3>',
            xml,
            count=1,
            flags=re.S,
        )
    xml = re.sub(r'(<a:majorFont>\s*<a:latin typeface=")[^"]*', rf"\g<1>{theme.major}", xml)
    xml = re.sub(r'(<a:minorFont>\s*<a:latin typeface=")[^"]*', rf"\g<1>{theme.minor}", xml)
    part._blob = xml.encode()


def _box(shape: object, box: tuple[int, int, int, int]) -> None:
    x, y, w, h = box
    shape.left, shape.top, shape.width, shape.height = (Emu(v * EMU) for v in (x, y, w, h))  # type: ignore[attr-defined]


def _fill(part: object, color: str) -> None:
    fill = part.background.fill  # type: ignore[attr-defined]
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(color.lstrip("#"))


def _art(prs: PresentationT, layout: object, art: list) -> None:
    """Rectangles of art on a layout: drawn on a scratch slide, moved into the layout."""
    scratch = prs.slides.add_slide(prs.slide_layouts[6])
    tree = layout.shapes._spTree  # type: ignore[attr-defined]
    for box, color in art:
        shape = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, 1, 1)
        _box(shape, box)
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(color.lstrip("#"))
        shape.line.fill.background()
        shape.shadow.inherit = False
        shape.name = "Lectra art"
        tree.insert(2, copy.deepcopy(shape._element))  # behind the placeholders
    ids = prs.slides._sldIdLst
    prs.part.drop_rel(ids[-1].rId)
    ids.remove(ids[-1])


def _text_style(master: object, theme: Theme) -> None:
    styles = master._element.find(qn("p:txStyles"))  # type: ignore[attr-defined]
    body = styles.find(qn("p:bodyStyle"))
    for level, el in enumerate(body):
        props = el.find(qn("a:defRPr"))
        if props is not None:
            props.set("sz", str(max(1400, (theme.body_pt - 4 * level) * 100)))
    for style in styles:
        lvl = style.find(qn("a:lvl1pPr"))
        if lvl is not None and lvl.find(qn("a:defRPr")) is not None:
            color = lvl.find(qn("a:defRPr")).find(qn("a:solidFill"))
            if color is not None and style.tag == qn("p:bodyStyle"):
                color[0].set("val", "tx2")


def _list_color(holder: object, color: str) -> None:
    """A placeholder's first-level text colour, in its list style as slides inherit it."""
    body = holder.text_frame._txBody  # type: ignore[attr-defined]
    styles = body.find(qn("a:lstStyle"))
    if styles is None:
        styles = body.makeelement(qn("a:lstStyle"), {})
        body.insert(1, styles)
    level = styles.find(qn("a:lvl1pPr"))
    if level is None:
        level = styles.makeelement(qn("a:lvl1pPr"), {})
        styles.append(level)
    props = level.find(qn("a:defRPr"))
    if props is None:
        props = level.makeelement(qn("a:defRPr"), {})
        level.append(props)
    for old in props.findall(qn("a:solidFill")):
        props.remove(old)
    fill = props.makeelement(qn("a:solidFill"), {})
    fill.append(fill.makeelement(qn("a:srgbClr"), {"val": color.lstrip("#")}))
    props.insert(0, fill)


def _holders(layout: object, boxes: dict[str, tuple[int, int, int, int]], color: str = "") -> None:
    for holder in layout.placeholders:  # type: ignore[attr-defined]
        role = placeholder_kind(holder._element)
        if role in boxes:
            _box(holder, boxes[role])
        if color and role in {"title", "subtitle", "body"}:
            _list_color(holder, color)


def build(theme: Theme, folder: Path) -> Path:
    """Write one theme's PPTX and its backgrounds."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(1920 * EMU), Emu(1080 * EMU)
    master = prs.slide_masters[0]
    if theme.dark:
        master._element.find(qn("p:clrMap")).attrib.update(
            {"bg1": "dk1", "tx1": "lt1", "bg2": "dk2", "tx2": "lt2"}
        )
    _set_theme(prs, theme)
    _text_style(master, theme)
    _box_all(master)
    _fill(master, theme.paper)
    footers = {"footer": (120, 1010, 1300, 40), "number": (1600, 1010, 200, 40)}
    _holders(master, {"title": (120, 40, 1680, 212), "body": (120, 290, 1680, 690), **footers})
    layouts = master.slide_layouts
    for index in (TITLE, SECTION):
        _fill(layouts[index], theme.title_bg)
        _art(prs, layouts[index], theme.title_art)
    title_boxes = {"title": (160, 300, 1400, 280), "subtitle": (160, 640, 1400, 220)}
    _holders(layouts[TITLE], title_boxes, theme.title_fg)
    _holders(
        layouts[SECTION],
        {"title": (160, 380, 1400, 220), "body": (160, 620, 1400, 160)},
        theme.title_fg,
    )
    _holders(
        layouts[CONTENT], {"title": (120, 40, 1680, 212), "body": (120, 290, 1680, 690), **footers}
    )
    _art(prs, layouts[CONTENT], theme.content_art)
    out = folder / f"{theme.name}.pptx"
    prs.save(str(out))
    return out


def _box_all(master: object) -> None:
    """Every layout's placeholders stretched from the 4:3 page to 16:9, as 'Reset' expects."""
    scale = 1920 * EMU / 9144000
    for part in [master, *master.slide_layouts]:  # type: ignore[attr-defined]
        for xfrm in part._element.iter(qn("a:xfrm")):
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            if off is not None and ext is not None:
                off.set("x", str(round(int(off.get("x")) * scale)))
                ext.set("cx", str(round(int(ext.get("cx")) * scale)))


def main() -> None:
    """Build every theme and draw its backgrounds."""
    THEMES_DIR.mkdir(exist_ok=True)
    for theme in THEMES:
        path = build(theme, THEMES_DIR)
        design = read_design(path, theme.name)
        draw_backdrops(design, THEMES_DIR / theme.name)
        print(
            f"{path}: {design.width}x{design.height}, faces {design.title_face}/{design.body_face}"
        )
        for note in design.warnings:
            print("  ", note)
    _ = Pt  # sizes are set in hundredths of a point in the XML above


if __name__ == "__main__":
    main()
