"""Lectra's Prefect-free core: models, settings, providers, layout, renderers and media."""
