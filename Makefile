# Quick start: `make demo` and `make test` on a machine with Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench lint clean-reports

$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0   # the CPU build on this machine's disk, before the neural extra
	$(BIN)/pip install --quiet -e '.[dev,neural]'
	touch $(STAMP)

demo: $(STAMP)
	rm -rf reports/cleaned
	$(BIN)/cleanup run seeds/ --out reports/cleaned --report reports

test: $(STAMP)
	$(BIN)/python -m pytest -q
	$(BIN)/cleanup glossary lint
	$(BIN)/cleanup glossary test

clean-reports:
	rm -rf reports/cleaned reports/report.json reports/report.html
