# assay: two commands on a fresh machine
#   make demo   set up, then run the main job on the embedded default (SQLite, no model downloads)
#   make test   set up, then run lint, type checks and the whole test suite (PostgreSQL included)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test lint bench mutation clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0  # the CPU build; first, so nothing pulls a CUDA one
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: setup
	bash examples/demo.sh

lint: setup
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy

test: setup lint
	bash .ci/install-system
	ASSAY_TEST_POSTGRES_URL="$$(bash .ci/start-postgres)" $(BIN)/python -m pytest -q -n 2 --dist loadfile

bench: setup
	$(BIN)/python bench/verify_math.py
	$(BIN)/python bench/sandbox.py
	$(BIN)/python bench/logic.py
	$(BIN)/python bench/scoring.py

mutation: setup  # not in CI: it runs each target's tests once per mutant (see tools/mutation.py)
	$(BIN)/python tools/mutation.py

clean:
	rm -rf $(VENV) demo-workspace quickstart-workspace quickstart-verdicts.jsonl .pytest_cache .mypy_cache .ruff_cache
