"""Lectra's Prefect flows."""

import os

from lectra.memory import limit_malloc_arenas

# Offline, the temporary server's telemetry call fails and logs an error on every run.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
limit_malloc_arenas()  # before the task threads start
