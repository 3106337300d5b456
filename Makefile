# The whole set-up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PORT ?= 8001

.PHONY: install browser serve test clean
# apt-get needs root; CI and the dev machines run as root, elsewhere sudo asks.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

install: $(INSTALLED)

# Debian's Chromium and ChromeDriver (a test tool's own browser download cannot work here) and a
# CJK font so screenshots show Chinese, for the browser tests. Installed once, then a no-op.
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! fc-list 2>/dev/null | grep -qi zenhei; then \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-wqy-zenhei; \
	fi

# Rebuilt when the seeds, the code, its rules or the schema change.
archive.db: $(INSTALLED) schema.sql $(wildcard seeds/*.txt) $(wildcard ingest/*.py) $(wildcard ingest/data/*)
	rm -f $@.tmp $@.tmp-wal $@.tmp-shm
	$(BIN)/ingest add --quiet $@.tmp seeds
	mv $@.tmp $@

serve: archive.db
	$(BIN)/datasette serve --immutable archive.db --metadata metadata.yml \
		--host 127.0.0.1 --port $(PORT) \
		--setting sql_time_limit_ms 1000 --setting suggest_facets off

test: $(INSTALLED) browser
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) archive.db archive.db.tmp
