"""Documents read into sections: PDF, Word, PowerPoint, Markdown, web pages, text; decks planned
from them and written in their own words."""

import io
import time
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches

from lectra.documents.deckplan import plan_deck
from lectra.documents.extractive import extractive_script
from lectra.documents.faithfulness import measure
from lectra.documents.read import read_source
from lectra.documents.textrank import central, shortened
from lectra.text.numbers import foreign_numbers, numbers_in
from tests.fakes.documents import house_picture, report_docx, report_pdf
from tests.fakes.report_text import HEAT_PUMPS, WAERMEPUMPEN

HEADINGS = [heading for heading, _ in HEAT_PUMPS["sections"]]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("documents")


def test_a_pdf_reads_as_its_headings_pages_table_and_figure(folder: Path) -> None:
    pdf = report_pdf(folder / "report.pdf", padding_pages=3)
    doc = read_source(str(pdf), folder / "cache")
    assert (doc.kind, doc.pages, doc.title) == ("pdf", 20, "Heat Pumps in Homes")
    headings = [s.heading for s in doc.sections]
    assert headings[:9] == [doc.title, *HEADINGS]  # the title page's subtitle under the title
    costs = doc.sections[4]
    assert costs.pages == [8, 9]
    assert costs.tables[0].rows[2] == ["Air source heat pump", "11,500 euros", "1,040 euros"]
    assert costs.tables[0].caption.startswith("Table 1:")
    figure = doc.sections[5].figures[0]
    assert figure.caption == HEAT_PUMPS["figure_caption"] and figure.page == 11
    assert (folder / "cache" / "sources" / doc.sha256 / figure.file).stat().st_size > 1000
    text = " ".join(p.text for s in doc.sections for p in s.passages)
    assert "page 3" not in text  # the running footer is no passage
    assert HEAT_PUMPS["sections"][0][1][1] in text  # a sentence over a line break, whole
    assert doc.cite(costs, "en") == "pp. 8-9" and doc.cite(costs, "de") == "S. 8-9"


def test_a_document_read_once_is_not_parsed_again(folder: Path) -> None:
    pdf = report_pdf(folder / "again.pdf")
    first = read_source(str(pdf), folder / "cache")
    kept = folder / "cache" / "sources" / first.sha256 / "source.json"
    stamp = kept.stat().st_mtime_ns
    began = time.perf_counter()
    second = read_source(str(pdf), folder / "cache")
    assert time.perf_counter() - began < 0.5  # no child process, no parsing
    assert kept.stat().st_mtime_ns == stamp and second == first


def test_a_word_document_counts_pages_at_its_breaks(folder: Path) -> None:
    doc = read_source(str(report_docx(folder / "report.docx")), folder / "cache")
    assert doc.kind == "docx" and doc.title == "Heat Pumps in Homes"
    found = {s.heading: s for s in doc.sections}
    assert list(found)[-8:] == HEADINGS
    assert found["4 Costs and savings"].pages == [5]
    assert found["4 Costs and savings"].tables[0].caption == HEAT_PUMPS["table_caption"]
    assert found["5 Installation"].figures[0].caption == HEAT_PUMPS["figure_caption"]


def test_a_powerpoint_deck_is_a_section_a_slide_with_its_notes(folder: Path) -> None:
    prs = Presentation()
    for n, (title, body) in enumerate([("Tides", "The moon pulls the sea."), ("Waves", "")]):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text = body or "Wind makes waves"
        slide.notes_slide.notes_text_frame.text = f"Notes of slide {n + 1} say more."
        if n == 1:
            slide.shapes.add_picture(io.BytesIO(house_picture()), Inches(5), Inches(2), Inches(4))
    prs.save(str(folder / "deck.pptx"))
    doc = read_source(str(folder / "deck.pptx"), folder / "cache")
    assert (doc.kind, doc.unit, doc.pages) == ("pptx", "slide", 2)
    assert [s.heading for s in doc.sections] == ["Tides", "Waves"]
    assert [p.text for p in doc.sections[0].passages] == [
        "The moon pulls the sea.",
        "Notes of slide 1 say more.",
    ]
    assert doc.sections[1].figures and doc.cite(doc.sections[1], "en") == "slide 2"


