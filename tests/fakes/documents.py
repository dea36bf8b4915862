"""Reports the tests read: PDFs written here object by object, DOCX and PPTX by their libraries."""

import io
import textwrap
from pathlib import Path
from typing import Any

from docx import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.shared import Inches
from PIL import Image, ImageDraw

from tests.fakes.report_text import HEAT_PUMPS

A4 = (595, 842)
MARGIN = 72
BODY_PT, LEADING = 11, 16


def house_picture(size: tuple[int, int] = (640, 420)) -> bytes:
    """A JPEG of a house with a heat pump's outdoor unit beside it."""
    image = Image.new("RGB", size, (200, 225, 245))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle((0, int(h * 0.8), w, h), fill=(110, 160, 90))
    draw.rectangle((int(w * 0.2), int(h * 0.4), int(w * 0.6), int(h * 0.8)), fill=(190, 120, 90))
    draw.polygon(
        [
            (int(w * 0.15), int(h * 0.4)),
            (int(w * 0.4), int(h * 0.15)),
            (int(w * 0.65), int(h * 0.4)),
        ],
        fill=(120, 60, 50),
    )
    draw.rectangle(
        (int(w * 0.66), int(h * 0.62), int(w * 0.86), int(h * 0.8)), fill=(235, 235, 235)
    )
    draw.ellipse(
        (int(w * 0.69), int(h * 0.64), int(w * 0.8), int(h * 0.78)), outline=(90, 90, 90), width=4
    )
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def _escaped(text: str) -> bytes:
    data = text.encode("cp1252")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


class PdfPage:
    """One page's drawing operators."""

    def __init__(self) -> None:
        self.ops: list[bytes] = []
        self.images: list[bytes] = []

    def text(self, x: float, y: float, size: float, text: str, bold: bool = False) -> None:
        font = b"F2" if bold else b"F1"
        self.ops.append(
            b"BT /%s %g Tf %g %g Td (%s) Tj ET" % (font, size, x, A4[1] - y, _escaped(text))
        )

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.ops.append(b"0.5 w %g %g m %g %g l S" % (x0, A4[1] - y0, x1, A4[1] - y1))

    def image(self, jpeg: bytes, x: float, y: float, w: float, h: float) -> None:
        self.images.append(jpeg)
        name = b"Im%d" % len(self.images)
        self.ops.append(b"q %g 0 0 %g %g %g cm /%s Do Q" % (w, h, x, A4[1] - y - h, name))


def pdf_bytes(pages: list[PdfPage], title: str = "") -> bytes:
    """A PDF of the pages, Helvetica and Helvetica-Bold in WinAnsi, the pictures as JPEG."""
    objects: list[bytes] = [b"", b""]  # catalog and page tree, filled in last
    fonts = []
    for base in (b"Helvetica", b"Helvetica-Bold"):
        objects.append(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % base
        )
        fonts.append(len(objects))
    kids = []
    for page in pages:
        xobjects = []
        for jpeg in page.images:
            with Image.open(io.BytesIO(jpeg)) as im:
                w, h = im.size
            objects.append(
                b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace "
                b"/DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
                % (w, h, len(jpeg))
                + jpeg
                + b"\nendstream"
            )
            xobjects.append(len(objects))
        stream = b"\n".join(page.ops)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        content = len(objects)
        images = b" ".join(b"/Im%d %d 0 R" % (n + 1, ref) for n, ref in enumerate(xobjects))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R /Resources "
            b"<< /Font << /F1 %d 0 R /F2 %d 0 R >> /XObject << %s >> >> >>"
            % (A4[0], A4[1], content, fonts[0], fonts[1], images)
        )
        kids.append(len(objects))
    objects.append(b"<< /Title (%s) >>" % _escaped(title))
    info = len(objects)
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        info,
        xref,
    )
    return bytes(out)


