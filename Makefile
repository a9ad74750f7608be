# make build: set up the virtual environment when needed, then build everything into build/.
# make test:  set up the virtual environment when needed, then run the tests (on every core).
# make test-fast: the tests without Chromium or LibreOffice, for the edit loop (tests/README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# The browser tests: Debian's chromium, and axe-core from the npm registry (never fetched at test time).
AXE := .cache/npm/node_modules/axe-core/axe.min.js
AXE_VERSION := 4.14.1
# The editor tests: the YAML language server that editors use for the data files' schemas.
YLS := .cache/npm/node_modules/yaml-language-server/bin/yaml-language-server
YLS_VERSION := 1.25.0
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: build test test-fast check bench schema clean debian-packages libreoffice serve fuzz

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

# pytest-xdist: one worker per core; a test file stays on one worker (--dist loadfile), so that a
# module's shared fixture (a built site, a Chromium) is made once. The slowest tests are listed at the end.
PYTEST_PARALLEL ?= -n auto --dist loadfile
test: $(STAMP) debian-packages $(AXE) $(YLS)
	$(BIN)/python -m pytest $(PYTEST_PARALLEL) --durations=15

# At most 20 examples per property test here (the hypothesis profile "fast", tests/conftest.py); make test runs all.
test-fast: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_PARALLEL) -m "not browser and not libreoffice and not slow" --hypothesis-profile=fast

# Debian's chromium (the site's browser tests), LibreOffice and poppler (the Word files are
# converted to PDF and pages to PNG), and npm (axe-core, below); each installed only when it is
# missing, so that a plain Debian image (GitLab's python:3.11-bookworm) runs the tests too.
debian-packages:
	@missing=""; \
	{ command -v chromium || command -v google-chrome; } >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-writer-nogui"; \
	/usr/bin/python3 -c "import uno" >/dev/null 2>&1 || missing="$$missing python3-uno"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	[ -z "$$missing" ] || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; }

$(AXE): | debian-packages
	npm install --silent --no-audit --no-fund --prefix .cache/npm axe-core@$(AXE_VERSION)

# A long session of the property test in tests/fuzz/ (make test runs 300 examples). Examples that
# fail are kept in .hypothesis/ and tried first next time; each becomes a test in tests/render/test_regressions.py.
FUZZ_EXAMPLES ?= 20000
fuzz: $(STAMP)
	AVTAL_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/fuzz tests/source/test_images.py -x \
		--hypothesis-show-statistics

$(YLS): | debian-packages
	npm install --silent --no-audit --no-fund --prefix .cache/npm yaml-language-server@$(YLS_VERSION)

serve: $(STAMP)
	$(BIN)/avtal serve

check: $(STAMP)
	$(BIN)/avtal check

schema: $(STAMP)
	$(BIN)/avtal schema

# Every benchmark records its figures (tests/bench/report.py); the last step prints them as one table:
# each figure, its target, ok or MISSAT. A missed target is reported, not an error.
# Python's bytecode cache on, as where avtal is installed: an editable install has none until it is written.
bench: export PYTHONDONTWRITEBYTECODE :=
bench: $(STAMP) debian-packages
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	$(BIN)/python -m compileall -q scripts
	@command -v pandoc >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq pandoc >/dev/null; }
	$(BIN)/python tests/bench/report.py --reset
	$(BIN)/python tests/bench/bench_check.py
	$(BIN)/python tests/bench/bench_changelog.py
	$(BIN)/python tests/bench/bench_site.py
	$(BIN)/python tests/bench/bench_docx.py
	$(BIN)/python tests/bench/bench_compare.py
	$(BIN)/python tests/bench/bench_decisions.py
	$(BIN)/python tests/bench/bench_fingerprint_browser.py
	$(BIN)/python tests/bench/bench_remiss.py
	$(BIN)/python tests/bench/bench_serve.py
	$(BIN)/python tests/bench/bench_parties.py
	$(BIN)/python tests/bench/report.py

clean:
	rm -rf build
