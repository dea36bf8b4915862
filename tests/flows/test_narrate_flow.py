"""Narrating a deck someone brought: their slides kept as they are, each shown slide's narration
embedded with its timing, the video made of their own pages."""

import json
import statistics
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image, ImageChops, ImageStat
from pptx import Presentation

from flows.cli import main
from flows.presentation import presentation
from lectra.pipeline.deckscript import read_script
from lectra.slides.office import office_pages
from tests.fakes.decks import (
    LIBREOFFICE_TEMPLATES,
    animated,
    slides_pdf,
    square_deck,
    third_party_deck,
    wide_deck,
)
from tests.fakes.grounded import GroundedOllama
from tests.fakes.loopback import serve
from tests.flows.test_cache_flow import online
from tests.flows.test_source_flow import offline

__all__ = ["offline", "online"]
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def shapes(path: Path) -> list[list[bytes]]:
    """Every slide's shapes as canonical XML, the narration's audio left out."""
    out = []
    for slide in Presentation(str(path)).slides:
        tree = slide.shapes._spTree
        kept = [
            etree.tostring(child, method="c14n")
            for child in tree
            if not (
                child.tag == f"{P}pic"
                and (child.find(f".//{P}cNvPr").get("name") or "").startswith("Narration")
            )
        ]
        out.append(kept)
    return out


def narrations(path: Path) -> list[int]:
    """How many narration audio shapes each slide has."""
    return [
        sum(1 for s in slide.shapes if s.name.startswith("Narration"))
        for slide in Presentation(str(path)).slides
    ]


def advances(path: Path) -> list[int | None]:
    """Each slide's auto-advance time in ms, None where it has none."""
    found = []
    for slide in Presentation(str(path)).slides:
        times = {t.get("advTm") for t in slide._element.iter(f"{P}transition")}
        found.append(int(times.pop()) if times and None not in times else None)
    return found


def seconds(path: Path) -> float:
    probe = ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0"]
    return float(subprocess.run([*probe, str(path)], capture_output=True, text=True).stdout)


def grey(path: Path) -> Image.Image:
    with Image.open(path) as image:
        return image.convert("L").resize((192, 108))


def office_differences(made: Path, frames: Path, drawn: Path) -> list[float]:
    """Each frame's mean grey difference (192x108) from LibreOffice's page of the deck made."""
    pages = office_pages(made, drawn, (1920, 1080))
    return [
        ImageStat.Stat(ImageChops.difference(grey(a), grey(b))).mean[0]
        for a, b in zip(sorted(frames.glob("*.png")), pages, strict=True)
    ]


def test_a_wide_deck_with_an_animation_keeps_every_shape_and_gains_its_voice(
    prefect_server: None, tmp_path: Path, offline: Path
) -> None:
    given = animated(tmp_path / "talk.pptx")
    report = presentation(narrate=str(given), project="talk")
    out = offline / "talk"
    made = out / "presentation.pptx"
    assert shapes(made) == shapes(given)  # the user's slides, unchanged
    assert narrations(made) == [1, 1, 1]
    timings = json.loads((out / "slide_timings.json").read_text())
    assert advances(made) == [round(t["duration"] * 1000) for t in timings]
    assert abs(seconds(out / "video.mp4") - seconds(out / "narration.mp3")) < 0.15
    slide = Presentation(str(made)).slides[1]._element
    assert slide.find(f".//{P}fade") is not None  # its transition kept
    effects = {c.get("presetClass") for c in slide.iter(f"{P}cTn")}
    assert {"entr", "mediacall"} <= effects  # its animation kept, the narration beside it
    ids = [c.get("id") for c in slide.iter(f"{P}cTn")]
    assert len(ids) == len(set(ids))
    diffs = office_differences(made, out / "frames", tmp_path / "drawn")
    assert statistics.median(diffs) <= 3, diffs
    assert report.deck_slides == 3 and not report.warnings


def test_hidden_slides_are_skipped_and_slides_without_notes_read_their_text(
    prefect_server: None, tmp_path: Path, offline: Path
) -> None:
    given = square_deck(tmp_path / "gezeiten.pptx", "de")
    report = presentation(narrate=str(given), project="gezeiten", video=False)
    assert report.lang == "de" and report.deck_slides == 3
    made = offline / "gezeiten" / "presentation.pptx"
    assert shapes(made) == shapes(given)
    assert narrations(made) == [1, 1, 0, 1]  # the hidden third slide is not narrated
    assert advances(made)[2] is None
    notes = [s.notes_slide.notes_text_frame.text for s in Presentation(str(made)).slides]
    assert "Der Mond zieht am Meer." in notes[1] and "Zweimal am Tag" in notes[1]
    assert notes[3] == "Die Sonne wirkt schwächer als der Mond."  # its own notes, kept
    said = " ".join(report.warnings)
    assert "hidden slides 3" in said and "slides 1, 2 have no speaker notes" in said
    with Image.open(offline / "gezeiten" / "frames" / "slide_000.png") as frame:
        assert frame.size == (1440, 1080)  # 4:3, as the deck is


def test_a_pdf_of_slides_becomes_a_narrated_deck_and_video(
    prefect_server: None, tmp_path: Path, offline: Path
) -> None:
    report = presentation(narrate=str(slides_pdf(tmp_path / "beamer.pdf")), project="beamer")
    out = offline / "beamer"
    deck = Presentation(str(out / "presentation.pptx"))
    assert len(deck.slides) == 3 and narrations(out / "presentation.pptx") == [1, 1, 1]
    assert [s.title for s in read_script(out / "script.md").slides[1:]] == [
        "Why twice a day",
        "Spring tides",
    ]
    assert report.topic == "Tides"
    assert abs(seconds(out / "video.mp4") - seconds(out / "narration.mp3")) < 0.15


