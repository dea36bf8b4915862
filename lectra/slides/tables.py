"""A source's table laid out in a slide's picture area: cut to what reads, sized to fit."""

from lectra.models import Box, TableLayout, TextBlock
from lectra.slides.fonts import load_font
from lectra.slides.textfit import PX_PER_PT, gap_px, line_px, wrap
from lectra.text.spans import Span

MAX_ROWS = 7  # the header and six rows
MAX_COLS = 4
MAX_CELL_CHARS = 60
SIZES = (22, 20, 18, 16, 14, 12)
PAD_PX = 10


def shortened(rows: list[list[str]]) -> tuple[list[list[str]], str]:
    """The rows a slide shows, and what was cut, said for the source line ('' for nothing)."""
    kept = [[c[:MAX_CELL_CHARS].strip() for c in row[:MAX_COLS]] for row in rows[:MAX_ROWS]]
    cut = []
    if len(rows) > MAX_ROWS:
        cut.append(f"first {MAX_ROWS - 1} of {len(rows) - 1} rows")
    if max(len(r) for r in rows) > MAX_COLS:
        cut.append(f"first {MAX_COLS} of {max(len(r) for r in rows)} columns")
    return kept, ", ".join(cut)


def _widths(rows: list[list[str]], total: int, font: str, size: int) -> list[int] | None:
    """Column widths at size: each at least its longest word, the rest shared by how much
    text each column holds; None when the longest words alone are too wide."""
    px = size * PX_PER_PT
    least = []
    for c in range(len(rows[0])):
        widest = max(
            load_font(font, px, r == 0).getlength(w)
            for r, row in enumerate(rows)
            for w in (row[c].split() or [" "])
        )
        least.append(int(widest) + 2 * PAD_PX + 4)
    spare = total - sum(least)
    if spare < 0:
        return None
    text = [sum(len(row[c]) for row in rows) or 1 for c in range(len(rows[0]))]
    widths = [w + int(spare * t / sum(text)) for w, t in zip(least, text, strict=True)]
    widths[-1] = total - sum(widths[:-1])
    return widths


def table_layout(
    rows: list[list[str]], area: Box, font: str, color: str, header: str, header_text: str
) -> TableLayout | None:
    """The table at the largest size whose wrapped cells fit area; None when none does."""
    for size in SIZES:
        widths = _widths(rows, area.w, font, size)
        if widths is None and size == SIZES[-1]:  # a long word must break: by text held
            held = [sum(len(row[c]) for row in rows) + 8 for c in range(len(rows[0]))]
            widths = [area.w * t // sum(held) for t in held]
            widths[-1] = area.w - sum(widths[:-1])
        if widths is None:
            continue
        pitch = line_px(size)
        wrapped = [
            [
                wrap(cell or " ", font, size, max(20, w - 2 * PAD_PX), r == 0)
                for cell, w in zip(row, widths, strict=True)
            ]
            for r, row in enumerate(rows)
        ]
        heights = [max(len(lines) for lines in row) * pitch + 2 * PAD_PX for row in wrapped]
        if sum(heights) > area.h:
            continue
        cells, y = [], area.y
        for r, row in enumerate(wrapped):
            x, line = area.x, []
            for c, lines in enumerate(row):
                box = Box(
                    x=x + PAD_PX, y=y + PAD_PX, w=widths[c] - 2 * PAD_PX, h=heights[r] - 2 * PAD_PX
                )
                text = rows[r][c]
                line.append(
                    TextBlock(
                        role="cell",
                        box=box,
                        font=font,
                        bold=r == 0,
                        size_pt=size,
                        color=header_text if r == 0 else color,
                        runs=[[Span(text=text, bold=r == 0)]],
                        paragraphs=[lines],
                        line_px=pitch,
                        gap_px=gap_px(size),
                    )
                )
                x += widths[c]
            cells.append(line)
            y += heights[r]
        box = Box(x=area.x, y=area.y, w=area.w, h=sum(heights))
        return TableLayout(
            box=box,
            cols=widths,
            rows=heights,
            cells=cells,
            header_color=header,
            line_color=color,
            pad_px=PAD_PX,
        )
    return None
