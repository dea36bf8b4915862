"""A PPTX that narrates itself: each slide's audio as PowerPoint writes it, read back by the
tools a user has (python-pptx, ffprobe, LibreOffice)."""

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from lectra.media.ffmpeg import encode_narration, probe_duration
from lectra.providers.voices.espeak import EspeakVoice
from lectra.slides.render_pptx import build_deck
from tests.lectra.test_renderers import DESIGN, _pages

REFERENCE = Path(__file__).with_name("data") / "powerpoint_audio_slide.xml"
# attributes whose values make the audio play on entry, hidden: they must be PowerPoint's
KEPT = {"action", "uri", "nodeType", "presetClass", "presetID", "cmd", "type", "evt"}
KEPT |= {"showWhenStopped", "concurrent", "nextAc", "restart", "display"}


def _shape(element: etree._Element) -> tuple:
    """An element's structure: its tag, the attributes that matter, and its children's."""
    attrs = tuple(sorted((k, v) for k, v in element.attrib.items() if k in KEPT))
    return (element.tag, attrs, tuple(_shape(child) for child in element))


@pytest.fixture(scope="module")
def narrated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[float], Path]:
    """A two-slide deck, each slide with its own spoken narration embedded."""
    tmp = tmp_path_factory.mktemp("narrated")
    voice = EspeakVoice()
    chunks, seconds = [], []
    for i, text in enumerate(["Welcome to the talk.", "Sunlight frees electrons in the cell."]):
        chunks.append(tmp / f"slide_{i:03d}.mp3")
        seconds.append(encode_narration(voice.speak(text, "en").audio, chunks[-1], -16.0, 0.6))
    pages = _pages(tmp)
    deck = build_deck(
        [(p, s, c) for p, s, c in zip(pages, seconds, chunks, strict=True)],
        tmp / "deck.pptx",
        DESIGN,
    )
    light = build_deck(
        [(p, s, None) for p, s in zip(pages, seconds, strict=True)], tmp / "l.pptx", DESIGN
    )
    return deck, seconds, light


def test_each_slide_has_the_structure_powerpoint_writes(narrated: tuple) -> None:
    deck, seconds, _ = narrated
    reference = etree.parse(str(REFERENCE)).getroot()
    ref_pic = reference.find(f".//{qn('p:pic')}")
    ref_timing = reference.find(qn("p:timing"))
    prs = Presentation(str(deck))
    for slide, length in zip(prs.slides, seconds, strict=True):
        sld = slide._element
        pics = [p for p in sld.iter(qn("p:pic")) if p.find(f".//{qn('a:audioFile')}") is not None]
        assert len(pics) == 1
        pic = pics[0]
        assert _shape(pic) == _shape(ref_pic)
        assert _shape(sld.find(qn("p:timing"))) == _shape(ref_timing)
        # where PowerPoint puts them: transition, then timing, after the slide's content
        order = [child.tag for child in sld]
        assert order[-2:] == [qn("p:transition"), qn("p:timing")]
        # the timing plays this shape, for as long as the slide stays up
        shape_id = pic.find(f".//{qn('p:cNvPr')}").get("id")
        assert {t.get("spid") for t in sld.iter(qn("p:spTgt"))} == {shape_id}
        ms = str(round(length * 1000))
        assert sld.find(qn("p:transition")).get("advTm") == ms
        assert sld.find(f".//{qn('p:cmd')}/{qn('p:cBhvr')}/{qn('p:cTn')}").get("dur") == ms
        # a:audioFile and p14:media name the same embedded part, by the audio and media types
        link = pic.find(f".//{qn('a:audioFile')}").get(qn("r:link"))
        embed = pic.find(".//{http://schemas.microsoft.com/office/powerpoint/2010/main}media")
        rels = slide.part.rels
        assert rels[link].reltype == RT.AUDIO
        assert rels[embed.get(qn("r:embed"))].reltype == RT.MEDIA
        assert rels[link].target_part is rels[embed.get(qn("r:embed"))].target_part
        assert rels[link].target_part.content_type == "audio/mpeg"
        # the icon is off the slide: never in the show, the PDF or the printout
        assert int(pic.find(f".//{qn('a:off')}").get("x")) >= prs.slide_width


def test_python_pptx_reads_each_audio_part_with_the_slides_duration(
    narrated: tuple, tmp_path: Path
) -> None:
    deck, seconds, _ = narrated
    prs = Presentation(str(deck))
    for n, (slide, length) in enumerate(zip(prs.slides, seconds, strict=True)):
        parts = [r.target_part for r in slide.part.rels.values() if r.reltype == RT.AUDIO]
        assert len(parts) == 1
        out = tmp_path / f"{n}.mp3"
        out.write_bytes(parts[0].blob)
        assert probe_duration(out) == pytest.approx(length, abs=0.05)


def test_libreoffice_opens_it_with_the_same_pages_and_plays_each_audio(
    narrated: tuple, tmp_path: Path
) -> None:
    deck, _, light = narrated
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is installed by make setup-test"
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    for source in (deck, light):
        subprocess.run(
            [
                soffice,
                profile,
                "--headless",
                "--convert-to",
                "odp",
                "--outdir",
                str(tmp_path),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    narrated_odp = zipfile.ZipFile(tmp_path / "deck.odp").read("content.xml").decode()
    light_odp = zipfile.ZipFile(tmp_path / "l.odp").read("content.xml").decode()
    assert narrated_odp.count("<draw:page ") == light_odp.count("<draw:page ") == 2
    assert narrated_odp.count("<draw:plugin ") == 2 and "<draw:plugin " not in light_odp
    assert narrated_odp.count('anim:command="play"') == 2


def test_without_embedding_the_deck_stays_light(narrated: tuple) -> None:
    deck, _, light = narrated
    names = zipfile.ZipFile(light).namelist()
    assert not [n for n in names if n.endswith(".mp3")]
    assert len([n for n in zipfile.ZipFile(deck).namelist() if n.endswith(".mp3")]) == 2
    prs = Presentation(str(light))
    assert all(s._element.find(qn("p:timing")) is None for s in prs.slides)
    assert all(s._element.find(qn("p:transition")) is not None for s in prs.slides)
