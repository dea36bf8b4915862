"""A split slide's pages each speak about their own bullets."""

from lectra.models import SlideScript
from lectra.slides.notes import notes_for_pages
from tests.fakes.realistic import CONTENT


def _script(pairs: list[tuple[str, str]], by_bullet: bool, lang: str = "en") -> SlideScript:
    sep = "" if lang == "zh" else " "
    opening = CONTENT[lang]["opening"]
    return SlideScript(
        index=2,
        title="T",
        bullets=[b for b, _ in pairs],
        notes=sep.join([opening, *(p for _, p in pairs)]),
        opening=opening if by_bullet else "",
        bullet_notes=[p for _, p in pairs] if by_bullet else [],
    )


def test_narration_written_by_bullet_is_shared_by_bullet() -> None:
    pairs = CONTENT["en"]["pairs"][:5]
    script = _script(pairs, by_bullet=True)
    notes = notes_for_pages(script, [script.bullets[:3], script.bullets[3:]], "en")
    assert notes[0] == " ".join([CONTENT["en"]["opening"], *(p for _, p in pairs[:3])])
    assert notes[1] == " ".join(p for _, p in pairs[3:])


def test_plain_notes_are_matched_to_the_bullets_sentence_by_sentence() -> None:
    for lang in ("en", "de", "hi", "zh"):
        sep = "" if lang == "zh" else " "
        for start, sizes in [(0, [4, 3]), (5, [3, 2]), (7, [2, 2, 2])]:
            pairs = CONTENT[lang]["pairs"][start : start + sum(sizes)]
            script = _script(pairs, by_bullet=False, lang=lang)
            groups, begin = [], 0
            for size in sizes:
                groups.append(script.bullets[begin : begin + size])
                begin += size
            notes = notes_for_pages(script, groups, lang)
            begin = 0
            for n, size in enumerate(sizes):
                said = [p for _, p in pairs[begin : begin + size]]
                expected = sep.join(([CONTENT[lang]["opening"]] if n == 0 else []) + said)
                assert notes[n] == expected, (lang, start, n)
                begin += size
