"""DuckDuckGo images: search with ddgs, download the first result that is a real picture."""

import hashlib
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from ddgs import DDGS
from ddgs.exceptions import DDGSException

from lectra.providers.base import ImageInfo, ImageSource
from lectra.providers.images.download import download, normalize
from lectra.providers.options import ImageOptions
from lectra.runtime.errors import ImageError, RefusedAddressError
from lectra.runtime.files import atomic_path

REGIONS = {
    "en": "us-en",
    "es": "es-es",
    "fr": "fr-fr",
    "de": "de-de",
    "hi": "in-en",
    "zh": "cn-zh",
    "ja": "jp-jp",
    "ko": "kr-kr",
}


class Claims:
    """Image URLs and contents already taken in a run, so no two slides show the same image."""

    KEEP_RUNS = 64

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._runs: OrderedDict[str, set[str]] = OrderedDict()

    def claim(self, run: str, key: str) -> bool:
        """Take key for run; False if a slide of that run already has it."""
        with self._lock:
            taken = self._runs.setdefault(run, set())
            self._runs.move_to_end(run)
            while len(self._runs) > self.KEEP_RUNS:
                self._runs.popitem(last=False)
            if key in taken:
                return False
            taken.add(key)
            return True


CLAIMS = Claims()


def search(query: str, lang: str, opts: ImageOptions) -> list[dict[str, Any]]:
    """ddgs image results for query; ImageError (transient unless there were none) on failure."""
    try:
        return DDGS(timeout=max(1, round(opts.timeout_s))).images(
            query, region=REGIONS.get(lang, "wt-wt"), max_results=opts.candidates
        )
    except DDGSException as exc:
        none = "no results" in str(exc).lower()
        raise ImageError(f"image search for {query!r}: {exc}", transient=not none) from None


class DdgImages:
    """Finds each slide's picture on DuckDuckGo; tries the next result when one is unusable."""

    name = "ddg"

    def __init__(self, opts: ImageOptions, run: str) -> None:
        self.opts, self.run = opts, run

    def fetch(self, query: str, title: str, lang: str, path: Path) -> ImageInfo:
        """Save the first usable, not yet used result for query as a JPEG at path."""
        results = search(query, lang, self.opts)
        problems: list[str] = []
        refused: list[str] = []
        for result in results[: self.opts.candidates]:
            url = str(result.get("image", ""))
            if not url or not CLAIMS.claim(self.run, url):
                continue
            try:
                data = download(url, self.opts.max_bytes, self.opts.timeout_s)
                picture = normalize(data, url[:80])
            except RefusedAddressError as exc:
                refused.append(f"image result skipped: {exc}")
                problems.append(str(exc))
                continue
            except ImageError as exc:
                problems.append(str(exc))
                continue
            if not CLAIMS.claim(self.run, hashlib.sha256(data).hexdigest()):
                continue
            with atomic_path(path) as tmp:
                picture.save(tmp, format="JPEG", quality=88)
            return ImageInfo(
                source="ddg",
                url=url,
                width=picture.width,
                height=picture.height,
                page_url=str(result.get("url", "")),
                bytes=len(data),
                warnings=tuple(refused),
            )
        last = f" (last: {problems[-1]})" if problems else ""
        raise ImageError(f"no usable image for {query!r} in {len(results)} results{last}")


def build(opts: ImageOptions, run: str) -> ImageSource:
    """DuckDuckGo image search, one run's slides kept from sharing an image."""
    return DdgImages(opts, run)
