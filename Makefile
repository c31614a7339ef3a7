# leafletpress: `make build` renders every edition, `make test` runs the suite.
# Both create the virtualenv they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed
# Reproducible PDFs: a fixed date unless the caller sets one. Not the last commit's date: the PDF
# dates are an input of every edition, so a date that moves with each commit would rebuild them all.
SOURCE_DATE_EPOCH ?= 315532800
export SOURCE_DATE_EPOCH

.PHONY: build test check lint bench docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/leafletpress build

check: $(STAMP)
	$(BIN)/leafletpress check

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests

# The benchmark also needs the bench extra (typst, for its Typst rows); the tests do not.
$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

docs: $(STAMP)
	$(BIN)/python docs/make_reference.py
	$(BIN)/python docs/make_pictures.py

clean:
	rm -rf build
