"""Which slides a run built again, and why: the report's answer to "what did my edit redo"."""

from pathlib import Path

from pydantic import BaseModel

from lectra.models import SlidePlan, SlideScript
from lectra.pipeline.deckscript import read_script
from lectra.pipeline.stages import stage_of
from lectra.runtime.errors import InputError

SLIDE_STAGES = ("pages", "image", "narration", "frame", "segment")  # what a slide costs
# a run's script.json holds each slide's pages too: a long deck in CJK runs to megabytes
MAX_SCRIPT_JSON_BYTES = 16 * 1024 * 1024


class RebuiltSlide(BaseModel):
    """A slide some of whose steps ran (were not answered by the cache), and why."""

    slide: int
    steps: list[str]
    why: str


def earlier_scripts(folder: Path) -> list[SlideScript] | None:
    """The slides the project's last run wrote into script.json, None when there is none."""
    path = folder / "script.json"
    if not path.is_file():
        return None
    try:
        return read_script(path, MAX_SCRIPT_JSON_BYTES).slides
    except InputError:
        return None


def _said(script: SlideScript) -> tuple[str, list[str], str]:
    return script.title, script.bullets, script.notes


def why(index: int, now: SlideScript | None, before: list[SlideScript], redo: bool) -> str:
    """Why slide index was built again."""
    if redo:
        return "the writer was asked for it again (--redo-slide)"
    if index >= len(before):
        return "a new slide"
    if now is not None and _said(now) != _said(before[index]):
        return "its script changed"
    return "its other inputs changed (settings, picture, code) or the cache no longer had it"


def rebuilt_slides(
    ran: list[tuple[str, str]],
    plans: list[SlidePlan],
    before: list[SlideScript] | None,
    redo: list[int],
) -> list[RebuiltSlide]:
    """The slides whose own steps ran, from (task name, stage) of the steps that ran; none
    for a project's first build (nothing was built before)."""
    if before is None:
        return []
    steps: dict[int, list[str]] = {}
    for task, stage in ran:
        found = stage_of(task)
        if stage in SLIDE_STAGES and found is not None and found.per_slide:
            index = int(task.rsplit("-", 1)[1])
            steps.setdefault(index, []).append(stage)
    scripts = {p.index: p.script for p in plans}
    return [
        RebuiltSlide(slide=i, steps=s, why=why(i, scripts.get(i), before, i in redo))
        for i, s in sorted(steps.items())
        if set(s) - {"pages"}  # pages laid out again to the same pages rebuilt nothing
    ]
