# Kithkin: `make demo` to try it, `make test` to check it. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VENDOR := kithkin/core/static/vendor
DEMO_PEOPLE ?= 2000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test
# The demo runs as a council would run it (its own error pages, not Django's debug ones), but on plain HTTP with
# a development key, tasks done while you wait and emails printed to the terminal.
# (No collected static files either: WhiteNoise serves them from the apps, so its note that there are none is
# hidden.)
DEMO_ENV := KITHKIN_INSECURE_DEV_KEY=1 KITHKIN_HTTPS=0 KITHKIN_TASKS_IMMEDIATE=1 \
	EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend PYTHONWARNINGS="ignore:No directory at"

.PHONY: install install-test assets demo test test-sqlite test-postgres test-browser lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The stamp files make `make install` quick when nothing changed.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

node_modules/.package-lock.json: package.json
	npm install --no-audit --no-fund --loglevel=error

$(VENDOR)/kithkin.css: node_modules/.package-lock.json kithkin/core/assets/kithkin.scss
	mkdir -p $(VENDOR)/govuk
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(VENDOR)/govuk/
	cp -r node_modules/govuk-frontend/dist/govuk/assets $(VENDOR)/govuk/
	mkdir -p $(VENDOR)/leaflet
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images $(VENDOR)/leaflet/
	npm run --silent build

assets: $(VENDOR)/kithkin.css

install: $(VENV)/.installed assets

install-test: install $(VENV)/.installed-test

demo: install
	$(DEMO_ENV) $(BIN)/kithkin migrate --no-input
	$(DEMO_ENV) $(BIN)/kithkin seed-demo --people $(DEMO_PEOPLE) --seed 1 --if-empty
	$(DEMO_ENV) $(BIN)/kithkin runserver 127.0.0.1:8000

# SQLite always; PostgreSQL when DATABASE_URL points at it or a local server answers; the
# browser tests when Chromium is installed (CI installs it: see .ci/run).
test: install-test lint test-sqlite test-postgres test-browser

test-sqlite:
	DATABASE_URL=sqlite:///:memory: $(BIN)/pytest -m "not browser" -q

test-postgres:
	@url="$${DATABASE_URL:-$(PG_TEST_URL)}"; \
	if [[ "$$url" == postgres* ]] && $(BIN)/python -c "import psycopg,sys; psycopg.connect(sys.argv[1].replace('postgres://','postgresql://'), connect_timeout=3).close()" "$$url" 2>/dev/null; then \
		echo "PostgreSQL tests on $$url"; DATABASE_URL="$$url" $(BIN)/pytest -m "not browser" -q; \
	else echo "PostgreSQL not reachable at $$url: PostgreSQL tests skipped"; fi

test-browser:
	@if command -v chromium >/dev/null || [ -x /usr/bin/chromium ]; then \
		DATABASE_URL=sqlite:///:memory: $(BIN)/pytest -m browser -q; \
	else echo "Chromium not installed: browser tests skipped (apt-get install chromium)"; fi

lint: install-test
	$(BIN)/ruff check .

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles
