"""A slide's plan as the flow makes it: the script task's result laid out by the pages task."""

from lectra.config.run import RunConfig
from lectra.models import Outline, SlidePlan
from tasks.pages import pages
from tasks.script import script


def planned(cfg: RunConfig, outline: Outline, index: int) -> SlidePlan:
    """Slide index's script (the script task's body), split into pages (the pages task's)."""
    return pages.fn(cfg, outline, script.fn(cfg, outline, index), index)
