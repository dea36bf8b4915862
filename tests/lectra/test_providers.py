"""The offline providers: a deterministic writer, espeak-ng voice and generated images."""

from pathlib import Path

import pytest
from PIL import Image, ImageStat

from lectra.errors import VoiceError
from lectra.providers import make_writer
from lectra.providers.espeak import EspeakVoice
from lectra.providers.generated_images import GeneratedImages
from lectra.providers.options import WriterOptions


@pytest.mark.parametrize("lang", ["en", "es", "fr", "de", "hi", "zh", "ja", "ko"])
@pytest.mark.parametrize("slides", [1, 2, 8, 60])
def test_offline_writer_builds_a_whole_deck_in_the_language(lang: str, slides: int) -> None:
    writer = make_writer(WriterOptions(name="offline"))
    outline = writer.outline("Renewable Energy", slides, lang)
    assert len(outline.slide_titles) == slides
    scripts = [writer.script("Renewable Energy", outline, i, lang) for i in range(slides)]
    assert scripts[0].kind == "title" and not scripts[0].image_query
    assert all(s.notes and s.title for s in scripts)
    assert all(s.bullets and s.image_query for s in scripts[1:])
    assert len({s.title for s in scripts}) == slides  # no two slides share a title
    assert writer.outline("Renewable Energy", slides, lang) == outline  # deterministic


def test_espeak_speaks_in_proportion_to_the_text(tmp_path: Path) -> None:
    voice = EspeakVoice()
    short = voice.speak("Hello.", "en", tmp_path / "a.mp3").duration_s
    long = voice.speak(
        "Hello. " * 10 + "This is a much longer sentence to speak.", "en", tmp_path / "b.mp3"
    ).duration_s
    assert 0.3 < short < long
    assert voice.speak("-- starts with dashes", "en", tmp_path / "c.mp3").duration_s > 0.5
    assert voice.speak("你好，世界。", "zh", tmp_path / "d.mp3").duration_s > 0.5


def test_espeak_failure_is_a_voice_error(tmp_path: Path, broken_espeak: Path) -> None:
    with pytest.raises(VoiceError, match="cannot open audio device"):
        EspeakVoice().speak("Hello.", "en", tmp_path / "a.mp3")
    assert not (tmp_path / "a.mp3").exists()


def test_generated_images_are_real_pictures(tmp_path: Path) -> None:
    info = GeneratedImages().fetch(
        "solar panels overview", "What is solar?", "en", tmp_path / "a.jpg"
    )
    with Image.open(tmp_path / "a.jpg") as im:
        assert im.format == "JPEG" and im.size == (info.width, info.height)
        assert max(ImageStat.Stat(im.convert("L")).stddev) > 10  # not a flat rectangle
    GeneratedImages().fetch("wind turbines future", "Future", "en", tmp_path / "b.jpg")
    assert (tmp_path / "a.jpg").read_bytes() != (tmp_path / "b.jpg").read_bytes()
