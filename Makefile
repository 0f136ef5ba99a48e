# The two set-up commands: `make demo` (install + the end-to-end demo) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# The CPU build of torch: an open range would pull a multi-GB CUDA build. On a GPU machine use
# `make TORCH=torch install` (or any torch >= 2.4 you already have).
TORCH  ?= torch==2.13.0

.PHONY: install demo test test-all bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q "$(TORCH)"
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

demo: install
	PATH="$(CURDIR)/$(BIN):$$PATH" bash demo/run.sh

test: install
	$(BIN)/python -m pytest -q

clean:
	rm -rf .embgov .pytest_cache .hypothesis
