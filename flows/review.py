"""The review pauses: a run drafts its outline or its scripts, then waits, the deck in a form,
for a person to edit it and resume (Prefect's pause_flow_run with a run input)."""

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from prefect import flow, get_run_logger
from prefect.client.orchestration import get_client
from prefect.context import FlowRunContext
from prefect.exceptions import FlowPauseTimeout
from prefect.flow_runs import pause_flow_run
from prefect.futures import PrefectFuture
from prefect.input import RunInput
from prefect.states import Running
from prefect.utilities.annotations import quote
from pydantic import ValidationError

from flows.artifacts import run_link
from flows.parameters import DeckParameters
from flows.planning import plan_run
from flows.run_steps import RunSteps
from lectra.config.run import RunConfig
from lectra.models import DeckScript, Outline, OutlineResult, SlidePlan
from lectra.pipeline.deckscript import script_markdown
from lectra.pipeline.review import (
    DeckEdit,
    OutlineEdit,
    edited,
    form_of,
    outline_form,
    outlined,
    unwritten,
)
from lectra.runtime.errors import InputError, first_error
from lectra.runtime.files import building_dir, remove_folder, write_json, write_text
from lectra.runtime.runlock import project_lock
from tasks.outline import outline
from tasks.script import script

FORMS = {model: RunInput.subclass_from_base_model_type(model) for model in (OutlineEdit, DeckEdit)}
E = TypeVar("E", OutlineEdit, DeckEdit)


def outline_step(run: RunSteps) -> PrefectFuture[OutlineResult]:
    """The outline step: the given script's outline, else the writer's."""
    given = run.cfg.given
    return run.submit(outline, quote(run.cfg), quote(given.outline) if given else None)


def script_step(
    run: RunSteps, told: Outline, index: int, wait_for: list[Any] | None = None
) -> PrefectFuture[SlidePlan]:
    """Slide index's script step: as the given script says, else the writer's (asked again,
    whatever it wrote before, for a slide to redo)."""
    # Plain values go in quoted: Prefect otherwise walks them and links any object it has seen
    # in an earlier result (an interned 'en' in a script), drawing edges that are not there.
    mine = run.cfg.given_slide(index)
    redo = index in run.cfg.redo
    args = (quote(run.cfg), quote(told), index, quote(mine) if mine else None)
    return run.submit(script, *args, wait_for=wait_for, refresh=redo)


def drafted(cfg: RunConfig, outline_only: bool = False) -> DeckScript:
    """The deck's script as the run would build it: the given script's slides and the writer's
    for the rest (cached as ever); outline_only: the titles, nothing more written."""
    run = RunSteps(cfg)
    head = outline_step(run).result().outline
    if outline_only:
        return cfg.given or unwritten(head)
    plans = [script_step(run, head, i) for i in range(len(head.slide_titles))]
    return DeckScript(outline=head, slides=[p.result().script for p in plans])


def _running_again() -> None:
    """Put the paused flow run back to Running, so its tasks run (its pause timed out)."""
    ctx = FlowRunContext.get()
    if ctx is None or ctx.flow_run is None:
        return
    with get_client(sync_client=True) as client:
        client.set_flow_run_state(ctx.flow_run.id, Running(), force=True)


MAX_ANSWERS = 5  # a form answered wrongly this often: the run goes on as drafted


def kept_answer(cfg: RunConfig, what: str, answer: dict[str, Any]) -> Path:
    """Keep what the reviewer typed in the project folder (and the run's, which replaces it
    once published), whatever becomes of the run; return where."""
    name = f"review_{what}.json"
    for folder in {cfg.project_dir, cfg.out_dir}:
        folder.mkdir(parents=True, exist_ok=True)
        write_json(folder / name, answer)
    return cfg.project_dir / name


def _answer(
    cfg: RunConfig, shown: E, what: str, description: str, build: Callable[[E], DeckScript]
) -> DeckScript | str:
    """The deck the person's answer to the form showing shown describes; else why the run
    goes on as drafted: nobody answered in time (InputError when it should stop then), or
    every answer could not be built. A bad answer is named in the log and the form shown
    again with it."""
    kind, offer, log = type(shown), shown.model_dump(), get_run_logger()
    wait_s = cfg.review_timeout_s
    where = run_link() or "this run's page in the Prefect UI"
    for _ in range(MAX_ANSWERS):
        form = FORMS[kind].with_initial_data(description=description, **offer)
        log.info("waiting up to %d s for the %s to be reviewed: Resume at %s", wait_s, what, where)
        try:
            answer = pause_flow_run(
                wait_for_input=form, timeout=wait_s, poll_interval=cfg.review_poll_s
            )
        except FlowPauseTimeout:
            if cfg.review_on_timeout == "stop":
                raise InputError(f"nobody reviewed the {what} within {wait_s} s") from None
            _running_again()
            return f"nobody answered within {wait_s} s"
        offer = answer.model_dump(include=set(kind.model_fields))
        path = kept_answer(cfg, what, offer)
        try:
            return build(kind.model_validate(offer))
        except ValidationError as exc:
            reason = first_error(exc)
        except InputError as exc:
            reason = str(exc)
        log.warning(
            "review: the %s as answered cannot be built (%s); it is kept in %s and shown "
            "again: correct it and resume",
            what,
            reason,
            path,
        )
    return f"{MAX_ANSWERS} answers could not be built"


def reviewed(cfg: RunConfig) -> RunConfig:
    """The run with the deck a person reviewed as its script: after the outline (the slides
    then written from the titles they left), after the scripts, or both; unanswered, as
    written, with a warning."""
    said: list[str] = []

    def late(why: str, what: str) -> None:
        said.append(f"review: {why}; {what}")
        get_run_logger().warning(said[-1])

    if cfg.review in ("outline", "both"):
        deck = drafted(cfg, outline_only=True)
        titled = _answer(
            cfg,
            outline_form(deck),
            "outline",
            f"Review the outline of **{deck.outline.title}**: edit, reorder, delete or add "
            "slide titles, then resume; the slides are written from what you leave.",
            lambda titles: outlined(deck, titles),
        )
        if isinstance(titled, str):
            late(titled, "the outline is used as written")
        cfg = cfg.model_copy(update={"given": deck if isinstance(titled, str) else titled})
    if cfg.review in ("scripts", "both"):
        deck = drafted(cfg)
        written = _answer(
            cfg,
            form_of(deck),
            "script",
            f"Review the script of **{deck.outline.title}**: edit, reorder, delete or add "
            "slides, then resume; nothing has been spoken or drawn yet.",
            lambda scripts: edited(deck, scripts),
        )
        if isinstance(written, str):
            late(written, "built as written")
        given = deck if isinstance(written, str) else written
        cfg = cfg.model_copy(update={"given": given, "redo": []})  # the redone are in it
    return cfg.model_copy(update={"warnings": [*cfg.warnings, *said]})


@flow(name="draft-script", log_prints=False)
def draft_script(params: DeckParameters, outline_only: bool = False) -> str:
    """Write a deck's outline and scripts (outline_only: the outline), and its script.md into
    the project folder for a person to edit; nothing is spoken or drawn. Return where
    script.md is."""
    cfg = plan_run(params)
    building = building_dir(cfg.project_dir)
    with project_lock(cfg.project_dir, cfg.run_id, cfg.wait):
        try:
            deck = drafted(cfg.model_copy(update={"out_dir": building}), outline_only)
        finally:
            remove_folder(building)
        return str(write_text(cfg.project_dir / "script.md", script_markdown(deck)))