def test_markdown_text_and_a_web_page_read_as_sections(folder: Path) -> None:
    (folder / "notes.md").write_text(
        "# Tides\n\nIntro **text** with a [link](https://x.example).\n\n## Causes\n\n"
        "- The moon\n- The sun\n\n| Body | Pull |\n|---|---|\n| Moon | 68% |\n| Sun | 32% |\n"
    )
    md = read_source(str(folder / "notes.md"), folder / "cache")
    assert md.title == "Tides" and [s.heading for s in md.sections] == ["Tides", "Causes"]
    assert md.sections[0].passages[0].text == "Intro text with a link."
    assert [p.text for p in md.sections[1].passages if p.item] == ["The moon", "The sun"]
    assert md.sections[1].tables[0].rows == [["Body", "Pull"], ["Moon", "68%"], ["Sun", "32%"]]
    sentences = " ".join(HEAT_PUMPS["sections"][1][1])
    html = (
        "<html><head><title>Heat pumps explained</title></head><body><nav><a href='/'>Home</a>"
        "<a href='/shop'>Shop now</a></nav><article><h1>Heat pumps explained</h1>"
        f"<h2>How it works</h2><p>{sentences}</p></article><footer>Cookie settings</footer>"
        "</body></html>"
    )
    (folder / "page.html").write_text(html)
    page = read_source(str(folder / "page.html"), folder / "cache")
    assert page.kind == "html" and page.title == "Heat pumps explained"
    text = " ".join(p.text for s in page.sections for p in s.passages)
    assert "refrigerant" in text and "Shop now" not in text and "Cookie" not in text
    (folder / "plain.txt").write_text("Tides\n\nThe moon pulls the sea twice a day.\n")
    plain = read_source(str(folder / "plain.txt"), folder / "cache")
    assert plain.kind == "text" and plain.sections[0].heading == "Tides"


def test_the_plan_follows_the_headings_splits_long_sections_and_names_what_it_leaves(
    folder: Path,
) -> None:
    doc = read_source(str(report_pdf(folder / "plan.pdf", padding_pages=3)), folder / "cache")
    eight = plan_deck([doc], 8)
    assert [s.title for s in eight.slides] == [h.split(" ", 1)[1] for h in HEADINGS]
    assert any("Appendix 1" in u for u in eight.uncovered) and eight.notes
    four = plan_deck([doc], 4)
    assert len(four.slides) == 4 and len(four.uncovered) > len(eight.uncovered)
    more = plan_deck([doc], 13)  # 12 sections: the one that says most is split
    assert len(more.slides) == 13 and any(s.title.endswith("(2)") for s in more.slides)


def test_extractive_slides_are_the_documents_words_numbers_and_pages(folder: Path) -> None:
    for report, lang in ((HEAT_PUMPS, "en"), (WAERMEPUMPEN, "de")):
        doc = read_source(str(report_pdf(folder / f"{lang}.pdf", report)), folder / "cache")
        plan = plan_deck([doc], len(report["sections"]))
        scripts = [extractive_script([doc], plan, i, lang) for i in range(1, len(plan.slides) + 1)]
        assert [s.title for s in scripts] == [h.split(" ", 1)[1] for h, _ in report["sections"]]
        found = measure([doc], plan, scripts)
        assert all(s.words_in_source == 1.0 and not s.numbers_not_in_source for s in found.slides)
        assert all(s.cites and (" p" in s.cites[0] or " S. " in s.cites[0]) for s in scripts)
        assert scripts[report["table_section"]].table == report["table"]
        assert scripts[report["figure_section"]].figure.endswith("figure_001.jpg")
        assert all(2 <= len(s.bullets) <= 4 for s in scripts)


def test_central_sentences_and_bullets_cut_at_a_clause() -> None:
    sentences = [
        "Heat pumps move heat from outside air into a home.",
        "Bananas are yellow.",
        "A heat pump moves heat, so its output exceeds the electricity it uses.",
        "The heat pump moves more heat in mild weather.",
    ]
    assert central(sentences, 3) == [0, 2, 3]  # in their order, the odd one out left
    long = (
        "Ground source systems cost more at every site we surveyed, at an average of "
        "21,000 euros a home"
    )
    assert shortened(long) == "Ground source systems cost more at every site we surveyed"
    assert shortened("Because it rains, the ground is wet and the grass grows fast.").startswith(
        "Because it rains, the ground"
    )


def test_numbers_compare_as_values() -> None:
    assert numbers_in("11,500 euros, 11.500 Euro, 3,1 and 3.1 in 2023") == {"11500", "3.1", "2023"}
    assert foreign_numbers("about 12,000 euros, 28 percent", "11,500 euros, 28 percent") == [
        "12,000"
    ]
