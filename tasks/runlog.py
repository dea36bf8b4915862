"""The run's logger (the UI shows its lines at once), or Lectra's own outside a run."""

import logging
from typing import Any

from prefect.exceptions import MissingContextError
from prefect.logging import get_run_logger


def run_log() -> Any:
    """The current flow or task run's logger; logging's 'lectra' logger outside a run."""
    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("lectra")
