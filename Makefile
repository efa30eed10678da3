# eventatlas: `make demo` builds everything and serves the atlas; `make test` runs the test suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
DB ?= eventatlas.db
HOST ?= 127.0.0.1
PORT ?= 8000
export EVENTATLAS_GAZETTEER ?= $(CURDIR)/var/gazetteer.sqlite
GEO_SOURCES := $(wildcard src/eventatlas/geo/*.py src/eventatlas/geo/data/*)

.PHONY: install demo test eval bench lint gazetteer serve clean

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

node_modules/.installed: package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

gazetteer: $(EVENTATLAS_GAZETTEER)

$(EVENTATLAS_GAZETTEER): $(GEO_SOURCES) | install
	$(BIN)/eventatlas gazetteer build --gazetteer $@

demo: install gazetteer
	$(BIN)/eventatlas ingest data/demo --db $(DB)
	@echo "eventatlas atlas: http://$(HOST):$(PORT)"
	$(BIN)/eventatlas serve --db $(DB) --host $(HOST) --port $(PORT)

serve: install
	$(BIN)/eventatlas serve --db $(DB) --host $(HOST) --port $(PORT)

test: install gazetteer
	$(BIN)/python -m pytest -q

eval: install gazetteer
	$(BIN)/python scripts/eval.py --shared $(SHARED)

bench: install gazetteer
	$(BIN)/python scripts/bench.py $(BENCH)

lint: install
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts || true

clean:
	rm -rf $(VENV) node_modules var $(DB) $(DB)-wal $(DB)-shm
