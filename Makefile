# Quick start: `make run` opens the app on a sample journey; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE ?= sample_journeys/online-retail.yaml

.PHONY: run test bench screenshot clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/journeymap $(SAMPLE)

# Lint and types first (configured in pyproject.toml), then the suite.
test: $(VENV)/.installed-test
	$(BIN)/ruff check
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run_bench.py

screenshot: $(VENV)/.installed-test
	$(BIN)/python docs/make_screenshots.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
