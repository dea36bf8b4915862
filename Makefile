# Lectra: `make demo` builds a sample deck, `make test` runs the whole suite, `make test-fast`
# the core and flow tests on fakes (no server or CLI process started per test),
# `make server` keeps a local Prefect server (UI http://127.0.0.1:4200), `make server-stop` stops it.
SHELL := /bin/bash
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
RUN := $(UV) run --frozen --quiet

.PHONY: setup setup-test demo test test-fast lint typecheck check clean clean-cache server server-stop themes

setup:
	@./scripts/setup.sh

setup-test:
	@./scripts/setup.sh --test

demo: setup
	$(RUN) python -m flows.presentation --script examples/how-solar-panels-work.md --project demo

server: setup
	@./scripts/server.sh start

server-stop:
	@./scripts/server.sh stop

lint: setup
	$(RUN) ruff check .
	$(RUN) ruff format --check .

typecheck: setup
	$(RUN) mypy

# tests run on two processes (pytest-xdist): most of a test's time is servers and encoders
TEST_WORKERS ?= 2

test: setup-test
	$(RUN) ruff check .
	$(RUN) mypy
	$(RUN) pytest -q -n $(TEST_WORKERS)

test-fast: setup-test
	$(RUN) pytest -q -n $(TEST_WORKERS) -m "not slow"

# the built-in themes' templates and backgrounds, and their contact sheets in docs/themes
themes: setup-test
	$(RUN) python -m scripts.make_themes
	$(RUN) python -m bench.design --theme default --theme dark --theme warm --theme contrast --gallery docs/themes

clean:
	rm -rf outputs .pytest_cache .mypy_cache .ruff_cache

# the cached step results and their media (LECTRA_CACHE_DIR, default outputs/.cache)
clean-cache:
	rm -rf "$${LECTRA_CACHE_DIR:-$${LECTRA_OUTPUT_DIR:-outputs}/.cache}"