class Writer:
    """Lays text down a page, starting a new page when it is full."""

    def __init__(self, footer: str) -> None:
        self.pages: list[PdfPage] = []
        self.footer = footer
        self.new_page()

    def new_page(self) -> None:
        self.pages.append(PdfPage())
        self.y: float = MARGIN
        self.pages[-1].text(MARGIN, A4[1] - 40, 9, f"{self.footer} - page {len(self.pages)}")

    def room(self, height: float) -> None:
        if self.y + height > A4[1] - MARGIN:
            self.new_page()

    def paragraph(
        self, text: str, size: float = BODY_PT, bold: bool = False, gap: float = 10
    ) -> None:
        for line in textwrap.wrap(text, int(85 * BODY_PT / size)):
            self.room(LEADING)
            self.pages[-1].text(MARGIN, self.y + size, size, line, bold)
            self.y += LEADING * size / BODY_PT
        self.y += gap

    def table(self, rows: list[list[str]]) -> None:
        widths = [170, 140, 141]
        height = 22
        self.room(height * len(rows) + 10)
        top = self.y
        for r, row in enumerate(rows):
            x = MARGIN
            for c, cell in enumerate(row):
                self.pages[-1].text(x + 4, top + r * height + 15, 10, cell, bold=r == 0)
                x += widths[c]
        for r in range(len(rows) + 1):
            self.pages[-1].line(MARGIN, top + r * height, MARGIN + sum(widths), top + r * height)
        x = MARGIN
        for w in [0, *widths]:
            x += w
            self.pages[-1].line(x, top, x, top + height * len(rows))
        self.y = top + height * len(rows) + 12

    def figure(self, jpeg: bytes) -> None:
        self.room(260)
        self.pages[-1].image(jpeg, MARGIN, self.y, 360, 236)
        self.y += 248


def report_pdf(path: Path, report: dict[str, Any] = HEAT_PUMPS, padding_pages: int = 0) -> Path:
    """The report as a PDF: a title page, each section over two pages, its table and figure."""
    w = Writer(report["title"])
    w.y = 200
    w.paragraph(report["title"], size=26, bold=True, gap=20)
    w.paragraph(report["subtitle"], size=14)
    for n, (heading, sentences) in enumerate(report["sections"]):
        w.new_page()
        w.paragraph(heading, size=16, bold=True, gap=8)
        w.paragraph(" ".join(sentences[:4]))
        w.paragraph(" ".join(sentences[4:6]))
        w.new_page()
        w.paragraph(" ".join(sentences[6:]))
        if n == report["table_section"]:
            w.paragraph(report["table_caption"], size=10)
            w.table(report["table"])
        if n == report["figure_section"]:
            w.figure(house_picture())
            w.paragraph(report["figure_caption"], size=10)
    for extra in range(padding_pages):
        w.new_page()
        w.paragraph(f"Appendix {extra + 1}", size=16, bold=True, gap=8)
        w.paragraph(
            f"This appendix lists the survey's raw answers for town number {extra + 1}. "
            "Each answer was checked against the meter readings of the household."
        )
    path.write_bytes(pdf_bytes(w.pages, report["title"]))
    return path


def report_docx(path: Path, report: dict[str, Any] = HEAT_PUMPS) -> Path:
    """The report as a Word document: headings, paragraphs, a table and a figure with captions,
    each section after a page break."""
    doc = WordDocument()
    doc.add_heading(report["title"], level=0)
    doc.add_paragraph(report["subtitle"])
    for n, (heading, sentences) in enumerate(report["sections"]):
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_heading(heading, level=1)
        doc.add_paragraph(" ".join(sentences[:4]))
        doc.add_paragraph(" ".join(sentences[4:]))
        if n == report["table_section"]:
            doc.add_paragraph(report["table_caption"], style="Caption")
            rows = report["table"]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        if n == report["figure_section"]:
            doc.add_picture(io.BytesIO(house_picture()), width=Inches(4))
            doc.add_paragraph(report["figure_caption"], style="Caption")
    doc.save(str(path))
    return path
