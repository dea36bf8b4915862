"""Runs of text in one weight, the unit both renderers and the text cleaner share."""

from collections.abc import Iterable

from pydantic import BaseModel


def noncharacter(ch: str) -> bool:
    """True for Unicode's noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF and each plane's
    last two), which XML, and so the PPTX, cannot hold."""
    point = ord(ch)
    return 0xFDD0 <= point <= 0xFDEF or point & 0xFFFE == 0xFFFE


class Span(BaseModel):
    """A run of text drawn in one weight."""

    text: str
    bold: bool = False


def join_runs(pieces: Iterable[tuple[str, bool]]) -> list[Span]:
    """Pieces of text as runs: neighbours of one weight joined, the ends stripped, none empty."""
    runs: list[Span] = []
    for text, bold in pieces:
        if not text:
            continue
        if runs and runs[-1].bold == bold:
            runs[-1] = Span(text=runs[-1].text + text, bold=bold)
        else:
            runs.append(Span(text=text, bold=bold))
    if runs:
        runs[0] = Span(text=runs[0].text.lstrip(), bold=runs[0].bold)
        runs[-1] = Span(text=runs[-1].text.rstrip(), bold=runs[-1].bold)
    return [run for run in runs if run.text]


def line_text(line: list[Span]) -> str:
    """The text of a line of runs."""
    return "".join(span.text for span in line)
