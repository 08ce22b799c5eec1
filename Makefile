# stubwright: see README.md. Every target works on a fresh machine after `make install`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python

.PHONY: install generate test lint typecheck check golden clean

$(BIN)/stubwright: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/stubwright

## generate: the main job: stub packages for input_docs/ into output/
generate: install
	$(BIN)/stubwright generate input_docs -o output

## test: the default test suite (what CI runs)
test: install
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check generator tests

typecheck: install
	$(BIN)/mypy

## golden: regenerate the expected trees of tests/cases/* (review the diff!)
golden: install
	$(PY) -m tests.golden

## check: everything: lint, typecheck, tests
check: lint typecheck test

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache
