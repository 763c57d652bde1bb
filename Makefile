# The single entry for running, testing, linting, docs and benchmarks.
# On a fresh machine use ./dev run and ./dev test: they install the Debian packages first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup run test lint typecheck golden docs bench screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(VENV)/bin/jixiao serve --demo

test: setup
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/mypy --config-file mypy-web.ini

golden: setup
	$(PY) -m tests.importers.goldens
	$(PY) -m tests.review.goldens

docs: setup
	$(PY) -m jixiao.model.schema > docs/schema/declaration.schema.json
	$(PY) -m jixiao.review.ruledocs docs/rules
	$(PY) -m jixiao.clidoc > docs/cli.md
	JIXIAO_UPDATE_DOCS=1 $(PY) -m pytest -q tests/web/test_security_doc.py

screenshots: setup
	JIXIAO_SCREENSHOTS=docs/images $(PY) -m pytest tests/web/test_e2e_story.py

bench: setup
	$(PY) bench/import_bench.py
	$(PY) bench/review_bench.py
	$(PY) bench/render_bench.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
