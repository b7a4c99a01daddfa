# Quick start: `make demo` and `make test` on a machine with Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench clean-reports

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
	$(BIN)/cleanup glossary lint
	$(BIN)/cleanup glossary test
	$(BIN)/python -m pytest -q

# Throughput, glossary scaling, peak memory and --jobs speed-up on a generated corpus (not part of `make test`).
# Quick run: BENCH_SIZE_MB=5 BENCH_BIG_MB=50 BENCH_SECONDS=5 make bench
bench: $(STAMP)
	$(BIN)/python bench/run.py

clean-reports:
	rm -rf reports/cleaned reports/report.json reports/report.html
