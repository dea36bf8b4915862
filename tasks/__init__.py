"""Thin Prefect task wrappers around lectra's steps, one module per stage."""
