# stubwright: see README.md. Every target works on a fresh machine after `make install`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python

.PHONY: install generate test lint typecheck check golden bench bench-regen fuzz clean downstream corpus fidelity bench-full

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

## check: everything: lint, typecheck, tests, and output/ is what input_docs/ generates
check: lint typecheck test
	$(BIN)/stubwright generate input_docs -o output --check -q

## bench: the full-scale benchmark side by side with mypy-boto3-builder (bench-full), then
## full vs no-op regeneration (bench-regen); prints figures, asserts nothing
bench: bench-full bench-regen

## bench-regen: full vs no-op (warm cache) regeneration over 100 rendered services; prints figures
BENCH_ARGS ?= --services 100
bench-regen: install
	@$(PY) -c 'import sphinx, boto3' 2>/dev/null || $(PY) -m pip install --quiet -e '.[corpus]'
	$(PY) bench/regen.py $(BENCH_ARGS)

## fuzz: hypothesis on every reader, FUZZ_SECONDS (default 600) each; FUZZ_FORMATS picks readers; prints examples run
FUZZ_SECONDS ?= 600
FUZZ_FORMATS ?=
fuzz: install
	FUZZ_SECONDS=$(FUZZ_SECONDS) $(PY) -m tests.fuzz.run $(FUZZ_FORMATS)

## downstream: build the packages as wheels, install them into a clean virtualenv, run the
## workflow against moto (server mode), mypy --strict, pyright, the misuse snapshots,
## stubtest and the types-boto3/boto3-stubs coexistence checks; prints a summary
## (needs a package index: boto3, moto[server], mypy, types-boto3, boto3-stubs)
DOWNSTREAM_ARGS ?=
downstream: install
	$(PY) -m tests.downstream.run $(DOWNSTREAM_ARGS)

## corpus: the fidelity corpus (the dev set; CORPUS_SERVICES="a b" to choose) for both corpus versions:
## reference pages, markdown doc sets and reference stubs, cached under ~/.cache/stubwright
## (builds mypy-boto3-builder venvs under ~/.cache/stubwright/venvs on first use; needs Python 3.12 and 3.10)
CORPUS_SERVICES ?= $(shell $(PY) -c 'from tools.fidelity.run import DEV_SET; print(" ".join(DEV_SET))' 2>/dev/null)
corpus: install
	@$(PY) -c 'import sphinx, boto3, bs4' 2>/dev/null || $(PY) -m pip install --quiet -e '.[dev,corpus]'
	$(PY) -m tests.corpus.build $(CORPUS_SERVICES) --corpus all

## fidelity: build the corpus, generate every dev-set service from every format, compare with
## the published stubs, write the tables of docs/fidelity.md; fails below a target
fidelity: corpus
	$(PY) -m tools.fidelity run $(CORPUS_SERVICES) --write-doc docs/fidelity.md --json $(HOME)/.cache/stubwright/fidelity.json --check

## bench-full: every service of the installed botocore from each format (reference pages: the
## BENCH_FULL_REFERENCE largest), and mypy-boto3-builder -s all on the same machine; prints figures
BENCH_FULL_ARGS ?=
bench-full: install
	@$(PY) -c 'import sphinx, boto3, bs4' 2>/dev/null || $(PY) -m pip install --quiet -e '.[dev,corpus]'
	$(PY) bench/full_scale.py $(BENCH_FULL_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache
