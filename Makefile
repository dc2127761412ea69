# Termbook: `make site` builds the site into site/ (it installs only what building needs),
# `make test` installs everything the tests need (the browser included) and runs the whole
# suite. Both work on a fresh machine.

VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CHROMIUM := /usr/bin/chromium
CARD_FONT := /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
AXE     := node_modules/axe-core/axe.min.js
SCORM_AGAIN := node_modules/scorm-again/dist/scorm-again.js
IFRAME_WORKER := node_modules/iframe-worker/shim/index.js

export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check lint format generated bench fuzz browser fonts postgres bench-likes clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The test and benchmark tools (Playwright, Anki, Atheris, ruff, ...): never for a plain build.
$(TEST_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	touch $@

site: $(STAMP) $(CARD_FONT)  ## build the site into site/ (fails on any warning)
	$(BIN)/mkdocs build --strict --site-dir site

serve: $(STAMP) $(CARD_FONT)  ## preview at http://127.0.0.1:8000, rebuilding when a term or page changes
	$(BIN)/mkdocs serve

check: $(STAMP)  ## check every term file, warnings included
	$(BIN)/termbook check --strict

browser: $(CHROMIUM) $(AXE) $(SCORM_AGAIN) $(IFRAME_WORKER)  ## Chromium, axe-core, scorm-again (the LMS runtime) and iframe-worker for the browser tests

fonts: $(CARD_FONT)  ## DejaVu Sans, the font share cards are drawn with

$(CARD_FONT):
	$(SUDO) apt-get update
	$(SUDO) apt-get install -y --no-install-recommends fonts-dejavu-core

$(CHROMIUM):
	$(SUDO) apt-get update
	$(SUDO) apt-get install -y --no-install-recommends chromium

$(AXE) $(SCORM_AGAIN) $(IFRAME_WORKER) &: package.json
	npm install --no-audit --no-fund --silent
	touch $(AXE) $(SCORM_AGAIN) $(IFRAME_WORKER)

# PostgreSQL for the likes service's tests: the tests start their own server as an unprivileged
# user (tests/likesharness.py). apt-get waits for a dpkg lock another install may hold.
PG_INITDB := $(firstword $(wildcard /usr/lib/postgresql/*/bin/initdb))

postgres:  ## Debian's PostgreSQL for the likes service's tests
ifeq ($(PG_INITDB),)
	$(SUDO) apt-get -o DPkg::Lock::Timeout=600 update
	$(SUDO) apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends postgresql
endif

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(TEST_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

generated: $(STAMP)  ## rewrite what follows from the registries: term schema, docs' field and format tables
	$(BIN)/python -m termbook.cli.generated

test: $(TEST_STAMP) browser fonts postgres lint  ## install what the tests need and run the whole suite
	$(BIN)/pytest --durations=10

bench: $(TEST_STAMP) $(CARD_FONT)  ## benchmarks against a plain MkDocs build, measured in the same run
	$(BIN)/python benchmarks/bench_build.py --terms 2000 5000 --repeat $${BENCH_REPEAT:-3} --one-process
	$(BIN)/python benchmarks/bench_cards.py --terms 2000

bench-likes: $(TEST_STAMP) postgres  ## the likes service at 2,000 and 1,000,000 likes, SQLite and PostgreSQL, and the inflation one address gets
	$(BIN)/python benchmarks/bench_likes.py

fuzz: $(TEST_STAMP)  ## coverage-guided fuzzing of the term loader for FUZZ_SECONDS (tests/fuzz/README.md)
	mkdir -p .fuzz-corpus
	$(BIN)/python tests/fuzz/fuzz_loader.py -max_total_time=$${FUZZ_SECONDS:-60} \
	    -artifact_prefix=.fuzz-corpus/ .fuzz-corpus tests/fuzz/seeds

clean:
	rm -rf site .pytest_cache .hypothesis .fuzz-corpus
