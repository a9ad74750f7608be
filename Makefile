# make build: set up the virtual environment when needed, then build everything into build/.
# make test:  set up the virtual environment when needed, then run the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: build test check bench schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/avtal build

test: $(STAMP)
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/avtal check

schema: $(STAMP)
	$(BIN)/avtal schema

bench: $(STAMP)
	$(BIN)/python tests/bench/bench_check.py
	$(BIN)/python tests/bench/bench_changelog.py

clean:
	rm -rf build
