"""How faithful a deck is to its sources: per slide, the share of its bullet words its cited
passages hold and the numbers they do not; the sections no slide covers."""

from pydantic import BaseModel, Field

from lectra.documents.deckplan import DeckPlan
from lectra.documents.extractive import passages_of
from lectra.documents.model import Document
from lectra.models import SlideScript
from lectra.text.numbers import foreign_numbers
from lectra.text.tokens import FAITHFUL_SHARE, word_share

THRESHOLD = FAITHFUL_SHARE  # a slide whose bullets hold fewer of its sources' words is reported


class SlideFaithfulness(BaseModel):
    """One content slide against the passages it cites."""

    slide: int
    title: str
    cites: list[str]
    words_in_source: float  # share of its bullet words found in its cited passages
    numbers_not_in_source: list[str] = Field(default_factory=list)


class Faithfulness(BaseModel):
    """The deck against its sources."""

    threshold: float = THRESHOLD
    slides: list[SlideFaithfulness]
    uncovered: list[str] = Field(default_factory=list)  # sections no slide covers
    left_out: list[str] = Field(default_factory=list)  # what of the sources was not read

    @property
    def below(self) -> list[SlideFaithfulness]:
        """The slides under the threshold or with a number the sources do not state."""
        return [
            s for s in self.slides if s.words_in_source < self.threshold or s.numbers_not_in_source
        ]


def measure(documents: list[Document], plan: DeckPlan, scripts: list[SlideScript]) -> Faithfulness:
    """Each content slide's bullets and notes checked against its plan's passages."""
    slides = []
    for script in sorted(scripts, key=lambda s: s.index):
        if script.kind == "title" or not 1 <= script.index <= len(plan.slides):
            continue
        source = "\n".join(p.text for p in passages_of(documents, plan.slides[script.index - 1]))
        said = "\n".join([*script.bullets, script.notes])
        slides.append(
            SlideFaithfulness(
                slide=script.index,
                title=script.title,
                cites=script.cites,
                words_in_source=round(word_share(script.bullets, source), 3),
                numbers_not_in_source=foreign_numbers(said, source),
            )
        )
    left_out = [f"{d.name}: {w}" for d in documents for w in d.warnings]
    return Faithfulness(slides=slides, uncovered=plan.uncovered, left_out=left_out)


def summary(found: Faithfulness) -> str | None:
    """The line to warn with at the end of a run, when any slide is below the threshold."""
    below = found.below
    if not below:
        return None
    worst = ", ".join(
        f"{s.slide} ({s.words_in_source:.0%}"
        + (
            f"; {', '.join(s.numbers_not_in_source[:2])} not in it"
            if s.numbers_not_in_source
            else ""
        )
        + ")"
        for s in below[:6]
    )
    return (
        f"faithfulness: {len(below)} of {len(found.slides)} slides say less than "
        f"{found.threshold:.0%} in their sources' words or state numbers they do not: {worst}"
    )
