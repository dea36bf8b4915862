"""script.json and images_metadata.json: what each slide says and shows, and where from."""

from lectra.config.run import RunConfig
from lectra.models import OutputFile, SlideImage, SlidePlan
from lectra.runtime.files import write_json


def write_records(
    cfg: RunConfig, plans: list[SlidePlan], images: list[SlideImage]
) -> list[OutputFile]:
    """Write script.json (every slide's script and pages) and images_metadata.json."""
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
    return [
        OutputFile(path=write_json(cfg.path("script.json"), scripts)),
        OutputFile(path=write_json(cfg.path("images_metadata.json"), meta)),
    ]
