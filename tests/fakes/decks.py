"""Decks the tests narrate, made as people make them: pictures, a table, hidden slides, slides
with and without speaker notes, 16:9 and 4:3, English and German."""

import io
from pathlib import Path

from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from tests.fakes.documents import house_picture


def wide_deck(path: Path) -> Path:
    """A 16:9 deck with a picture, a table, and notes on every slide."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    title = prs.slides.add_slide(prs.slide_layouts[0])
    title.shapes.title.text = "Heat Pumps at Home"
    title.placeholders[1].text = "What we learned in two winters"
    title.notes_slide.notes_text_frame.text = "Welcome. Today we look at heat pumps in homes."
    pic = prs.slides.add_slide(prs.slide_layouts[5])
    pic.shapes.title.text = "The outdoor unit"
    pic.shapes.add_picture(io.BytesIO(house_picture()), Inches(1), Inches(1.6), Inches(6))
    pic.notes_slide.notes_text_frame.text = (
        "The outdoor unit stands beside the house. It moves heat from the air into the home."
    )
    table = prs.slides.add_slide(prs.slide_layouts[5])
    table.shapes.title.text = "Costs"
    grid = table.shapes.add_table(3, 2, Inches(1), Inches(1.8), Inches(8), Inches(2)).table
    for r, row in enumerate(
        [["System", "Cost"], ["Gas boiler", "3,200 euros"], ["Heat pump", "11,500 euros"]]
    ):
        for c, text in enumerate(row):
            grid.cell(r, c).text = text
    table.notes_slide.notes_text_frame.text = "A heat pump costs more to install than a boiler."
    prs.save(str(path))
    return path


def square_deck(path: Path, lang: str = "de") -> Path:
    """A 4:3 deck (python-pptx's default size): a hidden slide, two slides without notes."""
    prs = Presentation()
    words = {
        "de": (
            "Gezeiten",
            ["Der Mond zieht am Meer", "Zweimal am Tag steigt das Wasser"],
            "Ebbe und Flut",
            "Die Sonne wirkt schwächer als der Mond.",
            "Versteckt",
        ),
        "en": (
            "Tides",
            ["The moon pulls the sea", "Twice a day the water rises"],
            "Ebb and flow",
            "The sun pulls less than the moon.",
            "Hidden",
        ),
    }[lang]
    first = prs.slides.add_slide(prs.slide_layouts[0])
    first.shapes.title.text = words[0]
    bullets = prs.slides.add_slide(prs.slide_layouts[1])
    bullets.shapes.title.text = words[2]
    body = bullets.placeholders[1].text_frame
    body.text = words[1][0]
    body.add_paragraph().text = words[1][1]
    hidden = prs.slides.add_slide(prs.slide_layouts[1])
    hidden.shapes.title.text = words[4]
    hidden._element.set("show", "0")
    noted = prs.slides.add_slide(prs.slide_layouts[5])
    noted.shapes.title.text = words[0] + " 2"
    box = noted.shapes.add_textbox(Inches(1), Inches(2), Inches(8), Inches(1)).text_frame
    box.text = words[3]
    box.paragraphs[0].runs[0].font.size = Pt(28)
    noted.notes_slide.notes_text_frame.text = words[3]
    prs.save(str(path))
    return path


# a fade-in of shape 3 on click, as PowerPoint writes an entrance animation
FADE_IN = (
    '<p:timing xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
    '<p:tnLst><p:par><p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot">'
    '<p:childTnLst><p:seq concurrent="1" nextAc="seek"><p:cTn id="2" dur="indefinite" '
    'nodeType="mainSeq"><p:childTnLst><p:par><p:cTn id="3" fill="hold"><p:stCondLst>'
    '<p:cond delay="indefinite"/></p:stCondLst><p:childTnLst><p:par><p:cTn id="4" '
    'fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst><p:par>'
    '<p:cTn id="5" presetID="10" presetClass="entr" presetSubtype="0" fill="hold" '
    'nodeType="clickEffect"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>'
    '<p:set><p:cBhvr><p:cTn id="6" dur="1" fill="hold"><p:stCondLst><p:cond delay="0"/>'
    '</p:stCondLst></p:cTn><p:tgtEl><p:spTgt spid="3"/></p:tgtEl><p:attrNameLst>'
    "<p:attrName>style.visibility</p:attrName></p:attrNameLst></p:cBhvr><p:to>"
    '<p:strVal val="visible"/></p:to></p:set></p:childTnLst></p:cTn></p:par></p:childTnLst>'
    "</p:cTn></p:par></p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn><p:prevCondLst>"
    '<p:cond evt="onPrev" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:prevCondLst>'
    '<p:nextCondLst><p:cond evt="onNext" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond>'
    "</p:nextCondLst></p:seq></p:childTnLst></p:cTn></p:par></p:tnLst></p:timing>"
)
FADE = (
    '<p:transition xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'spd="med"><p:fade/></p:transition>'
)


def animated(path: Path) -> Path:
    """The wide deck with a fade transition and an entrance animation on its picture slide."""
    from pptx.oxml import parse_xml

    wide_deck(path)
    prs = Presentation(str(path))
    sld = prs.slides[1]._element
    cSld = sld.find("{http://schemas.openxmlformats.org/presentationml/2006/main}cSld")
    cSld.addnext(parse_xml(FADE))
    sld.find("{http://schemas.openxmlformats.org/presentationml/2006/main}transition").addnext(
        parse_xml(FADE_IN)
    )
    prs.save(str(path))
    return path


def slides_pdf(path: Path) -> Path:
    """A PDF of slides, as Beamer exports them: landscape pages, a big title, a few lines."""
    from tests.fakes.documents import PdfPage, pdf_bytes

    pages = []
    for title, lines in (
        ("Tides", ["The moon pulls the sea."]),
        ("Why twice a day", ["The earth turns under two bulges of water."]),
        ("Spring tides", ["Sun and moon in line make the highest tides."]),
    ):
        page = PdfPage()
        page.text(60, 120, 32, title, bold=True)
        for n, line in enumerate(lines):
            page.text(60, 220 + 40 * n, 20, line)
        pages.append(page)
    path.write_bytes(pdf_bytes(pages, "Tides"))
    return path


LIBREOFFICE_TEMPLATES = Path("/usr/lib/libreoffice/share/template/common/presnt")


def third_party_deck(path: Path, design: str = "Vivid") -> Path:
    """A deck on a design someone else made (a LibreOffice template, saved as PPTX by
    LibreOffice), its slides filled as a presenter would: German text, one slide hidden, one
    without notes, and its own sample slides left as they are."""
    import subprocess

    work = path.parent / f"{design}-converted"
    work.mkdir(exist_ok=True)
    source = LIBREOFFICE_TEMPLATES / f"{design}.otp"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{work}/profile",
            "--headless",
            "--convert-to",
            "pptx",
            "--outdir",
            str(work),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    prs = Presentation(str(work / f"{design}.pptx"))
    layouts = [layout for layout in prs.slide_layouts if layout.placeholders]
    for n, (title, line, note) in enumerate(
        [
            (
                "Wärmepumpen",
                "Wärme aus der Luft ins Haus",
                "Eine Wärmepumpe holt Wärme aus der Luft.",
            ),
            ("Kosten", "Einbau und Betrieb", ""),
            ("Intern", "Nicht zeigen", "Diese Folie ist versteckt."),
        ]
    ):
        slide = prs.slides.add_slide(layouts[min(1, len(layouts) - 1)])
        holders = list(slide.placeholders)
        holders[0].text = title
        if len(holders) > 1:
            holders[1].text = line
        if note:
            slide.notes_slide.notes_text_frame.text = note
        if n == 2:
            slide._element.set("show", "0")
    prs.save(str(path))
    return path
