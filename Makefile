# Fresh machine: Python 3.11 and make are all that is needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TESTS  := $(VENV)/.installed-test

.PHONY: run test lint bench bench-storage realworld install install-test lock clean schema-doc

run: $(STAMP)  ## process raw/ into output/ with the Prefect flow (embedded API, no server)
	$(BIN)/papers run

test: $(TESTS)  ## the whole test suite, slow tests included, over 2 pytest-xdist workers (a file stays on one worker: module fixtures are built once); reads ../shared: see README "Tests"; quick local run: .venv/bin/pytest -m "not slow"
	$(BIN)/python -m pytest -n 2 --dist loadfile

lint: $(TESTS)  ## ruff (rules in pyproject.toml) and mypy on src/, both pinned in requirements-test.lock
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(TESTS)  ## performance benchmark (never part of the tests)
	$(BIN)/python bench/bench.py

bench-storage: $(TESTS)  ## the storage side of a run at 10/1,000/100,000 papers, synthetic rows (~15 min, ~5 GB in $$TMPDIR)
	$(BIN)/python bench/storage_scale.py

realworld: $(TESTS)  ## figures per real PDF of ../shared/realworld/pdf (accounting, headings, paragraphs, tables) tables against TABLES.jsonl, set-2 covers against TRUTH.tsv
	$(BIN)/python tests/realworld.py
	$(BIN)/python tests/table_eval.py
	$(BIN)/python tests/cover_eval.py

install: $(STAMP)  ## the pipeline and what it runs on (requirements.lock); no test tools

install-test: $(TESTS)  ## also pytest, ruff, mypy, polars, duckdb... (requirements-test.lock)

# Everything pinned to the versions the tests ran with: requirements.lock is what the pipeline runs on,
# requirements-test.lock what the tests and linters add (make test and make lint install both).
# setup.py builds the C helper of the PDF reader (src/extract/pdf/_glyphs.c) in place, next to its module;
# without a C compiler the install goes on and the reader reads in Python (the same glyphs, more CPU)
$(STAMP): requirements.lock pyproject.toml setup.py src/extract/pdf/_glyphs.c
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(TESTS): $(STAMP) requirements-test.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.lock
	touch $(TESTS)

lock:  ## re-pin after changing a dependency in pyproject.toml (then run make test): both locks from this venv
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip freeze --all --exclude-editable | grep -vE "^(papers-etl|pip)==" > $(VENV)/freeze.txt
	$(BIN)/python tools/lock.py $(VENV)/freeze.txt requirements.lock requirements-test.lock

schema-doc: $(STAMP)  ## regenerate docs/datasets.md from the schema module
	$(BIN)/papers schema > docs/datasets.md

clean:
	rm -rf $(VENV) output .pytest_cache .hypothesis .mypy_cache .ruff_cache build src/extract/pdf/_glyphs.*.so
