"""Slides show no markdown marks; voices get no markdown, URLs or emoji to spell out."""

import pytest

from lectra.text.cleantext import plain, site_name, spans, speakable
from lectra.text.spans import Span


def test_bold_lead_ins_become_bold_runs_and_other_marks_go() -> None:
    assert spans("**Fire safety**: check the alarms") == [
        Span(text="Fire safety", bold=True),
        Span(text=": check the alarms"),
    ]
    assert spans("__Term__ and *emphasis* and `code` and [a link](https://x.org)") == [
        Span(text="Term", bold=True),
        Span(text=" and emphasis and code and a link"),
    ]
    assert spans("**Unclosed: the model forgot") == [Span(text="Unclosed: the model forgot")]
    assert spans("snake_case_name stays") == [Span(text="snake_case_name stays")]


def test_plain_text_keeps_lines_and_drops_heading_and_list_marks() -> None:
    assert plain("## Heading\n- **one** item\n2. second") == "Heading\none item\nsecond"


@pytest.mark.parametrize(
    ("lang", "text", "spoken"),
    [
        (
            "en",
            "See https://www.nfpa.org/education/checklist. Then act.",
            "See nfpa.org. Then act.",
        ),
        ("en", "Read [the guide](https://example.com/x) now", "Read the guide now"),
        ("en", "Smoke **kills** 🔥🔥 fast ✅", "Smoke kills fast"),
        ("en", "Heat → smoke & fire", "Heat, smoke and fire"),
        ("de", "Hitze & Rauch 👍🏽", "Hitze und Rauch"),
        ("zh", "请访问 https://www.119.gov.cn/kp 了解更多。", "请访问 119.gov.cn 了解更多。"),
        ("hi", "## शीर्षक\n- **धुआँ** खतरनाक है", "शीर्षक। धुआँ खतरनाक है"),
    ],
)
def test_speakable_text_has_no_marks_urls_or_symbols(lang: str, text: str, spoken: str) -> None:
    assert speakable(text, lang) == spoken


def test_site_name_is_the_host_without_www() -> None:
    assert site_name("https://www.who.int/news/item") == "who.int"
    assert site_name("www.example.com/a") == "example.com"
