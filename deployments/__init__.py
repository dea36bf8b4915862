"""Deployment helpers: work pool, limits and blocks setup, and serving the flows."""