def test_editing_one_slides_notes_speaks_only_that_slide_again(
    prefect_server: None, tmp_path: Path, online: dict[str, list]
) -> None:
    given = wide_deck(tmp_path / "talk.pptx")
    presentation(narrate=str(given), project="talk", video=False)
    before = len(online["speech"])
    script = tmp_path / "talk" / "script.md"  # the output folder is tmp_path (online)
    edited = script.read_text().replace(
        "A heat pump costs more to install than a boiler.", "Heat pumps cost more to install."
    )
    (tmp_path / "edited.md").write_text(edited)
    again = presentation(
        narrate=str(given), project="talk", video=False, script=read_script(tmp_path / "edited.md")
    )
    assert [c["text"] for c in online["speech"][before:]] == ["Heat pumps cost more to install."]
    assert [t.task for t in again.tasks if t.stage == "narration" and not t.cached] == ["narrate-2"]
    made = Presentation(str(script.parent / "presentation.pptx"))
    notes = [s.notes_slide.notes_text_frame.text for s in made.slides]
    assert notes[2] == "Heat pumps cost more to install."  # the notes say what is said now
    assert notes[1].startswith("The outdoor unit stands")  # the others, as the author wrote


@pytest.mark.hostile
@pytest.mark.parametrize(
    ("content", "said"),
    [
        (bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600, "encrypted or an old .ppt"),
        (b"PK\x03\x04 not really a zip", "is not a PPTX file"),
        (b"just text", "is not a PPTX file"),
    ],
    ids=["ppt-or-password", "damaged-zip", "not-a-deck"],
)
def test_a_deck_that_cannot_be_narrated_is_one_line_exit_2(
    tmp_path: Path,
    content: bytes,
    said: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "talk.pptx").write_bytes(content)
    code = main(["--narrate", str(tmp_path / "talk.pptx"), "--output-dir", str(tmp_path / "o")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and said in err[0], err
    assert not (tmp_path / "o" / "talk").exists()


@pytest.mark.hostile
def test_five_hundred_and_one_slides_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prs = Presentation()
    for _ in range(501):
        prs.slides.add_slide(prs.slide_layouts[6])
    prs.save(str(tmp_path / "long.pptx"))
    code = main(["--narrate", str(tmp_path / "long.pptx"), "--output-dir", str(tmp_path / "o")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "501 slides; the limit is 500" in err[0], err


@pytest.mark.hostile
def test_a_deck_linking_out_is_narrated_with_its_links_cut_and_said(
    prefect_server: None, tmp_path: Path, offline: Path
) -> None:
    path = wide_deck(tmp_path / "linked.pptx")
    prs = Presentation(str(path))
    run = prs.slides[0].shapes.title.text_frame.paragraphs[0].runs[0]
    run.hyperlink.address = "http://127.0.0.1:9/tracker"
    prs.save(str(path))
    report = presentation(narrate=str(path), project="linked", video=False)
    made = Presentation(str(offline / "linked" / "presentation.pptx"))
    external = [rel for slide in made.slides for rel in slide.part.rels.values() if rel.is_external]
    assert external == []
    assert any("deck linked.pptx: left out 1 external links" in w for w in report.warnings)


@pytest.mark.skipif(
    not (LIBREOFFICE_TEMPLATES / "Vivid.otp").exists(), reason="LibreOffice's templates"
)
def test_a_deck_on_someone_elses_design_keeps_it_and_speaks_german(
    prefect_server: None, tmp_path: Path, offline: Path
) -> None:
    given = third_party_deck(tmp_path / "vivid.pptx")
    report = presentation(narrate=str(given), project="vivid")
    out = offline / "vivid"
    made = out / "presentation.pptx"
    assert report.lang == "de"
    assert shapes(made) == shapes(given)
    # its own three sample slides say nothing (no text, no notes): shown silently, no audio
    assert narrations(made) == [0, 0, 0, 1, 1, 0]
    timings = json.loads((out / "slide_timings.json").read_text())
    assert [a for a in advances(made) if a is not None] == [
        round(t["duration"] * 1000) for t in timings
    ]
    diffs = office_differences(made, out / "frames", tmp_path / "drawn")
    assert statistics.median(diffs) <= 3, diffs
    assert abs(seconds(out / "video.mp4") - seconds(out / "narration.mp3")) < 0.15
    said = " ".join(report.warnings)
    assert "hidden slides 6" in said and "slides 5 have no speaker notes" in said


def test_a_model_writes_the_narration_of_slides_without_notes(
    prefect_server: None, tmp_path: Path, offline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given = square_deck(tmp_path / "tides.pptx", "en")
    with serve(GroundedOllama()) as model:
        monkeypatch.setenv("LECTRA_WRITER", "ollama")
        monkeypatch.setenv("LECTRA_OLLAMA_URL", model.url)
        report = presentation(narrate=str(given), project="tides", video=False)
    asks = [m["content"] for c in model.chats for m in c["messages"] if m["role"] == "user"]
    assert any("The moon pulls the sea" in a for a in asks)  # what the slide shows, quoted
    made = Presentation(str(offline / "tides" / "presentation.pptx"))
    notes = [s.notes_slide.notes_text_frame.text for s in made.slides]
    assert "The report returns to this point" in notes[1]  # the model's words, now its notes
    assert notes[3] == "The sun pulls less than the moon."  # the author's, untouched
    assert not any("no speaker notes" in w for w in report.warnings)
