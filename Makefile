# Two commands for a fresh machine: `make serve` (build + serve the site) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AXE := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test validate bench lint clean properdocs generate

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) 2>/dev/null || python3 -m venv $(VENV) 2>/dev/null || \
	  { rm -rf $(VENV); echo "Thiếu Python 3.11 có venv: cài python3 và python3-venv (sudo apt-get install python3 python3-venv) rồi chạy lại make test." >&2; exit 1; }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

# The web editor (/quan-tri/) is copied from node_modules at build time: `npm ci` when it is missing.
DECAP := node_modules/decap-cms/package.json
SERVE_ADDR ?= 127.0.0.1:8000
CMS_PORT ?= 8081

$(DECAP):
	npm ci --no-audit --no-fund --silent

# Also runs decap-server (the editor's local backend: it writes into this folder's agreements/)
# for as long as mkdocs serve runs. Preview mode (registry/site/preview.py): after the first, full
# build a save rebuilds only the pages it changes; search, open data and feeds stay from the first
# build. `make serve FULL=1` rebuilds everything on every save.
serve: $(STAMP) | $(DECAP)  ## build + serve the site on http://127.0.0.1:8000 (rebuilds on edits; FULL=1: full rebuilds), editor at /quan-tri/
	@PORT=$(CMS_PORT) BIND_HOST=127.0.0.1 MODE=fs GIT_REPO_DIRECTORY="$(CURDIR)" LOG_LEVEL=warn \
	  node node_modules/decap-server/dist/index.js & proxy=$$!; \
	trap 'kill $$proxy 2>/dev/null' EXIT INT TERM; \
	echo "Trình soạn thảo (ghi vào agreements/ trên máy này): http://$(SERVE_ADDR)/quan-tri/?proxy=$(CMS_PORT)"; \
	REGISTRY_PREVIEW=$(if $(FULL),0,1) $(BIN)/mkdocs serve --dev-addr $(SERVE_ADDR)

build: $(STAMP) | $(DECAP)  ## production build into site/
	$(BIN)/mkdocs build --strict

validate: $(STAMP)
	$(BIN)/python -m registry validate

# tests/tools.py installs what the browser tests lack where it can (as root: Debian's chromium,
# nodejs/npm; npm ci for axe-core) or stops with one Vietnamese line saying what to install.
$(AXE): package.json package-lock.json | $(STAMP)
	@$(BIN)/python tests/tools.py --npm-ci && touch $(AXE)

test: $(STAMP) $(AXE)  ## the whole test suite (Chromium and axe-core: installed by tests/tools.py where possible)
	@$(BIN)/python tests/tools.py
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
