"""Lectra's Prefect flows."""

import os

# Offline, the temporary server's telemetry call fails and logs an error on every run.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
