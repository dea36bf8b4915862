"""script.json, script.md and images_metadata.json: what each slide says and shows, and where
from; script.md is the deck's script to edit and build again (--script)."""

from lectra.config.run import RunConfig
from lectra.models import DeckScript, Outline, OutputFile, SlideImage, SlidePlan
from lectra.pipeline.deckscript import script_markdown
from lectra.runtime.files import write_json, write_text


def write_records(
    cfg: RunConfig, outline: Outline, plans: list[SlidePlan], images: list[SlideImage]
) -> list[OutputFile]:
    """Write script.json (every slide's script and pages), script.md (the deck's script, as
    a person edits it) and images_metadata.json."""
    ordered = sorted(plans, key=lambda p: p.index)
    scripts = [
        {**p.script.model_dump(), "pages": [pg.model_dump() for pg in p.pages]} for p in ordered
    ]
    meta = [
        {
            "slide": i.index,
            "source": i.source,
            "url": i.url,
            "page": i.page_url,
            "bytes": i.bytes,
            "path": str(i.path.relative_to(cfg.out_dir)) if i.path else None,
            "width": i.width,
            "height": i.height,
        }
        for i in sorted(images, key=lambda i: i.index)
    ]
    made = [
        OutputFile(path=write_json(cfg.path("script.json"), scripts)),
        OutputFile(path=write_json(cfg.path("images_metadata.json"), meta)),
    ]
    if [p.index for p in ordered] == list(range(len(outline.slide_titles))):  # a whole deck
        deck = DeckScript(outline=outline, slides=[p.script for p in ordered])
        made.append(OutputFile(path=write_text(cfg.path("script.md"), script_markdown(deck))))
    return made
