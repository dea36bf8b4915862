"""A deck's script as a review form shows it, and the script an edited form makes."""

from typing import Annotated

from pydantic import BaseModel, Field

from lectra.models import MAX_SLIDES, DeckScript, Outline, SlideScript


class SlideEdit(BaseModel):
    """One content slide as the reviewer sees and edits it."""

    title: str = Field(min_length=1, max_length=200, description="The slide's title.")
    bullets: list[str] = Field(default_factory=list, description="What the slide shows.")
    notes: str = Field("", description="What the voice says while the slide shows.")


class DeckEdit(BaseModel):
    """The deck as the reviewer sees and edits it: edit, reorder, delete or add slides."""

    title: str = Field(min_length=1, max_length=200, description="The deck's title.")
    subtitle: str = Field("", description="Under the title on the first slide.")
    title_notes: str = Field("", description="What the voice says on the title slide.")
    slides: list[SlideEdit] = Field(
        min_length=1, max_length=MAX_SLIDES - 1, description="The content slides, in order."
    )


def form_of(deck: DeckScript) -> DeckEdit:
    """The form a deck's script fills in."""
    return DeckEdit(
        title=deck.outline.title,
        subtitle=deck.outline.subtitle,
        title_notes=deck.slides[0].notes,
        slides=[
            SlideEdit(title=s.title, bullets=s.bullets, notes=s.notes) for s in deck.slides[1:]
        ],
    )


def edited(deck: DeckScript, form: DeckEdit) -> DeckScript:
    """The deck the reviewer's form describes. A slide left as it was (title, bullets and
    notes) keeps what only the writer knows (its image search, each bullet's narration)."""
    kept = {(s.title, tuple(s.bullets), s.notes): s for s in deck.slides[1:]}
    first = deck.slides[0]
    title_slide = first.model_copy(update={"title": form.title, "notes": form.title_notes})
    slides = [title_slide]
    for index, edit in enumerate(form.slides, 1):
        same = kept.get((edit.title, tuple(edit.bullets), edit.notes))
        if same is not None:
            slides.append(same.model_copy(update={"index": index}))
        else:
            made = SlideScript(
                index=index, title=edit.title, bullets=edit.bullets, notes=edit.notes
            )
            slides.append(made)
    titles = [deck.outline.slide_titles[0] if form.title == deck.outline.title else form.title]
    outline = Outline(
        title=form.title,
        subtitle=form.subtitle,
        slide_titles=[*titles, *(s.title for s in slides[1:])],
    )
    return DeckScript(outline=outline, slides=slides)


class OutlineEdit(BaseModel):
    """The outline as the reviewer sees and edits it: the slides are written from it."""

    title: str = Field(min_length=1, max_length=200, description="The deck's title.")
    subtitle: str = Field("", description="Under the title on the first slide.")
    slides: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        min_length=1,
        max_length=MAX_SLIDES - 1,
        description="Each content slide's title, in order: edit, reorder, delete or add.",
    )


def unwritten(outline: Outline) -> DeckScript:
    """An outline's deck with nothing under any heading: the writer writes every slide."""
    titles = outline.slide_titles
    slides = [SlideScript(index=0, kind="title", title=outline.title, notes="")]
    slides += [SlideScript(index=i, title=t, notes="") for i, t in enumerate(titles[1:], 1)]
    return DeckScript(outline=outline, slides=slides)


def outline_form(deck: DeckScript) -> OutlineEdit:
    """The form a deck's outline fills in."""
    head = deck.outline
    return OutlineEdit(title=head.title, subtitle=head.subtitle, slides=head.slide_titles[1:])


def outlined(deck: DeckScript, form: OutlineEdit) -> DeckScript:
    """The deck the reviewer's outline describes: a slide whose title is kept keeps what it
    had; a new or renamed one has nothing under its heading, for the writer to write."""
    kept = {
        s.title: SlideEdit(title=s.title, bullets=s.bullets, notes=s.notes) for s in deck.slides[1:]
    }
    slides = [kept.get(title, SlideEdit(title=title)) for title in form.slides]
    whole = form_of(deck).model_copy(
        update={"title": form.title, "subtitle": form.subtitle, "slides": slides}
    )
    return edited(deck, whole)
