"""The offline providers: a deterministic writer, espeak-ng voice and generated images."""

from pathlib import Path

import pytest
from PIL import Image, ImageStat

from lectra.media.pcm import read_wav
from lectra.providers.images.generated import GeneratedImages
from lectra.providers.options import WriterOptions
from lectra.providers.voices.espeak import EspeakVoice
from lectra.providers.writers import make_writer
from lectra.runtime.errors import VoiceError


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


def _seconds(text: str, lang: str = "en") -> float:
    return read_wav(EspeakVoice().speak(text, lang).audio).seconds


def test_espeak_speaks_in_proportion_to_the_text() -> None:
    short = _seconds("Hello.")
    long = _seconds("Hello. " * 10 + "This is a much longer sentence to speak.")
    assert 0.3 < short < long
    assert _seconds("-- starts with dashes") > 0.5
    assert _seconds("你好，世界。", "zh") > 0.5


def test_espeak_failure_is_a_voice_error(broken_espeak: Path) -> None:
    with pytest.raises(VoiceError, match="cannot open audio device"):
        EspeakVoice().speak("Hello.", "en")


def test_generated_images_are_real_pictures(tmp_path: Path) -> None:
    info = GeneratedImages().fetch(
        "solar panels overview", "What is solar?", "en", tmp_path / "a.jpg"
    )
    with Image.open(tmp_path / "a.jpg") as im:
        assert im.format == "JPEG" and im.size == (info.width, info.height)
        assert max(ImageStat.Stat(im.convert("L")).stddev) > 10  # not a flat rectangle
    GeneratedImages().fetch("wind turbines future", "Future", "en", tmp_path / "b.jpg")
    assert (tmp_path / "a.jpg").read_bytes() != (tmp_path / "b.jpg").read_bytes()
