# The whole set-up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PORT ?= 8001

.PHONY: install serve test clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

install: $(INSTALLED)

# Rebuilt when the seeds, the code, its rules or the schema change.
archive.db: $(INSTALLED) schema.sql $(wildcard seeds/*.txt) $(wildcard ingest/*.py) $(wildcard ingest/data/*)
	rm -f $@.tmp $@.tmp-wal $@.tmp-shm
	$(BIN)/ingest add --quiet $@.tmp seeds
	mv $@.tmp $@

serve: archive.db
	$(BIN)/datasette serve --immutable archive.db --metadata metadata.yml \
		--host 127.0.0.1 --port $(PORT) --setting sql_time_limit_ms 1000

test: $(INSTALLED)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) archive.db archive.db.tmp
