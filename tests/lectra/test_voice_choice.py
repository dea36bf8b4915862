"""A voice the user names is spoken, refused in one line, or its fallback said; the summary
names the engine that really spoke."""

from pathlib import Path

import pytest

from flows.cli import main
from lectra.models import SlideNarration, StepResult
from lectra.pipeline.report import voice_as_spoken
from tests.conftest import make_cfg

pytestmark = pytest.mark.hostile


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--voice", "en-US-FooNeural", "--voice-engine", "piper"], "voice engine piper does not"),
        (["--voice", "en-US-AriaNeural", "--voice-engine", "espeak"], "is an edge-tts voice"),
        (["--voice", "de-DE-KatjaNeural"], "speaks 'de', the deck is in 'en'"),
        (["--voice-engine", "espeak", "--piper-voice", "/etc/passwd"], "does not speak with it"),
        (["--voice-engine", "edge", "--piper-voice", "/etc/passwd"], "not an .onnx file"),
    ],
)
def test_a_voice_the_engine_cannot_speak_is_one_line_exit_2(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["Tides", *args, "--output-dir", str(tmp_path / "out")])
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and message in lines[0], lines
    assert not (tmp_path / "out").exists()


def test_a_multilingual_voice_may_speak_another_language(tmp_path: Path) -> None:
    cfg = make_cfg(tmp_path, lang="de", voice="en-US-AndrewMultilingualNeural")
    assert cfg.voice.voice == "en-US-AndrewMultilingualNeural"


def test_an_edge_voice_auto_cannot_reach_is_warned_about(tmp_path: Path) -> None:
    cfg = make_cfg(tmp_path, voice="en-US-AriaNeural")  # auto, offline: piper speaks
    assert cfg.providers["voice"] == "piper"
    assert any("en-US-AriaNeural is an edge-tts voice" in w for w in cfg.warnings)


def test_the_summary_names_the_engines_that_really_spoke() -> None:
    names_of = ["piper", "piper", "edge"]
    spoke: list[StepResult] = [
        SlideNarration(index=i, pages=[], provider=name) for i, name in enumerate(names_of)
    ]
    names, why = voice_as_spoken(spoke, "edge")
    assert names == {"voice": "piper, edge"}
    assert (
        why["voice"]
        == "edge was chosen; spoken by piper 2 of 3 slides, edge 1 of 3 slides (see the warnings)"
    )
    assert voice_as_spoken(spoke[2:], "edge") == ({}, {})
