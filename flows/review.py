"""The review pause: a run drafts its scripts, then waits, its script in a form, for a person
to edit it and resume (Prefect's pause_flow_run with a run input)."""

from prefect import flow, get_run_logger
from prefect.client.orchestration import get_client
from prefect.context import FlowRunContext
from prefect.exceptions import FlowPauseTimeout
from prefect.flow_runs import pause_flow_run
from prefect.input import RunInput
from prefect.states import Running
from prefect.utilities.annotations import quote

from flows.artifacts import run_link
from flows.parameters import DeckParameters
from flows.planning import plan_run
from flows.run_steps import RunSteps
from lectra.config.run import RunConfig
from lectra.models import DeckScript
from lectra.pipeline.deckscript import script_markdown
from lectra.pipeline.review import DeckEdit, edited, form_of
from lectra.runtime.errors import InputError
from lectra.runtime.files import building_dir, remove_folder, write_text
from lectra.runtime.runlock import project_lock
from tasks.outline import outline
from tasks.script import script

REVIEW_FORM = RunInput.subclass_from_base_model_type(DeckEdit)


def drafted(cfg: RunConfig) -> DeckScript:
    """The outline and every slide's script, as the writer writes them (cached as ever)."""
    run = RunSteps(cfg)
    head = run.submit(outline, quote(cfg), None).result().outline
    count = len(head.slide_titles)
    plans = [run.submit(script, quote(cfg), quote(head), i, None) for i in range(count)]
    return DeckScript(outline=head, slides=[p.result().script for p in plans])


def _running_again() -> None:
    """Put the paused flow run back to Running, so its tasks run (its pause timed out)."""
    ctx = FlowRunContext.get()
    if ctx is None or ctx.flow_run is None:
        return
    with get_client(sync_client=True) as client:
        client.set_flow_run_state(ctx.flow_run.id, Running(), force=True)


def reviewed(cfg: RunConfig) -> tuple[DeckScript, list[str]]:
    """The deck's script after the pause: as the person left the form, or as written when
    nobody answered in time (with a warning); InputError when the run should stop then."""
    deck = drafted(cfg)
    log = get_run_logger()
    form = REVIEW_FORM.with_initial_data(
        description=f"Review the script of **{deck.outline.title}**: edit, reorder, delete or "
        "add slides, then resume; nothing has been spoken or drawn yet.",
        **form_of(deck).model_dump(),
    )
    wait_s = cfg.review_timeout_s
    where = run_link() or "this run's page in the Prefect UI"
    log.info("waiting up to %d s for the script to be reviewed: Resume at %s", wait_s, where)
    try:
        answer = pause_flow_run(
            wait_for_input=form, timeout=wait_s, poll_interval=cfg.review_poll_s
        )
    except FlowPauseTimeout:
        if cfg.review_on_timeout == "stop":
            raise InputError(f"nobody reviewed the script within {wait_s} s") from None
        _running_again()
        said = f"review: nobody answered within {wait_s} s; built as written"
        log.warning(said)
        return deck, [said]
    given = DeckEdit.model_validate(answer.model_dump(include=set(DeckEdit.model_fields)))
    return edited(deck, given), []


@flow(name="draft-script", log_prints=False)
def draft_script(params: DeckParameters) -> str:
    """Write a deck's outline and scripts, and its script.md into the project folder for a
    person to edit; nothing is spoken or drawn. Return where script.md is."""
    cfg = plan_run(params)
    building = building_dir(cfg.project_dir)
    with project_lock(cfg.project_dir, cfg.run_id, cfg.wait):
        try:
            deck = drafted(cfg.model_copy(update={"out_dir": building}))
        finally:
            remove_folder(building)
        return str(write_text(cfg.project_dir / "script.md", script_markdown(deck)))
