"""Decks from documents: offline in the documents' own words, or grounded by a model; titles
follow the headings, bullets and numbers come from the cited pages, figures and tables too."""

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from flows.presentation import presentation
from lectra.documents.deckplan import title_of
from lectra.models import slugify
from lectra.pipeline.deckscript import read_script
from tests.fakes.documents import report_docx, report_pdf
from tests.fakes.grounded import INVENTED, STRAYED, GroundedOllama
from tests.fakes.loopback import serve
from tests.fakes.report_text import HEAT_PUMPS, WAERMEPUMPEN

CITED = re.compile(r", (?:pp?\.|S\.) (\d+)(?:-(\d+))?$")


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No model, espeak's voice, drawn pictures, the outputs under tmp_path/outputs."""
    monkeypatch.setenv("LECTRA_WRITER", "offline")
    monkeypatch.setenv("LECTRA_VOICE_ENGINE", "espeak")
    monkeypatch.setenv("LECTRA_IMAGE_SOURCE", "generated")
    monkeypatch.setenv("LECTRA_OUTPUT_DIR", str(tmp_path / "outputs"))
    return tmp_path / "outputs"


def deck_checks(out: Path, report: dict, pages: int) -> dict:
    """What every deck from the report must hold; returns the run report."""
    run = json.loads((out / "run_report.json").read_text())
    faithful = run["faithfulness"]
    slides = faithful["slides"]
    headings = [title_of_heading(h) for h, _ in report["sections"]]
    assert [s["title"] for s in slides] == headings  # the titles follow the headings
    for slide in slides:
        assert slide["words_in_source"] >= 0.9, slide
        assert slide["numbers_not_in_source"] == [], slide
        start, end = CITED.search(slide["cites"][0]).groups()  # type: ignore[union-attr]
        assert 1 <= int(start) <= int(end or start) <= pages, slide["cites"]
    script = read_script(out / "script.md")
    assert all(s.cites for s in script.slides[1:])  # script.md keeps where each came from
    assert json.loads((out / "source.json").read_text())["documents"][0]["title"] == report["title"]
    heard = " ".join(
        s["text"]
        for f in (out / "sentence_boundaries").glob("*.json")
        for page in json.loads(f.read_text())
        for s in page["sentences"]
    )
    assert not re.search(r"\b(?:pp?|S)\. \d", heard)  # the voice reads no citation marks
    deck = Presentation(str(out / "presentation.pptx"))
    titled = [(s.shapes.title.text if s.shapes.title else "", s) for s in deck.slides]

    def first(title: str) -> Any:  # a split slide's pages are 'Title (1/2)', ...
        return next(slide for shown, slide in titled if shown.startswith(title))

    table_slide: Any = first(headings[report["table_section"]])
    table = next(sh for sh in table_slide.shapes if sh.has_table).table
    assert [c.text for c in table.rows[1].cells] == report["table"][1]
    figure_slide: Any = first(headings[report["figure_section"]])
    pictures = [sh for sh in figure_slide.shapes if sh.shape_type == 13]
    descr = pictures[0]._element.nvPicPr.cNvPr.get("descr")
    assert descr == report["figure_caption"]
    notes = table_slide.notes_slide.notes_text_frame.text
    assert notes.splitlines()[-1].startswith(("Source: ", "Quelle: "))
    closing = list(deck.slides)[-1]
    assert report["title"] in " ".join(
        sh.text_frame.text for sh in closing.shapes if sh.has_text_frame
    )
    return run


def title_of_heading(heading: str) -> str:
    from lectra.documents.model import Section

    return title_of(Section(heading=heading))


def test_a_pdf_report_makes_a_deck_in_its_own_words_with_no_model(
    prefect_server: None, tmp_path: Path, offline: Path
) -> None:
    pdf = report_pdf(tmp_path / "report.pdf", padding_pages=3)
    report = presentation(sources=[str(pdf)], video=False)
    assert report.topic == "Heat Pumps in Homes" and report.lang == "en"
    run = deck_checks(offline / slugify(report.topic), HEAT_PUMPS, 20)
    assert run["providers"]["writer"] == "offline"
    assert any("Appendix" in u for u in run["faithfulness"]["uncovered"])
    assert any("on no slide" in w for w in report.warnings)  # said, not left out silently


def test_a_german_word_document_makes_a_german_deck(
    prefect_server: None, tmp_path: Path, offline: Path
) -> None:
    docx = report_docx(tmp_path / "bericht.docx", WAERMEPUMPEN)
    report = presentation(sources=[str(docx)], video=False)
    assert report.lang == "de"  # the document's language, not the default
    deck_checks(offline / slugify(report.topic), WAERMEPUMPEN, 7)


def test_a_model_writes_grounded_slides_and_is_asked_again_for_an_invented_number(
    prefect_server: None, tmp_path: Path, offline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = report_pdf(tmp_path / "report.pdf")
    with serve(GroundedOllama()) as model:
        monkeypatch.setenv("LECTRA_WRITER", "ollama")
        monkeypatch.setenv("LECTRA_OLLAMA_URL", model.url)
        presentation(sources=[str(pdf)], video=False, project="grounded")
    asks = [m["content"] for c in model.chats for m in c["messages"] if m["role"] == "user"]
    assert sum("<source>" in a for a in asks) >= len(HEAT_PUMPS["sections"])
    assert any("99,000 is not in the source text" in a for a in asks)  # the check asked again
    assert any("which the source text does not" in a and "savings" in a for a in asks)
    out = offline / "grounded"
    run = deck_checks(out, HEAT_PUMPS, 17)
    assert run["providers"]["writer"] == "ollama"
    assert INVENTED not in (out / "script.md").read_text()
    assert STRAYED[0] not in (out / "script.md").read_text()
