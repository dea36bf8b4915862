"""A deck's design: the template it is built on (a built-in theme or the user's PPTX), the
layouts it uses for each kind of slide, and their boxes, colours and faces in frame pixels."""

import hashlib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from lectra.models import Box
from lectra.runtime.errors import InputError
from lectra.slides.template import (
    Holder,
    Palette,
    background,
    holder,
    layout_kinds,
    open_template,
    slide_shapes,
    xfrm_box,
)

HEIGHT = 1080  # every frame is 1080 px high; its width follows the template's page
THEMES_DIR = Path(__file__).with_name("themes")
THEMES = ("default", "dark", "warm", "contrast")
KINDS = ("title", "content", "section")
EMU_7_5_IN = 6858000  # a 7.5 in high page: 1 pt is 2 px at 1080 px
MARGIN = 0.0625  # of the page width, where a template gives no box


class Style(BaseModel):
    """How one kind of slide looks: the template layout it uses and where its text goes."""

    master: int
    layout: int
    title: Box
    body: Box | None = None
    subtitle: Box | None = None
    footer: Box | None = None
    number: Box | None = None
    title_color: str
    body_color: str
    footer_color: str = ""  # the body's colour unless the art under the footer needs another
    panel: str = ""  # a colour behind body text where the art under it is too varied
    title_face: str
    body_face: str
    body_pt: float = 0.0  # the template's first-level body size, in its own points
    background: str
    title_align: Literal["left", "center", "right"] = "left"


