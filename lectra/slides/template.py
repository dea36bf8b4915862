"""What a PPTX template says about its look: theme colours and fonts, and each placeholder's
box, colour and typeface as PowerPoint resolves them (slide, then layout, then master)."""

import colorsys
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationT

from lectra.runtime.errors import InputError
from lectra.runtime.files import read_bounded
from lectra.runtime.secrets import masked
from lectra.slides.package import PARSER, CleanPackage, clean_package

MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
TITLE_TYPES = {"title", "ctrTitle"}
BODY_TYPES = {"body", "obj", None}  # a placeholder with no type is a body ('obj')
SUBTITLE_TYPES = {"subTitle"}
SCHEME = ("dk1", "lt1", "dk2", "lt2", *(f"accent{i}" for i in range(1, 7)), "hlink", "folHlink")


@dataclass(frozen=True)
class Holder:
    """One placeholder as shown: its kind, box in EMU, and resolved text colour and face."""

    kind: str  # title, subtitle, body, footer, number
    box: tuple[int, int, int, int]
    color: str
    face: str
    size_pt: float


def template_package(path: Path) -> CleanPackage:
    """The template file's package, read with bounds and made safe (lectra.slides.package)."""
    return clean_package(read_bounded(path, MAX_TEMPLATE_BYTES, "template"), path.name)


def open_template(path: Path) -> tuple[PresentationT, CleanPackage]:
    """The template as python-pptx reads it, and its safe package; InputError when it is no
    usable PPTX (missing, too large, encrypted, not a presentation, damaged)."""
    package = template_package(path)
    try:
        return Presentation(BytesIO(package.data)), package
    except Exception as exc:  # python-pptx raises many kinds for a damaged package
        raise InputError(f"template {path.name} cannot be read: {masked(str(exc), 120)}") from None


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in rgb)


def _modified(color: str, el: Any) -> str:
    """A colour with its lumMod/lumOff/shade/tint children applied."""
    r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    h, lum, s = colorsys.rgb_to_hls(r, g, b)
    for child in el:
        name, val = etree.QName(child).localname, int(child.get("val", "100000")) / 100000
        if name == "lumMod":
            lum *= val
        elif name == "lumOff":
            lum += val
        elif name == "shade":
            lum *= val
        elif name == "tint":
            lum = lum + (1 - lum) * (1 - val)
    return _hex(colorsys.hls_to_rgb(h, min(1.0, lum), s))


class Palette:
    """A master's theme colours, through its colour map (tx1 -> dk1, bg1 -> lt1, ...)."""

    def __init__(self, master: Any, layout: Any = None) -> None:
        theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob, PARSER)
        self.colors: dict[str, str] = {}
        for name in SCHEME:
            el = theme.find(f".//{qn('a:clrScheme')}/{qn('a:' + name)}")
            if el is not None and len(el):
                val = el[0].get("lastClr") or el[0].get("val") or "000000"
                self.colors[name] = "#" + val.upper()
        mapping = master._element.find(qn("p:clrMap"))
        over = (
            layout._element.find(f"{qn('p:clrMapOvr')}/{qn('a:overrideClrMapping')}")
            if (layout is not None)
            else None
        )
        source = over if over is not None else mapping
        self.map = dict(source.attrib) if source is not None else {}
        fonts = theme.find(f".//{qn('a:fontScheme')}")
        self.fonts = {"major": "", "minor": ""}
        if fonts is not None:
            for kind in self.fonts:
                latin = fonts.find(f"{qn('a:' + kind + 'Font')}/{qn('a:latin')}")
                self.fonts[kind] = latin.get("typeface", "") if latin is not None else ""

    def scheme(self, name: str) -> str:
        """A scheme colour by name (tx1, bg2, accent1, phClr...)."""
        name = self.map.get(name, name)
        return self.colors.get(name, "#000000" if name.startswith("dk") else "#FFFFFF")

    def fill(self, el: Any) -> str | None:
        """The colour of a solidFill (or a gradient's first stop), or None."""
        if el is None:
            return None
        color = el.find(qn("a:srgbClr"))
        if color is not None:
            return _modified("#" + color.get("val", "000000").upper(), color)
        color = el.find(qn("a:schemeClr"))
        if color is not None:
            return _modified(self.scheme(color.get("val", "tx1")), color)
        color = el.find(qn("a:sysClr"))
        if color is not None:
            return "#" + color.get("lastClr", "000000").upper()
        stop = el.find(f"{qn('a:gsLst')}/{qn('a:gs')}")
        return self.fill(stop) if stop is not None else None

    def face(self, name: str) -> str:
        """A typeface, with the theme's +mj-lt / +mn-lt resolved."""
        return {"+mj-lt": self.fonts["major"], "+mn-lt": self.fonts["minor"]}.get(name, name)


