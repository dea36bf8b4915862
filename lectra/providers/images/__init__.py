"""The image sources: each name's module builds it (lectra.providers.engines)."""

from typing import cast

from lectra.providers.base import ImageSource
from lectra.providers.engines import build
from lectra.providers.options import ImageOptions

IMAGES = {
    "generated": "lectra.providers.images.generated",
    "ddg": "lectra.providers.images.ddg",
}


def make_images(opts: ImageOptions, run: str) -> ImageSource:
    """The image source the options name; run keeps one run's slides from sharing an image."""
    return cast(ImageSource, build(IMAGES, "image source", opts.name, opts, run))
