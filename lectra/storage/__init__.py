"""Shared storage: outputs and the cache at a URL (s3://...) as well as in a local folder."""