def placeholder_kind(sp: Any) -> str | None:
    """What a shape holds as a placeholder: title, subtitle, body, date, footer, number or
    other; None for a shape that is no placeholder."""
    ph = sp.find(f".//{qn('p:nvPr')}/{qn('p:ph')}")
    if ph is None:
        return None
    ph_type = ph.get("type", "obj")
    if ph_type in TITLE_TYPES:
        return "title"
    if ph_type in SUBTITLE_TYPES:
        return "subtitle"
    if ph_type in BODY_TYPES:
        return "body"
    return {"dt": "date", "ftr": "footer", "sldNum": "number"}.get(ph_type, "other")


def _matching(tree: Any, kind: str) -> Any:
    return next((sp for sp in tree.iter(qn("p:sp")) if placeholder_kind(sp) == kind), None)


def xfrm_box(sp: Any) -> tuple[int, int, int, int] | None:
    """A shape's own box in EMU (x, y, width, height), or None when it inherits one."""
    xfrm = sp.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")
    off = xfrm.find(qn("a:off")) if xfrm is not None else None
    ext = xfrm.find(qn("a:ext")) if xfrm is not None else None
    if off is None or ext is None:
        return None
    return int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy"))


def _run_props(sp: Any) -> list[Any]:
    """The text properties a shape gives its first level: runs, paragraph ends, list style."""
    if sp is None:
        return []
    found = []
    for path in (".//a:p/a:r/a:rPr", ".//a:p/a:endParaRPr", ".//a:lstStyle/a:lvl1pPr/a:defRPr"):
        found += sp.findall(
            path, namespaces={"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
        )
    return found


def _style_props(master: Any, kind: str) -> list[Any]:
    styles = master._element.find(qn("p:txStyles"))
    if styles is None:
        return []
    name = "p:titleStyle" if kind == "title" else "p:bodyStyle"
    el = styles.find(f"{qn(name)}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
    return [el] if el is not None else []


def holder(slide_sp: Any, layout: Any, kind: str, palette: Palette) -> Holder | None:
    """A placeholder of a kind as the slide (or else its layout) shows it, resolved down to
    the master; None when neither has one."""
    master = layout.slide_master
    chain = [slide_sp, _matching(layout._element, kind), _matching(master._element, kind)]
    shapes = [sp for sp in chain if sp is not None]
    if not shapes:
        return None
    box = next((found for sp in shapes if (found := xfrm_box(sp)) is not None), None)
    if box is None:
        return None
    props = [p for sp in shapes for p in _run_props(sp)] + _style_props(master, kind)
    color = next((c for p in props if (c := palette.fill(p.find(qn("a:solidFill"))))), None)
    latin = next((f.get("typeface") for p in props if (f := p.find(qn("a:latin"))) is not None), "")
    size = next((int(p.get("sz")) / 100 for p in props if p.get("sz")), 0.0)
    major = kind == "title"
    face = palette.face(latin or ("+mj-lt" if major else "+mn-lt"))
    return Holder(kind, box, color or palette.scheme("tx1"), face, size)


def background(layout: Any, palette: Palette) -> str:
    """The colour a layout's background mostly is: its fill, its master's, or bg1."""
    for part in (layout, layout.slide_master):
        bg = part._element.find(f"{qn('p:cSld')}/{qn('p:bg')}")
        if bg is None:
            continue
        props = bg.find(qn("p:bgPr"))
        if props is not None:
            for tag in ("a:solidFill", "a:gradFill"):
                found = palette.fill(props.find(qn(tag)))
                if found:
                    return found
        ref = bg.find(qn("p:bgRef"))
        if ref is not None:
            found = palette.fill(ref)
            if found:
                return found
    return palette.scheme("bg1")


def slide_shapes(slide: Any) -> dict[str, Any]:
    """An example slide's placeholders by kind (the first of each)."""
    found: dict[str, Any] = {}
    for sp in slide._element.iter(qn("p:sp")):
        kind = placeholder_kind(sp)
        if kind is not None:
            found.setdefault(kind, sp)
    return found


def layout_kinds(layout: Any) -> set[str]:
    """The kinds of placeholder a layout has."""
    kinds = (placeholder_kind(sp) for sp in layout._element.iter(qn("p:sp")))
    return {kind for kind in kinds if kind is not None}
