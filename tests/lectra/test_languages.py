"""Each language set as its readers expect: line breaks, fonts per script, punctuation, voice."""

from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw

from lectra.media.subtitles import page_cues
from lectra.models import Page, PageAudio, SentenceMark
from lectra.providers.voices.reading import ReadingVoice
from lectra.slides.design import theme_design
from lectra.slides.fonts import autospace, load_font, script_changes, slot_runs, text_length
from lectra.slides.layout import layout_content_page
from lectra.slides.render_frame import render_frame
from lectra.slides.render_pptx import build_deck
from lectra.slides.textfit import PX_PER_PT, wrap, wrap_runs
from lectra.text.cleantext import plain
from lectra.text.spans import Span, line_text
from lectra.text.tokens import tokens
from lectra.text.typography import NBSP, NNBSP, typeset
from tests.lectra.office import office_pages

JAPANESE = "調理中：熱いフライパンから目を離さず、キッチンを離れないでください。" * 2
CHINESE = "如何在整个电网中储存电力？每月测试一次烟雾报警器，每年更换电池。" * 2


def test_french_sets_a_no_break_space_before_high_marks_wherever_the_model_put_one() -> None:
    for written in ("Les STEP: le géant", "Les STEP : le géant", f"Les STEP{NBSP}: le géant"):
        assert typeset(written, "fr") == f"Les STEP{NBSP}: le géant"
    assert typeset("couvrez ; jamais d'eau !", "fr") == f"couvrez{NNBSP}; jamais d\u2019eau{NNBSP}!"
    assert typeset('il dit "bonjour"', "fr") == f"il dit «{NNBSP}bonjour{NNBSP}»"
    # a URL, a time and other languages are left as they are
    assert typeset("voir https://a.fr/x?y=1 à 10:30", "fr") == "voir https://a.fr/x?y=1 à 10:30"
    assert typeset("Pumped hydro: the giant", "en") == "Pumped hydro: the giant"
    assert typeset('Er sagte "Hallo"', "de") == "Er sagte \u201eHallo\u201c"
    assert typeset('"安全"です', "ja") == "「安全」です"
    # cleaning text again keeps them, and a line never starts with the mark
    assert plain(typeset("Les STEP : le géant", "fr")) == f"Les STEP{NBSP}: le géant"
    text = typeset("Sécurité incendie : la plupart des incendies ; jamais d'eau !", "fr")
    for width in range(120, 900, 23):
        for line in wrap(text, "latin", 24, width):
            assert line[0] not in ":;!" and not line.startswith(NNBSP), (width, line)


@pytest.mark.parametrize(("text", "font"), [(JAPANESE, "cjk-jp"), (CHINESE, "cjk-sc")])
def test_cjk_lines_break_between_phrases_and_leave_no_single_character(
    text: str, font: str
) -> None:
    lang = "ja" if font == "cjk-jp" else "zh"
    phrases = [p for p in tokens(text, lang) if len(p) > 1]
    assert "フライパンから" in phrases or "整个" in phrases
    for width in range(300, 1400, 41):
        lines = wrap(text, font, 24, width)
        assert "".join(lines) == text
        assert all(len(line) > 1 for line in lines), (width, lines)  # no widow
        starts = {0}
        for phrase in tokens(text, lang):
            starts.add(max(starts) + len(phrase))
        at = 0
        for line in lines[:-1]:
            at += len(line)
            assert at in starts, (width, line)  # a break between phrases, never inside one


def test_chinese_and_japanese_subtitles_cut_between_phrases() -> None:
    for text, lang in ((CHINESE, "zh"), (JAPANESE, "ja")):
        sentence = SentenceMark(text=text, start_s=0.0, end_s=20.0)
        audio = PageAudio(path=Path("x.mp3"), duration_s=20.0, sentences=[sentence])
        cues = page_cues(audio, lang)
        starts = {0}
        for phrase in tokens(text, lang):
            starts.add(max(starts) + len(phrase))
        at = 0
        for cue in cues:
            for line in cue.lines:
                at += len(line)
                assert at in starts, (lang, cue.lines)


def test_korean_is_measured_with_the_space_libreoffice_adds_between_scripts() -> None:
    assert script_changes("시험하고, 배터리는") == 2  # Hangul -> ',' -> (space) Hangul
    assert script_changes("LFP는 1.5 GW") == 2
    assert script_changes("", "감지기") == 0 and script_changes(":", "감지기") == 1
    gap = autospace("cjk-kr", 48, False)
    ascent, descent = load_font("cjk-kr", 48).getmetrics()
    assert gap == pytest.approx((ascent + descent) / 5) and autospace("latin", 48, False) == 0


