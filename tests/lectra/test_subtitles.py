"""Subtitle cues: two short lines, 1-7 s, split at phrases, timed as heard, never across slides."""

import itertools
import re
import subprocess
from pathlib import Path

import pytest

from lectra.media.subtitles import (
    MAX_CUE_S,
    MIN_CUE_S,
    Cue,
    deck_cues,
    line_chars,
    page_cues,
    srt,
    vtt,
)
from lectra.models import PageAudio, SentenceMark, WordMark

# the way a model writes notes: long sentences, clauses, a short aside, numbers
LONG_EN = [
    "When sunlight strikes a photovoltaic cell, the energy carried by each photon can knock an "
    "electron loose from its atom, and because the cell is built from two differently doped "
    "layers of silicon, an electric field pushes those freed electrons in one direction, which "
    "is exactly what we call an electric current.",
    "Simple.",
    "A typical residential panel converts about 20 percent of the light that falls on it.",
]
LONG_DE = [
    "Wenn Sonnenlicht auf eine Photovoltaikzelle trifft, kann die Energie eines Photons ein "
    "Elektron aus seinem Atom lösen, und weil die Zelle aus zwei unterschiedlich dotierten "
    "Siliziumschichten besteht, treibt ein elektrisches Feld diese Elektronen in eine Richtung.",
]
LONG_JA = [
    "太陽光パネルは、太陽の光を受けると電気を作り出す装置であり、家庭の屋根や大規模な発電所など、"
    "私たちの身の回りのさまざまな場所で広く使われています。",
    "はい。",
]


def _page(sentences: list[str], chars_per_s: float = 15.0, gap: float = 0.35) -> PageAudio:
    """A page whose sentences are heard one after another at a steady rate."""
    marks, t = [], 0.05
    for text in sentences:
        end = t + len(text) / chars_per_s
        marks.append(SentenceMark(text=text, start_s=round(t, 3), end_s=round(end, 3)))
        t = end + gap
    return PageAudio(path=Path("x.mp3"), duration_s=round(t - gap + 0.6, 3), sentences=marks)


def _words(cues: list[Cue], lang: str) -> str:
    sep = " " if lang not in {"ja", "zh"} else ""
    return re.sub(r"\s+", "", sep.join(line for c in cues for line in c.lines))


@pytest.mark.parametrize(
    ("lang", "sentences", "rate"),
    [("en", LONG_EN, 15.0), ("de", LONG_DE, 14.0), ("ja", LONG_JA, 6.0)],
)
def test_cues_fit_two_short_lines_for_one_to_seven_seconds(
    lang: str, sentences: list[str], rate: float
) -> None:
    page = _page(sentences, rate)
    cues = page_cues(page, lang)
    assert len(cues) >= 3
    width = line_chars(lang)
    for cue in cues:
        assert 1 <= len(cue.lines) <= 2, cue
        assert all(0 < len(line) <= width for line in cue.lines), cue
        assert MIN_CUE_S - 1e-6 <= cue.seconds <= MAX_CUE_S + 1e-6, cue
    # in order, never overlapping, inside the page
    assert all(a.end <= b.start for a, b in itertools.pairwise(cues))
    assert cues[0].start >= 0 and cues[-1].end <= page.duration_s
    # every word spoken is shown once, in order
    assert _words(cues, lang) == re.sub(r"\s+", "", "".join(sentences))


def test_a_long_sentence_is_cut_at_its_commas() -> None:
    cues = page_cues(_page(LONG_EN[:1]), "en")
    ends = [c.lines[-1][-1] for c in cues[:-1]]
    assert ends.count(",") >= len(ends) - 1, [c.lines for c in cues]


def test_a_short_sentence_joins_its_neighbour() -> None:
    cues = page_cues(_page(LONG_EN), "en")
    simple = [c for c in cues if "Simple." in " ".join(c.lines)]
    assert len(simple) == 1 and " ".join(simple[0].lines) != "Simple."


def test_word_timings_time_the_pieces_of_a_sentence() -> None:
    text = LONG_EN[0]
    words, t = [], 1.0
    for word in text.split():
        # a slow start and a fast end: an even spread would misplace every cut
        length = 0.6 if t < 6 else 0.2
        words.append(
            WordMark(text=word.strip(",."), start_s=round(t, 3), end_s=round(t + length, 3))
        )
        t += length + 0.05
    sentence = SentenceMark(text=text, start_s=1.0, end_s=words[-1].end_s)
    page = PageAudio(path=Path("x.mp3"), duration_s=t + 1, words=words, sentences=[sentence])
    cues = page_cues(page, "en")
    starts = {w.start_s for w in words}
    assert len(cues) >= 3
    assert all(c.start in starts for c in cues[1:]), [(c.start, c.lines) for c in cues]


def test_deck_cues_stay_inside_their_own_slide() -> None:
    pages = [_page(LONG_EN), _page(LONG_EN[2:]), _page(LONG_EN[:1])]
    starts, t = [], 0.0
    for page in pages:
        starts.append(t)
        t += page.duration_s
    cues = deck_cues(list(zip(starts, pages, strict=True)), "en")
    spans = list(zip(starts, [*starts[1:], t], strict=True))
    for cue in cues:
        assert any(a <= cue.start < cue.end <= b for a, b in spans), cue
    assert len(cues) == sum(len(page_cues(p, "en")) for p in pages)


def test_srt_and_vtt_read_back_with_ffmpeg(tmp_path: Path) -> None:
    cues = [
        Cue(0.5, 2.25, ("Fish & chips <3", "second line")),
        Cue(3661.0, 3663.5, ("an hour later",)),
    ]
    (tmp_path / "s.srt").write_text(srt(cues), encoding="utf-8")
    (tmp_path / "s.vtt").write_text(vtt(cues), encoding="utf-8")
    assert "01:01:01,000 --> 01:01:03,500" in srt(cues)
    assert vtt(cues).startswith("WEBVTT\n") and "Fish &amp; chips &lt;3" in vtt(cues)
    for name in ("s.srt", "s.vtt"):
        out = subprocess.run(
            ["ffmpeg", "-v", "error", "-i", str(tmp_path / name), "-f", "srt", "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "00:00:00,500 --> 00:00:02,250" in out and "an hour later" in out
        assert "Fish &amp; chips" in out or "Fish & chips" in out


@pytest.mark.hostile
def test_subtitles_carry_plain_text_only() -> None:
    """Tags in a script styled SRT cues in players (bold, a colour): they are left out."""
    said = 'This is <b>bold</b> and <font color="red">red</font>, while 3 < 4 stays.'
    cues = page_cues(_page([said]), "en")
    for text in (srt(cues), vtt(cues)):
        assert "<b>" not in text and "<font" not in text and "&lt;b&gt;" not in text
        assert "This is bold and red," in " ".join(text.split()) and "\u200b" not in text
    assert "3 < 4 stays." in srt(cues) and "3 &lt; 4 stays." in vtt(cues)
