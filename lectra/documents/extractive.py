"""Slides written from the documents alone: headings as titles, the most central sentences as
bullets, the sentences around them as notes, in the document's own words."""

from lectra.documents.deckplan import DeckPlan, Part, PlannedSlide
from lectra.documents.model import Document, Figure, Passage, Table
from lectra.documents.textrank import central, shortened
from lectra.models import SlideScript
from lectra.text.languages import get_language
from lectra.text.sentences import split_sentences

MAX_BULLETS = 4
MAX_NOTE_SENTENCES = 2  # each bullet's narration: its sentence and the one after it


def passages_of(documents: list[Document], slide: PlannedSlide) -> list[Passage]:
    """Every passage the slide draws on, in order."""
    return [p for part in slide.parts for p in part.passages(documents)]


def citations(documents: list[Document], slide: PlannedSlide, lang: str) -> list[str]:
    """Where the slide comes from: 'Heat Pumps in Homes, pp. 8-9', once a source."""
    found: dict[int, list[int]] = {}
    named: dict[int, list[str]] = {}
    for part in slide.parts:
        document = documents[part.doc]
        pages = sorted({p.page for p in part.passages(documents) if p.page})
        found.setdefault(part.doc, []).extend(pages)
        named.setdefault(part.doc, []).append(document.sections[part.section].heading)
    out = []
    for doc, pages in found.items():
        document = documents[doc]
        if pages:
            probe = document.sections[0].model_copy(
                update={
                    "passages": [Passage(text="", page=p) for p in sorted(set(pages))],
                    "tables": [],
                    "figures": [],
                }
            )
            out.append(f"{document.title}, {document.cite(probe, lang)}")
        else:
            out.append(f"{document.title}, {'; '.join(named[doc])}")
    return out


def shown(documents: list[Document], part: Part) -> tuple[Table | None, Figure | None]:
    """The table or figure of the part's section a slide shows: a table on the section's first
    part, else a figure on its last."""
    section = documents[part.doc].sections[part.section]
    if section.tables and part.first == 0:
        return section.tables[0], None
    if section.figures and part.last is None:
        return None, section.figures[0]
    return None, None


def pieces(
    documents: list[Document], slide: PlannedSlide
) -> tuple[Table | None, Figure | None, str]:
    """The slide's table or figure and the document folder (its hash) that keeps the figure."""
    for part in slide.parts:
        table, figure = shown(documents, part)
        if table or figure:
            return table, figure, documents[part.doc].sha256
    return None, None, ""


def extractive_script(
    documents: list[Document], plan: DeckPlan, index: int, lang: str
) -> SlideScript:
    """Content slide index (1-based; 0 is the title slide) in the documents' own sentences."""
    slide = plan.slides[index - 1]
    passages = passages_of(documents, slide)
    items = [p.text for p in passages if p.item]
    sentences = list(
        dict.fromkeys(s for p in passages if not p.item for s in split_sentences(p.text))
    )
    sep = " " if get_language(lang).spaced else ""
    table, figure, sha = pieces(documents, slide)
    most = MAX_BULLETS - 1 if table or figure else MAX_BULLETS  # room beside the visual
    if len(items) >= 2:  # the document's own list: its items are the bullets
        chosen_items = items[:most]
        bullets = [shortened(t) for t in chosen_items]
        notes_by = chosen_items
        opening = sep.join(sentences[:2])
    else:
        count = min(most, max(1, len(sentences) // 2))
        picked = central(sentences, count)
        bullets = [shortened(sentences[i]) for i in picked]
        notes_by = []
        for n, i in enumerate(picked):
            end = picked[n + 1] if n + 1 < len(picked) else len(sentences)
            notes_by.append(sep.join(sentences[i : min(end, i + MAX_NOTE_SENTENCES)]))
        opening = sep.join(sentences[: picked[0]][-1:]) if picked and picked[0] > 0 else ""
    cites = citations(documents, slide, lang)
    return SlideScript(
        index=index,
        title=slide.title,
        bullets=bullets,
        notes=sep.join([opening, *notes_by]).strip(),
        opening=opening,
        bullet_notes=notes_by,
        cites=cites,
        table=table.rows if table else [],
        table_caption=table.caption if table else "",
        figure=f"{sha}/{figure.file}" if figure else "",
        figure_caption=figure.caption if figure else "",
    )
