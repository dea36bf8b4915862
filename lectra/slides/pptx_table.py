"""A source's table as a native PowerPoint table, drawn as the frame draws it: the header row
filled, a rule under each row, each cell's text as laid out."""

from collections.abc import Callable
from typing import Any

from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.slide import Slide
from pptx.util import Emu

from lectra.models import TableLayout, TextBlock

RULE_PX = 2


def _rule(cell: Any, side: str, width_emu: int, color: str) -> None:
    """A solid line on one side of a cell (lnT, lnB), before its fill as the schema orders."""
    tc_pr = cell._tc.get_or_add_tcPr()
    line = OxmlElement(f"a:{side}")
    line.set("w", str(width_emu))
    fill = OxmlElement("a:solidFill")
    color_el = OxmlElement("a:srgbClr")
    color_el.set("val", color.lstrip("#").upper())
    fill.append(color_el)
    line.append(fill)
    tc_pr.append(line)


def add_table(
    slide: Slide,
    table: TableLayout,
    box: Callable[[Any], tuple[Emu, Emu, Emu, Emu]],
    emu_per_px: float,
    fill_cell: Callable[[Any, TextBlock], None],
) -> None:
    """The table on the slide at its box; fill_cell writes a block's text into a cell's frame."""
    rows, cols = len(table.rows), len(table.cols)
    frame = slide.shapes.add_table(rows, cols, *box(table.box))
    frame.name = "Source table"
    grid = frame.table
    tbl_pr: Any = grid._tbl.tblPr
    for flag in ("firstRow", "bandRow"):  # no table style: the frame's look, not a theme's
        tbl_pr.set(flag, "0")
    style = tbl_pr.find(qn("a:tableStyleId"))
    if style is not None:
        tbl_pr.remove(style)
    for c, width in enumerate(table.cols):
        grid.columns[c].width = Emu(round(width * emu_per_px))
    for r, height in enumerate(table.rows):
        grid.rows[r].height = Emu(round(height * emu_per_px))
    pad = Emu(round(table.pad_px * emu_per_px))
    rule = round(RULE_PX * emu_per_px)
    for r in range(rows):
        for c in range(cols):
            cell = grid.cell(r, c)
            cell.margin_left = cell.margin_right = cell.margin_top = cell.margin_bottom = pad
            for side in (["lnT"] if r == 0 else []) + ["lnB"]:
                _rule(cell, side, rule, table.line_color)
            if r == 0:
                cell.fill.solid()
                cell.fill.fore_color.rgb = _rgb(table.header_color)
            else:
                cell.fill.background()
            fill_cell(cell.text_frame, table.cells[r][c])


def _rgb(color: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(color.lstrip("#"))
