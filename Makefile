# The two set-up commands: `make demo` (install + the end-to-end demo) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# The CPU build of torch: an open range would pull a multi-GB CUDA build. On a GPU machine use
# `make TORCH=torch install` (or any torch >= 2.4 you already have).
TORCH  ?= torch==2.13.0

.PHONY: install demo test test-unit test-core bench bench-quick clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q "$(TORCH)"
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

demo: install
	PATH="$(CURDIR)/$(BIN):$$PATH" bash demo/run.sh

# Everything, the slow tests included (CI runs this). `make test-unit` is the quick inner loop.
test: install
	$(BIN)/python -m pytest -q -m "slow or not slow"

test-unit: install
	$(BIN)/python -m pytest -q tests/unit -m "not slow"

# The unit tier on the core packages alone (click, pydantic, PyYAML, SQLAlchemy, regex, and the `postgres`
# extra: the store is proven on Postgres in this tier too): a test that needs a stage library skips, none
# fails. CORE_VENV is a separate, small environment.
CORE_VENV ?= .venv-core
test-core:
	test -x $(CORE_VENV)/bin/python || $(PYTHON) -m venv $(CORE_VENV)
	$(CORE_VENV)/bin/pip install -q click pydantic PyYAML SQLAlchemy regex 'psycopg[binary]>=3.1' pytest pytest-timeout hypothesis
	$(CORE_VENV)/bin/pip install -q --no-deps -e .
	$(CORE_VENV)/bin/python -m pytest -q tests/unit -m "not slow" -p no:cacheprovider

# Figures that are cheap to reproduce (minutes, data from ../shared/data); `bench` adds the ones that
# run real fine-tuning jobs (an hour or more on 2 cores). Each script prints its ratio to its baseline.
BENCH_QUICK := cli_start.py "gate.py --quick" canary.py drift.py index.py export.py
BENCH_SLOW  := quality.py adapt.py recipe.py train.py export_quality.py

bench-quick: install
	@for b in $(BENCH_QUICK); do echo "== bench/$$b"; $(BIN)/python bench/$$b || exit 1; done

bench: bench-quick
	@for b in $(BENCH_SLOW); do echo "== bench/$$b"; $(BIN)/python bench/$$b || exit 1; done

clean:
	rm -rf .embgov .pytest_cache .hypothesis
