# The two commands a newcomer needs: `make run` and `make test`.
# Each creates the local virtual environment .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench screenshot clean

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/annotator $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(BIN)/ruff check annotator tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

lint: $(STAMP)
	$(BIN)/ruff check annotator tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

BENCHES := bench_io bench_store bench_ui bench_watch bench_agreement bench_merge bench_review_ui bench_import_units bench_undo_guards bench_filter bench_intake bench_search bench_network bench_team

bench: $(STAMP)
	for b in $(BENCHES); do QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.$$b || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info