def test_hindi_frames_draw_latin_acronyms_in_a_latin_font(tmp_path: Path) -> None:
    bullet = "LFP बैटरी आग से अधिक सुरक्षित हैं"
    assert slot_runs(bullet, "devanagari")[0] == ("latin", "LFP ")
    page = Page(part=0, parts=1, title="बैटरी", bullets=[bullet, "दूसरा बिंदु"], notes="")
    layout = layout_content_page(page, 1, 2, "डेक", "hi", theme_design("default"), 40)
    frame = Image.open(render_frame(layout, tmp_path / "hi.png")).convert("L")
    body = next(b for b in layout.texts if b.role == "body")
    size = body.size_pt * PX_PER_PT
    wide = round(load_font("latin", size).getlength("LFP "))
    x, y = body.box.x + body.indent_px, body.box.y
    drawn = frame.crop((x, y, x + wide, y + round(size * 1.3)))

    def ink(image: Image.Image) -> Image.Image:
        marks = image.point(lambda v: 255 if v < 128 else 0)  # dark text over any card
        found = marks.getbbox()
        assert found is not None
        return marks.crop(found).resize((60, 30))

    def drawn_in(font_key: str) -> Image.Image:
        image = Image.new("L", drawn.size, 255)
        ImageDraw.Draw(image).text((0, 0), "LFP", font=load_font(font_key, size), fill=0)
        return ink(image)

    def distance(a: Image.Image, b: Image.Image) -> int:
        return sum(ImageChops.difference(a, b).histogram()[128:])

    seen = ink(drawn)
    latin, tofu = drawn_in("latin"), drawn_in("devanagari")  # its font has no Latin: boxes
    assert distance(seen, latin) * 4 < distance(seen, tofu)


def test_the_reading_voice_times_each_sentence_for_reading_and_says_nothing() -> None:
    said = ReadingVoice().speak("これは一文目です。これは少し長い二文目の文章です。", "ja")
    assert [m.text for m in said.sentences] == [
        "これは一文目です。",
        "これは少し長い二文目の文章です。",
    ]
    first, second = said.sentences
    assert second.end_s - second.start_s > first.end_s - first.start_s >= 1.5
    assert set(said.audio[44:]) == {0}  # silence after the WAV header


def test_libreoffice_draws_chinese_with_the_simplified_chinese_face(tmp_path: Path) -> None:
    design = theme_design("default")
    page = Page(part=0, parts=1, title="骨直角说", bullets=["骨直角说明", "这是第二点"], notes="")
    layout = layout_content_page(page, 1, 2, "骨直角", "zh", design, 40)
    office = Image.open(
        office_pages(
            build_deck([(layout, 5.0, None)], tmp_path / "zh.pptx", design), tmp_path / "office"
        )[0]
    )
    as_japanese = layout.model_copy(
        update={"texts": [t.model_copy(update={"font": "cjk-jp"}) for t in layout.texts]}
    )
    title = layout.texts[0].box
    region = (title.x, title.y, title.x + title.w, title.y + title.h)

    def glyphs(image: Image.Image) -> Image.Image:
        marks = image.convert("L").crop(region).point(lambda v: 255 if v < 128 else 0)
        found = marks.getbbox()
        assert found is not None
        return marks.crop(found).resize((400, 100))

    def difference(frame: Path) -> int:
        return sum(
            ImageChops.difference(glyphs(Image.open(frame)), glyphs(office)).histogram()[128:]
        )

    chinese = difference(render_frame(layout, tmp_path / "sc.png"))
    japanese = difference(render_frame(as_japanese, tmp_path / "jp.png"))
    assert chinese * 3 < japanese  # 骨 and 直 are drawn differently in the two faces


@pytest.mark.parametrize(
    ("runs", "font"),
    [
        (["消防安全", "：大多数致命火灾发生在夜间人们熟睡的时候"], "cjk-sc"),
        (["Most fires start at night. Fire safety", ": test every alarm monthly"], "latin"),
    ],
)
def test_a_mark_in_the_next_run_never_starts_a_line_nor_leaves_the_box(
    runs: list[str], font: str
) -> None:
    paragraph = [Span(text=runs[0], bold=True), Span(text=runs[1])]
    for width in range(200, 1200, 13):
        lines = [line_text(line) for line in wrap_runs(paragraph, font, 24, width)]
        assert "".join(lines).replace(" ", "") == "".join(runs).replace(" ", "")
        for line in lines:
            assert not line.startswith(("：", ":")), (width, lines)
            assert text_length(font, 48, False, line.rstrip()) <= width + 40, (width, line)
