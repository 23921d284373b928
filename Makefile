# Fresh machine: Python 3.11 and make are all that is needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench bench-storage realworld install lock clean schema-doc

run: $(STAMP)  ## process raw/ into output/ with the Prefect flow (embedded API, no server)
	$(BIN)/papers run

test: $(STAMP)  ## the whole test suite
	$(BIN)/python -m pytest

lint: $(STAMP)  ## ruff (rules in pyproject.toml) and mypy on src/, both pinned in requirements.lock
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(STAMP)  ## performance benchmark (never part of the tests)
	$(BIN)/python bench/bench.py

bench-storage: $(STAMP)  ## the storage side of a run at 10/1,000/100,000 papers, synthetic rows (~15 min, ~5 GB in $$TMPDIR)
	$(BIN)/python bench/storage_scale.py

realworld: $(STAMP)  ## figures per real PDF of ../shared/realworld/pdf (accounting, headings, paragraphs), tables against TABLES.jsonl
	$(BIN)/python tests/realworld.py
	$(BIN)/python tests/table_eval.py

install: $(STAMP)

# Everything pinned to the versions the tests ran with (requirements.lock).
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

lock:  ## re-pin after changing a dependency in pyproject.toml (then run make test)
	$(BIN)/python -m pip freeze --all --exclude-editable | grep -vE "^(papers-etl|pip)==" > requirements.lock

schema-doc: $(STAMP)  ## regenerate docs/datasets.md from the schema module
	$(BIN)/papers schema > docs/datasets.md

clean:
	rm -rf $(VENV) output .pytest_cache .hypothesis .mypy_cache .ruff_cache
