"""Wrapping, fitting and splitting, measured with the real fonts."""

import pytest

from lectra.slides.fonts import load_font
from lectra.slides.textfit import PX_PER_PT, fit_or_truncate, fit_text, wrap
from lectra.text.sentences import share_out, split_sentences, split_words

LONG = "Solar panels convert sunlight into electricity using photovoltaic cells made of silicon"


def test_wrapped_lines_fit_the_width_and_keep_every_word() -> None:
    lines = wrap(LONG, "latin", 30, 600)
    font = load_font("latin", 30 * PX_PER_PT)
    assert len(lines) > 1
    assert all(font.getlength(line) <= 600 for line in lines)
    assert " ".join(lines) == LONG


def test_cjk_wraps_between_characters_and_never_starts_a_line_with_punctuation() -> None:
    text = "太阳能电池板利用光伏电池将阳光转化为电能，这是一种清洁的能源。"
    lines = wrap(text, "cjk-sc", 30, 600)
    assert len(lines) > 1
    assert "".join(lines) == text
    assert not any(line[0] in "，。" for line in lines)


def test_a_word_wider_than_the_box_is_broken() -> None:
    lines = wrap("x" * 200, "latin", 30, 400)
    font = load_font("latin", 30 * PX_PER_PT)
    assert "".join(lines) == "x" * 200
    assert all(font.getlength(line) <= 400 for line in lines)


def test_fit_shrinks_the_font_before_giving_up() -> None:
    big = fit_text(["Short"], "latin", 900, 660, 30, 18)
    small = fit_text([LONG] * 3, "latin", 900, 400, 30, 18)
    assert big is not None and big.size_pt == 30
    assert small is not None and 18 <= small.size_pt < 30
    assert small.height_px <= 400
    assert fit_text([LONG] * 20, "latin", 900, 400, 30, 18) is None


def test_truncation_is_the_last_resort_and_still_fits() -> None:
    fit = fit_or_truncate(LONG * 10, "latin", 800, 100, 40, 30, True)
    assert fit.size_pt == 30
    assert fit.lines[0][-1].endswith("…")
    assert fit.height_px <= 100


def test_sentences_split_in_latin_devanagari_and_cjk() -> None:
    assert split_sentences("One. Two? Three! Four") == ["One.", "Two?", "Three!", "Four"]
    assert split_sentences("पहला वाक्य। दूसरा वाक्य।") == ["पहला वाक्य।", "दूसरा वाक्य।"]
    assert split_sentences("你好。我很好！谢谢") == ["你好。", "我很好！", "谢谢"]


def test_split_words_respects_the_limit_at_word_boundaries() -> None:
    pieces = split_words(LONG * 4, 50)
    assert all(len(p) <= 50 for p in pieces)
    assert " ".join(pieces).replace(" ", "") == (LONG * 4).replace(" ", "")


def test_share_out_keeps_order_and_gives_every_page_a_sentence() -> None:
    sentences = ["a" * 10, "b" * 30, "c" * 10, "d" * 20, "e" * 5]
    shares = share_out(sentences, [1, 1, 1])
    assert len(shares) == 3
    assert all(shares)
    assert " ".join(shares) == " ".join(sentences)
    assert share_out(["only one."], [1, 2]) == ["only one.", ""]


NEVER_FIRST = (
    "ッャュョァィゥェォっゃゅょぁぃぅぇぉー、。，）」"  # small kana, the long mark, closers
)
NEVER_LAST = "（「"  # openers


@pytest.mark.parametrize(
    ("lang_font", "text"),
    [
        (
            "cjk-jp",
            "メガワット級の蓄電池は、電力を（一時的に）ためてスピーディーに放出します。" * 3,
        ),
        ("cjk-sc", "回收材料（例如锂、钴）可以减少对新矿的需求，降低成本。" * 3),
    ],
)
def test_cjk_lines_follow_kinsoku(lang_font: str, text: str) -> None:
    for width in range(160, 700, 37):
        lines = wrap(text, lang_font, 24, width)
        assert "".join(lines) == text
        for line in lines[1:]:
            assert line[0] not in NEVER_FIRST, (width, line)
        for line in lines[:-1]:
            assert line[-1] not in NEVER_LAST, (width, line)