class Design(BaseModel):
    """The deck's template and what each kind of slide takes from it."""

    name: str
    source: Path
    sha: str
    width: int
    height: int = HEIGHT
    slide_emu: tuple[int, int]
    accents: list[str]
    styles: dict[str, Style]
    builtin: bool = False
    warnings: list[str] = Field(default_factory=list)

    @property
    def title_face(self) -> str:
        """The typeface of the deck's titles: its content slides'."""
        return self.styles["content"].title_face

    @property
    def body_face(self) -> str:
        """The typeface of the deck's body text: its content slides'."""
        return self.styles["content"].body_face

    @property
    def emu_per_px(self) -> float:
        """EMU in one frame pixel."""
        return self.slide_emu[1] / self.height

    @property
    def pt_scale(self) -> float:
        """Points in the PPTX for one point of layout (layouts use 2 px a point)."""
        return self.slide_emu[1] / EMU_7_5_IN

    def footer_boxes(self, kind: str) -> tuple[Box, Box]:
        """Where a kind of slide's footer and page number go: the template's boxes, else a
        strip at the foot of the page."""
        style = self.styles[kind]
        margin = style.title.x
        left = style.footer or Box(x=margin, y=self.height - 70, w=self.width // 2, h=40)
        right = style.number or Box(x=self.width - margin - 200, y=left.y, w=200, h=40)
        return left, right

    @property
    def body_pt(self) -> tuple[int, int]:
        """The deck's body sizes in layout points: the template's first-level size (within
        24-36 pt on a 7.5 in page) and one step of 4 pt below it."""
        given = self.styles["content"].body_pt / self.pt_scale
        top = round(min(36, max(24, given))) if given else 28
        return top - 4, top

    @property
    def key(self) -> dict[str, Any]:
        """What of the design a cached result depends on."""
        return {"design": self.name, "sha": self.sha}

    def backdrop(self, kind: str) -> Path:
        """Where a built-in theme's background for a kind of slide is shipped."""
        return THEMES_DIR / self.name / f"{kind}.png"


def _px(box: tuple[int, int, int, int], scale: float) -> Box:
    x, y, w, h = (round(v / scale) for v in box)
    return Box(x=x, y=y, w=w, h=h)


def _layout_index(prs: Any, layout: Any) -> tuple[int, int]:
    for m, master in enumerate(prs.slide_masters):
        for n, each in enumerate(master.slide_layouts):
            if each._element is layout._element:
                return m, n
    raise InputError("template: a slide's layout is not among its masters' layouts")


def _first_layout(prs: Any, wanted: set[str], prefer: str, exclude: set[str]) -> Any:
    """The layout with the placeholder kinds wanted, the one of type prefer first."""
    found = [
        layout
        for master in prs.slide_masters
        for layout in master.slide_layouts
        if wanted <= layout_kinds(layout) and not (exclude & layout_kinds(layout))
    ]
    typed = [lay for lay in found if lay._element.get("type") == prefer]
    return (typed or found or [None])[0]


def _area(sp: Any) -> int:
    box = xfrm_box(sp)
    return box[2] * box[3] if box is not None else 0


def _pick(prs: Any, kind: str) -> tuple[Any, dict]:
    """The layout for a kind of slide and the shapes of an example slide that shows it: the
    examples show where the designer put text, which converted templates' layouts may not.

    The title slide is the first example (its body taken as the subtitle); a content slide
    is the later example with the largest body."""
    slides = list(prs.slides)
    if kind == "title":
        shapes: dict[str, Any] = slide_shapes(slides[0]) if slides else {}
        if "title" in shapes:
            shapes.setdefault("subtitle", shapes.get("body"))
            return slides[0].slide_layout, {k: v for k, v in shapes.items() if v is not None}
        return _first_layout(prs, {"title", "subtitle"}, "title", set()), {}
    shown = [(s, slide_shapes(s)) for s in slides[1:] or slides]
    bodied = [(s, sh) for s, sh in shown if {"title", "body"} <= set(sh)]
    if bodied:
        slide, shapes = max(bodied, key=lambda pair: _area(pair[1]["body"]))
        return slide.slide_layout, shapes
    return _first_layout(prs, {"title", "body"}, "obj", set()), {}


def _sane_body(
    body: Box | None, title: Box, width: int, bottom: int, name: str, notes: list[str]
) -> Box:
    """The body box, or the area under the title where the template's is unusable."""
    if body is not None:
        overlaps = body.y < title.y + title.h - 8 and body.y + body.h > title.y
        if body.w >= 0.4 * width and body.h >= 0.25 * HEIGHT and not overlaps:
            return body
        notes.append(
            f"template: the {name} layout's body box is too small; using the area below its title"
        )
    top = title.y + title.h + 24
    return Box(x=title.x, y=top, w=title.w, h=max(200, bottom - top))


def _style(prs: Any, kind: str, scale: float, width: int, notes: list[str]) -> Style | None:
    shapes: dict[str, Any] = {}
    if kind == "section":
        layout = _first_layout(prs, {"title"}, "secHead", set())
        if layout is None or layout._element.get("type") != "secHead":
            return None
    else:
        layout, shapes = _pick(prs, kind)
    if layout is None:
        return None
    palette = Palette(layout.slide_master, layout)
    held: dict[str, Holder | None] = {
        k: holder(shapes.get(k), layout, k, palette)
        for k in ("title", "body", "subtitle", "footer", "number")
    }
    title = held["title"]
    if title is None:
        return None
    title_box = _px(title.box, scale)
    if title_box.w < 0.25 * width or title_box.h < 40 or title_box.x + title_box.w > width + 4:
        notes.append(f"template: the {kind} layout's title box is unusable; using the top band")
        margin = round(MARGIN * width)
        title_box = Box(x=margin, y=48, w=width - 2 * margin, h=200)
    footers = [_px(h.box, scale) for h in (held["footer"], held["number"]) if h is not None]
    bottom = min([f.y for f in footers if f.y > title_box.y + title_box.h] + [HEIGHT - 90]) - 16
    body_holder = held["body"] if kind == "content" else held["subtitle"]
    body = _px(body_holder.box, scale) if body_holder is not None else None
    if kind == "content":
        body = _sane_body(body, title_box, width, bottom, kind, notes)
    m, n = _layout_index(prs, layout)
    text = body_holder or title
    return Style(
        master=m,
        layout=n,
        title=title_box,
        body=body if kind == "content" else None,
        subtitle=body if kind != "content" else None,
        footer=_px(held["footer"].box, scale) if held["footer"] else None,
        number=_px(held["number"].box, scale) if held["number"] else None,
        title_color=title.color,
        body_color=text.color,
        title_face=title.face or "Arial",
        body_face=text.face or "Arial",
        body_pt=text.size_pt,
        background=background(layout, palette),
        title_align="center" if kind != "content" and _centred(title_box, width) else "left",
    )


def _centred(box: Box, width: int) -> bool:
    return abs((box.x + box.w / 2) - width / 2) < 0.05 * width


def read_design(path: Path, name: str, builtin: bool = False) -> Design:
    """The design of a PPTX template; InputError when it cannot make a deck."""
    prs, package = open_template(path)
    w_emu, h_emu = int(prs.slide_width or 0), int(prs.slide_height or 0)
    if not (w_emu > 0 and h_emu > 0) or not 0.5 <= w_emu / h_emu <= 2.5:
        raise InputError(f"template {path.name} has an unusable page size")
    scale = h_emu / HEIGHT
    width = round(HEIGHT * w_emu / h_emu / 2) * 2  # even: video encoders need it
    notes = package.notes(path.name)
    styles = {k: s for k in KINDS if (s := _style(prs, k, scale, width, notes)) is not None}
    if "title" not in styles or "content" not in styles:
        what = "title slide" if "title" not in styles else "title and content"
        raise InputError(f"template {path.name} has no {what} layout")
    styles.setdefault("section", styles["title"])
    palette = Palette(prs.slide_masters[styles["content"].master])
    accents = [palette.scheme(f"accent{i}") for i in range(1, 7)]
    return Design(
        name=name,
        source=path,
        sha=hashlib.sha256(package.data).hexdigest(),
        width=width,
        slide_emu=(w_emu, h_emu),
        accents=accents,
        styles=styles,
        builtin=builtin,
        warnings=notes,
    )


def theme_design(name: str) -> Design:
    """A built-in theme's design; InputError for a theme there is not."""
    if name not in THEMES:
        raise InputError(f"theme {name!r} is not one of {', '.join(THEMES)}")
    return read_design(THEMES_DIR / f"{name}.pptx", name, builtin=True)
