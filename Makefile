# Two commands for a fresh machine: `make serve` (build + serve the site) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AXE := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test validate bench lint clean properdocs generate

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

serve: $(STAMP)  ## build the site and serve it on http://127.0.0.1:8000 (rebuilds on edits)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## production build into site/
	$(BIN)/mkdocs build --strict

validate: $(STAMP)
	$(BIN)/python -m registry validate

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --silent && touch $(AXE)

test: $(STAMP) $(AXE)  ## the whole test suite (browser tests need /usr/bin/chromium)
	$(BIN)/ruff check registry hooks scripts tests
	$(BIN)/python -m registry validate
	$(BIN)/python scripts/benchmark.py --quick
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python scripts/benchmark.py

properdocs: $(STAMP)  ## build with ProperDocs from a clean venv and compare pages + open data with MkDocs (CI)
	$(BIN)/python scripts/properdocs_check.py

generate: $(STAMP)  ## every generated page (Markdown) and the open data into build/generated/
	$(BIN)/python -m registry generate build/generated

clean:
	rm -rf site $(VENV) build *.egg-info
