"""Prefect Block types for writer, voice and image settings (registered by deployments.setup)."""
