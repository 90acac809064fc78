# Two commands on a fresh machine: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test test-fast lint validate geocode docs bench screenshot wheel-check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The same command an installed atlas runs: .streamlit/config.toml's settings passed as flags (components/cli.py).
run: $(STAMP)
	$(VENV)/bin/calais-atlas serve --port $(PORT)

# axe-core for the accessibility tests, from npm (tests/browser/package-lock.json pins it).
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --silent
	touch $(AXE)

# In parallel, one worker a core (pytest-xdist); --dist loadscope keeps a module's tests on one worker, so a module's
# own server (folder_url) and pages (module-scoped fixtures) start once. Each worker runs its own app servers and
# Chromium, on free ports.
PYTEST_PARALLEL := -n auto --dist loadscope

test: $(STAMP) $(AXE)
	$(PY) -m pytest $(PYTEST_PARALLEL)

# The inner loop: everything but the browser tests (tests/browser/).
test-fast: $(STAMP)
	$(PY) -m pytest $(PYTEST_PARALLEL) --ignore=tests/browser

# ESLint for the atlas's browser code, from npm (package-lock.json pins it; eslint.config.mjs says what it checks).
ESLINT := node_modules/.bin/eslint
$(ESLINT): package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(ESLINT)

# ruff for style and bugs, on every Python file; import-linter for the layers (pyproject.toml names them);
# vulture for dead code (vulture_whitelist.py: only what runs though nothing in the code calls it); ESLint.
lint: $(STAMP) $(ESLINT)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/vulture
	$(ESLINT)

validate: $(STAMP)
	$(VENV)/bin/calais-atlas validate

geocode: $(STAMP)
	$(VENV)/bin/calais-atlas geocode

docs: $(STAMP)
	$(VENV)/bin/calais-atlas docs

# The wheel installed into a fresh venv and run from another folder: validate, serve, the map in Chromium (.ci/run).
wheel-check: $(STAMP)
	PY=$(PY) PYTHON=$(PYTHON) .ci/wheel-check

bench: $(STAMP)
	$(PY) tests/bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache
