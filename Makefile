# PMO Dash. `make run` and `make test` do all the set-up on a fresh clone.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)
PORT ?= 8501
# Test processes: each takes whole test files, so a module's warehouse and server are built once.
JOBS ?= 2

.DEFAULT_GOAL := help
.PHONY: help run test warehouse rebuild sample docs forecast-check bench lint format browser impress clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

warehouse: $(STAMP) ## build the warehouse from the shipped demo returns, if there is none yet
	$(PY) -m pmo_dash build --if-missing

run: warehouse ## set up, build the warehouse if missing, check the login set-up, serve on localhost:$(PORT)
	$(PY) -m pmo_dash users check
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

test: $(STAMP) browser impress ## set up, then lint, format check and every test (browser tests in Debian's chromium)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest -n $(JOBS) --dist loadfile

rebuild: $(STAMP) ## rebuild the warehouse from PMO_SOURCE_DIR (default data/sample)
	$(PY) -m pmo_dash build

sample: $(STAMP) ## regenerate the shipped demo returns in data/sample, and their hashes (demo mode's test)
	rm -rf data/sample && $(PY) -m pmo_dash sample --tier demo --seed 7 --out data/sample \
	  --manifest pmo_dash/sample/demo_manifest.json

docs: $(STAMP) ## regenerate docs/data-contract.md from pmo_dash/contract.py
	$(PY) -m pmo_dash docs

forecast-check: $(STAMP) ## build the demo apart; write the forecasts' figures and the early warning's backtest to docs/forecast.md
	$(PY) -m pmo_dash forecast-check

bench: $(STAMP) browser ## time the build, every page and what a user waits for in chromium; writes docs/benchmarks.md
	$(PY) -m bench

lint: $(STAMP) ## ruff check
	$(VENV)/bin/ruff check .

format: $(STAMP) ## ruff format, in place
	$(VENV)/bin/ruff format .

browser: ## install Debian's chromium for the browser tests, if missing (needs root)
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is not installed: the browser tests will be skipped"; fi; }

impress: ## install LibreOffice Impress for the board-pack tests (pptx -> PDF), if missing (needs root)
	@{ command -v soffice && command -v pdftoppm; } >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      libreoffice-impress fonts-crosextra-carlito poppler-utils >/dev/null; \
	  else echo "LibreOffice is not installed: the board-pack PDF tests will be skipped"; fi; }

clean: ## remove the virtualenv and build output (not the shipped demo returns)
	rm -rf $(VENV) data/warehouse.duckdb data/validation_report.csv .pytest_cache bench/out
