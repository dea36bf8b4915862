"""Lectra's Prefect flows."""
