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

.PHONY: build test check bench schema clean debian-packages libreoffice serve fuzz

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	@if $(BIN)/python -m avtal.decisions.tools needs-libreoffice; then $(MAKE) --no-print-directory libreoffice; fi
	$(BIN)/avtal build

# LibreOffice makes the PDF/A files of the parties' decision packages: make build installs it when a
# document is on remiss or decided (avtal.decisions.tools), the tests always (debian-packages).
libreoffice:
	@command -v soffice >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		$(SUDO) apt-get install -y -qq libreoffice-writer-nogui >/dev/null; }

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

# A long session of the property test in tests/fuzz/ (make test runs 300 examples). Examples that
# fail are kept in .hypothesis/ and tried first next time; each becomes a test in tests/render/test_regressions.py.
FUZZ_EXAMPLES ?= 20000
fuzz: $(STAMP)
	AVTAL_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/fuzz tests/source/test_images.py -x \
		--hypothesis-show-statistics

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
	$(BIN)/python tests/bench/bench_decisions.py

clean:
	rm -rf build
