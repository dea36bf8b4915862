"""Which parts of the documents each slide draws on: the documents' sections in order, merged
or split to the slides asked, and what no slide covers."""

import re
from dataclasses import dataclass, field

from lectra.documents.model import Document, Passage, Section

MIN_SECTION_WORDS = 25  # less is a heading with a line under it, not a slide
MIN_PART_WORDS = 60  # a section splits in two only when each half says this much
MAX_MERGED = 3  # sections one slide may gather
_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.|[A-Z]\.)\s+")


@dataclass
class Part:
    """A run of one section's passages that a slide draws on."""

    doc: int
    section: int
    first: int = 0
    last: int | None = None  # one past the last passage, None for the end

    def passages(self, documents: list[Document]) -> list[Passage]:
        """The passages of the part."""
        section = documents[self.doc].sections[self.section]
        return section.passages[self.first : self.last]


@dataclass
class PlannedSlide:
    """One content slide: its title and the parts it draws on."""

    title: str
    parts: list[Part]


@dataclass
class DeckPlan:
    """The content slides in order, the sections left out, and what to tell the user."""

    slides: list[PlannedSlide]
    uncovered: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def title_of(section: Section) -> str:
    """A section's heading as a slide title: its numbering away."""
    return _NUMBER.sub("", section.heading).strip() or section.heading


def _weight(documents: list[Document], part: Part) -> int:
    section = documents[part.doc].sections[part.section]
    words = sum(len(p.text.split()) for p in part.passages(documents))
    return words + 40 * (len(section.tables) + len(section.figures))


def _label(documents: list[Document], doc: int, section: int) -> str:
    document = documents[doc]
    found = document.sections[section]
    where = document.cite(found, "en")
    return f"{document.title}: {title_of(found)}" + (
        f" ({where})" if where != found.heading else ""
    )


def _related(documents: list[Document], a: PlannedSlide, b: PlannedSlide) -> bool:
    """True when b's first section sits under a's last one's heading, or both under one."""
    last, first = a.parts[-1], b.parts[0]
    if last.doc != first.doc:
        return False
    before = documents[last.doc].sections[last.section]
    after = documents[first.doc].sections[first.section]
    return bool(after.path) and (after.path == before.path or before.heading in after.path)


def plan_deck(documents: list[Document], content_slides: int) -> DeckPlan:
    """content_slides slides over the documents' sections, in reading order: a section under
    another gathers with it when there are too many, long ones split, the least said left out
    (and named)."""
    plan = DeckPlan(
        slides=[
            PlannedSlide(title_of(section), [Part(d, s)])
            for d, document in enumerate(documents)
            for s, section in enumerate(document.sections)
        ]
    )
    while len(plan.slides) > content_slides and _merge_smallest(documents, plan):
        pass
    weights = [sum(_weight(documents, p) for p in s.parts) for s in plan.slides]
    ranked = sorted(
        range(len(plan.slides)), key=lambda i: (weights[i] < MIN_SECTION_WORDS, -weights[i])
    )
    kept = sorted(ranked[:content_slides])  # a short section only where there is room
    for i in sorted(set(range(len(plan.slides))) - set(kept)):
        plan.uncovered += [_label(documents, p.doc, p.section) for p in plan.slides[i].parts]
    plan.slides = [plan.slides[i] for i in kept]
    while len(plan.slides) < content_slides and _split_longest(documents, plan):
        pass
    if len(plan.slides) < content_slides:
        plan.notes.append(
            f"the sources have {len(plan.slides)} sections to show: {len(plan.slides) + 1} slides, "
            f"not the {content_slides + 1} asked"
        )
    if plan.uncovered:
        plan.notes.append(
            f"{len(plan.uncovered)} sections of the sources are on no slide "
            "(more slides cover them)"
        )
    return plan


def _merge_smallest(documents: list[Document], plan: DeckPlan) -> bool:
    """Merge the two neighbouring slides, one under the other's heading, that say least."""
    best, where = None, -1
    for i in range(len(plan.slides) - 1):
        a, b = plan.slides[i], plan.slides[i + 1]
        if not _related(documents, a, b) or len(a.parts) + len(b.parts) > MAX_MERGED:
            continue
        size = sum(_weight(documents, p) for p in [*a.parts, *b.parts])
        if best is None or size < best:
            best, where = size, i
    if where < 0:
        return False
    a, b = plan.slides[where], plan.slides.pop(where + 1)
    a.parts += b.parts
    return True


def _split_longest(documents: list[Document], plan: DeckPlan) -> bool:
    """Split the slide of one section that says most into two halves of its passages."""
    best, where = 0, -1
    for i, slide in enumerate(plan.slides):
        if len(slide.parts) != 1:
            continue
        passages = slide.parts[0].passages(documents)
        words = sum(len(p.text.split()) for p in passages)
        if len(passages) >= 2 and words >= 2 * MIN_PART_WORDS and words > best:
            best, where = words, i
    if where < 0:
        return False
    slide = plan.slides[where]
    part = slide.parts[0]
    passages = part.passages(documents)
    half, total, mid = 0, sum(len(p.text.split()) for p in passages), 1
    for n, passage in enumerate(passages[:-1], start=1):
        half += len(passage.text.split())
        mid = n
        if half >= total / 2:
            break
    start = part.first
    first = Part(part.doc, part.section, start, start + mid)
    second = Part(part.doc, part.section, start + mid, part.last)
    plan.slides[where] = PlannedSlide(slide.title, [first])
    plan.slides.insert(where + 1, PlannedSlide(f"{slide.title} (2)", [second]))
    return True
