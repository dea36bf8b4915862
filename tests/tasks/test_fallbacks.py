"""Online providers failing for one slide: the slide degrades, the warning says why."""

import json
from pathlib import Path

import pytest
from PIL import Image

from tasks.image import image
from tasks.narration import narrate
from tasks.outline import outline
from tasks.pages import pages
from tasks.script import script
from tests.conftest import make_cfg
from tests.fakes.edge import ThrottledCommunicate, fake_edge
from tests.fakes.images import ImageWeb, fake_ddgs, results
from tests.fakes.llm import FakeOllama
from tests.tasks.planned import planned


def test_a_writer_that_keeps_failing_on_a_slide_gives_the_offline_writers_slide(
    tmp_path: Path, ollama: FakeOllama
) -> None:
    cfg = make_cfg(tmp_path, writer="ollama", ollama_url=ollama.url, writer_repairs=1)
    head = outline.fn(cfg)
    ollama.script.extend(["not json", "still not json"])
    written = script.fn(cfg, head.outline, 2)
    plan = pages.fn(cfg, head.outline, written, 2)
    assert plan.provider == "offline" and plan.script.title == head.outline.slide_titles[2]
    assert len(plan.script.bullets) >= 3 and len(plan.script.notes) > 100 and plan.pages
    assert "the offline writer's slide for its title" in written.warnings[0]
    assert "gave no valid answer in 2 tries" in written.warnings[0]
    assert planned(cfg, head.outline, 3).provider == "ollama"  # the next slide is fine


@pytest.mark.parametrize(
    ("lang", "engine", "name", "voice"),
    [
        ("en", "piper", "Piper", "en-US-AriaNeural"),
        ("de", "espeak", "espeak-ng", "de-DE-KatjaNeural"),
    ],
)
def test_edge_failing_falls_back_to_the_best_offline_voice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, engine: str, name: str, voice: str
) -> None:
    fake_edge(monkeypatch, ThrottledCommunicate)
    cfg = make_cfg(tmp_path, lang=lang, voice_engine="edge")
    plan = planned(cfg, outline.fn(cfg).outline, 1)
    result = narrate.fn(cfg, plan, 1)
    assert result.provider == engine and not result.pages[0].silent
    assert result.pages[0].duration_s > 3 and result.pages[0].sentences
    assert f"spoken by {name} instead (edge-tts ({voice}): HTTP 503)" in result.warnings[0]


def test_every_voice_failing_leaves_silence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken_espeak: Path, broken_piper: Path
) -> None:
    fake_edge(monkeypatch, ThrottledCommunicate)
    cfg = make_cfg(tmp_path, voice_engine="edge", piper_voice=broken_piper)
    plan = planned(cfg, outline.fn(cfg).outline, 1)
    result = narrate.fn(cfg, plan, 1)
    assert result.provider == "silence" and result.pages[0].silent
    assert (
        "HTTP 503; Piper: piper could not load en_US-broken-medium.onnx: Protobuf"
        in result.warnings[0]
    )
    assert "; espeak-ng: espeak-ng failed" in result.warnings[0]
    assert result.pages[-1].pause_s == cfg.voice.slide_pause_s > 0


def test_no_usable_web_image_falls_back_to_a_generated_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, image_web: ImageWeb
) -> None:
    fake_ddgs(monkeypatch, results(image_web, "/html", "/truncated"))
    cfg = make_cfg(tmp_path, image_source="ddg")
    plan = planned(cfg, outline.fn(cfg).outline, 1)
    result = image.fn(cfg, plan, 1)
    assert result.provider == "generated" and result.path is not None
    with Image.open(result.path) as im:
        assert im.size == (1200, 900)
    assert "generated image used (no usable image" in result.warnings[0]


def test_no_web_image_and_no_generated_one_leave_the_slide_without_an_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, image_web: ImageWeb
) -> None:
    fake_ddgs(monkeypatch, results(image_web, "/html"))
    cfg = make_cfg(tmp_path, image_source="ddg")
    plan = planned(cfg, outline.fn(cfg).outline, 1)
    cfg.out_dir.mkdir(parents=True, exist_ok=True)
    (cfg.out_dir / "images").write_text("a file where the images folder should be")
    result = image.fn(cfg, plan, 1)
    assert result.provider == "none" and result.path is None
    assert "no image (no usable image" in result.warnings[0]
    assert "; generated: cannot write slide_001.jpg" in result.warnings[0]


def test_web_images_are_recorded_with_their_source_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, image_web: ImageWeb
) -> None:
    from tasks.deck import records

    fake_ddgs(monkeypatch, results(image_web, "/jpeg", "/png", "/cmyk"))
    cfg = make_cfg(tmp_path, image_source="ddg")
    head = outline.fn(cfg).outline
    plans = [planned(cfg, head, i) for i in range(1, 4)]  # three pictures for three results
    pictures = [image.fn(cfg, p, p.index) for p in plans]
    records.fn(cfg, head, plans, pictures)
    meta = json.loads((cfg.out_dir / "images_metadata.json").read_text())
    assert [m["source"] for m in meta] == ["ddg"] * 3
    assert {m["url"].rsplit("/", 1)[1] for m in meta} == {"jpeg", "png", "cmyk"}
    assert all(m["page"].startswith(image_web.url + "/page/") and m["bytes"] > 0 for m in meta)


def _wav(rate: int, channels: int, fmt_size: int = 16, data: bytes = b"\x10\x00" * 4000) -> bytes:
    import struct

    fmt = struct.pack("<HHIIHH", 1, channels, rate, rate * 2, 2, 16)
    return (
        b"RIFF"
        + struct.pack("<I", 36 + len(data))
        + b"WAVE"
        + b"fmt "
        + struct.pack("<I", fmt_size)
        + fmt
        + b"data"
        + struct.pack("<I", len(data))
        + data
    )


@pytest.mark.hostile
@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (_wav(0, 1), "0 Hz"),
        (_wav(24000, 0), "0 channels"),
        (_wav(24000, 1, fmt_size=0xFFFFFFF0), "no audio data"),
        (_wav(24000, 1, fmt_size=4), "cut short"),
        (b"ID3\x04" + b"\xff\xfb" * 500, "not a WAV"),
    ],
)
def test_a_hostile_speech_answer_falls_back_to_an_offline_voice(
    tmp_path: Path, answer: bytes, said: str
) -> None:
    from tests.fakes.loopback import Reply, Server, serve

    server = Server()
    server.route("POST", "/v1/audio/speech", lambda _: Reply(body=answer, content_type="audio/wav"))
    with serve(server):
        cfg = make_cfg(tmp_path, voice_engine="openai", speech_base_url=f"{server.url}/v1")
        plan = planned(cfg, outline.fn(cfg).outline, 1)
        result = narrate.fn(cfg, plan, 1)
    assert result.provider == "piper" and not result.pages[0].silent
    assert "spoken by Piper instead" in result.warnings[0] and said in result.warnings[0]
