# The single entry for running, testing, linting, docs and benchmarks.
# `make run` and `make test` set everything up on a fresh Debian/Ubuntu machine (Python 3.11+).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup run test lint typecheck golden docs bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(VENV)/bin/jixiao import src/jixiao/data/seed_yinchuan_2025.txt

test: setup
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

golden: setup
	$(PY) -m tests.importers.goldens

docs: setup
	$(PY) -m jixiao.model.schema > docs/schema/declaration.schema.json

bench: setup
	$(PY) bench/import_bench.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
