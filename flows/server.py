"""Which Prefect API a CLI run reports to: the configured one, a local server, or none."""

import os
from dataclasses import dataclass

import httpx

# where `make server` puts it; LECTRA_LOCAL_PREFECT_API moves the probe (tests point it nowhere)
LOCAL_API = os.environ.get("LECTRA_LOCAL_PREFECT_API", "http://127.0.0.1:4200/api")
PROBE_TIMEOUT_S = 0.1


@dataclass(frozen=True)
class ApiChoice:
    """The API URL to use (None: a temporary server) and one line saying why."""

    url: str | None
    why: str


def answers(url: str, timeout_s: float = PROBE_TIMEOUT_S) -> bool:
    """True when a Prefect API answers its health check at url within timeout_s."""
    try:
        return httpx.get(f"{url.rstrip('/')}/health", timeout=timeout_s).status_code == 200
    except httpx.HTTPError:
        return False


def choose_api(configured: str | None, local: str = LOCAL_API) -> ApiChoice:
    """PREFECT_API_URL if set, else a server answering at the default address, else none."""
    if configured:
        return ApiChoice(configured, f"Prefect server at {configured} (PREFECT_API_URL)")
    if answers(local):
        return ApiChoice(local, f"Prefect server at {local} (found running)")
    return ApiChoice(
        None,
        f"no Prefect server at {local}: using a temporary one, which adds ~12 s and keeps no "
        "history; `make server` starts one",
    )
