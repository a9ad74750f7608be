# make build: set up the virtual environment when needed, then build everything into build/.
# make test:  set up the virtual environment when needed, then run the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# The browser tests: Debian's chromium, and axe-core from the npm registry (never fetched at test time).
AXE := .cache/npm/node_modules/axe-core/axe.min.js
AXE_VERSION := 4.14.1
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: build test check bench schema clean debian-packages serve

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/avtal build

test: $(STAMP) $(AXE) debian-packages
	$(BIN)/python -m pytest

# Debian's chromium (the site's browser tests), LibreOffice and poppler (the Word files are
# converted to PDF and pages to PNG); installed only when missing.
debian-packages:
	@{ command -v chromium || command -v google-chrome; } >/dev/null 2>&1 && command -v soffice >/dev/null 2>&1 && \
		command -v pdftoppm >/dev/null 2>&1 || \
		{ $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
		chromium libreoffice-writer-nogui poppler-utils >/dev/null; }

$(AXE):
	npm install --silent --no-audit --no-fund --prefix .cache/npm axe-core@$(AXE_VERSION)

serve: $(STAMP)
	$(BIN)/avtal serve

check: $(STAMP)
	$(BIN)/avtal check

schema: $(STAMP)
	$(BIN)/avtal schema

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	@command -v pandoc >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq pandoc >/dev/null; }
	$(BIN)/python tests/bench/bench_check.py
	$(BIN)/python tests/bench/bench_changelog.py
	$(BIN)/python tests/bench/bench_site.py
	$(BIN)/python tests/bench/bench_docx.py
	$(BIN)/python tests/bench/bench_compare.py
	$(BIN)/python tests/bench/bench_serve.py

clean:
	rm -rf build
