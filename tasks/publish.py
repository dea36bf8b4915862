"""The publish task: every output file in place, whatever the cache replayed."""

from prefect.cache_policies import NO_CACHE

from lectra.cache.store import MediaStore
from lectra.config.run import RunConfig
from lectra.models import StepResult
from lectra.storage.location import Location
from lectra.storage.publish import publish_project
from tasks.common import lectra_task


@lectra_task("publish", cache=NO_CACHE)
def publish(cfg: RunConfig, results: list[StepResult]) -> StepResult:
    """Bring back every file the run's results made that is gone from this run's folder:
    a cached step's files, deleted since, come back from the media store."""
    MediaStore(cfg.cache_dir).restore_results(list(results))
    return StepResult(provider="store")


@lectra_task("publish", "upload", cache=NO_CACHE)
def upload(cfg: RunConfig) -> list[str]:
    """Publish the project folder to its storage URL; the names of the files sent."""
    return publish_project(cfg.project_dir, Location(cfg.project_url))
