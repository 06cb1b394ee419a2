# The two commands of the README contract: `make run` and `make test`.
# Everything they need is set up here, from a fresh clone, with nothing installed by hand.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BL := $(BIN)/borderless
# GraphiQL's React and GraphiQL files (npm, pinned and sha512-checked), served by the API itself.
GRAPHIQL := .borderless/graphiql/.complete

# Tests run against their own Neo4j (own folder and ports), so a shop started by `make run` is never touched.
TEST_ENV := BORDERLESS_STATE_DIR=$(CURDIR)/.borderless/test BORDERLESS_BOLT_PORT=7688 BORDERLESS_HTTP_PORT=7475 BORDERLESS_NEO4J_HEAP=1g

# Each step of `make run` is timed; the table is printed before the server starts (one run id per make call).
RUN_ID := $(shell date +%s%N)
STEP := $(PYTHON) scripts/step_times.py --file .borderless/make-run-steps.tsv --run-id $(RUN_ID)

DEMO_PRODUCTS ?= 5000
DEMO_SEED ?= 7

.PHONY: run test lint setup neo4j shop train serve browser clean stop graphiql espeak

setup: $(STAMP) graphiql espeak

# The pins of requirements.lock, the project (editable, test and speech extras) and gbstats
# (--no-deps): installed by uv (pinned in scripts/install_venv.py, seconds from its cache) when it
# can be had, else by pip (minutes); uv uses the index and certificate pip is configured with.
$(STAMP): pyproject.toml requirements.lock scripts/install_venv.py
	$(STEP) run "venv" -- $(PYTHON) -m venv $(VENV)
	$(STEP) run "install" -- $(PYTHON) scripts/install_venv.py $(VENV)
	touch $(STAMP)

# /voice/speak's voices for every language (Debian's espeak-ng; Piper, pip-installed above, speaks
# English). Installed where we may (root with apt-get); otherwise say what is missing and go on.
espeak:
	@command -v espeak-ng >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	  && { apt-get install -y -qq espeak-ng >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq espeak-ng >/dev/null; }; }; } \
	  || echo "espeak-ng is not installed (apt-get install espeak-ng): /voice/speak speaks English only, and its tests for other languages are skipped"

# Without npm the API still serves; its GraphiQL page then says how to fetch the files.
graphiql: $(GRAPHIQL)

$(GRAPHIQL): api/graphiql_assets.py
	@($(PYTHON) -m api.graphiql_assets && touch $@) || echo "GraphiQL's files were not fetched: the API serves, GraphiQL will say what is missing"

neo4j: setup
	$(STEP) run "db start" -- $(BL) db start
	$(STEP) run "db schema" -- $(BL) db schema

# The text index is not a step before serving: `serve --text-index` builds it in the background
# (minutes of CPU for the demo's products; resumable), /readyz says how far, search says what is missing.
shop: neo4j
	$(STEP) run "load taxonomy" -- $(BL) load taxonomy
	$(STEP) run "load demo" -- $(BL) load demo --products $(DEMO_PRODUCTS) --seed $(DEMO_SEED)

train: shop
	$(STEP) run "refresh (train)" -- $(BL) refresh

# Development mode: generated JWT secret and API keys (.borderless/api/dev-secrets.json, mode 600)
# for what the environment leaves unset, so every part of the API can be tried at once.
run: train
	@echo
	@$(STEP) report
	@echo
	@echo "Neo4j Browser:  http://127.0.0.1:$${BORDERLESS_HTTP_PORT:-7474}/browser/  (user neo4j, password in .borderless/neo4j/password)"
	@echo "GraphQL (GraphiQL): http://127.0.0.1:$${BORDERLESS_PORT:-8000}/graphql"
	@echo "Headers for GraphiQL: .venv/bin/borderless token --shopper demo-shopper-0  (shopper), .venv/bin/borderless key  (staff)"
	@echo "Text index: built in the background from now on; http://127.0.0.1:$${BORDERLESS_PORT:-8000}/readyz says textIndex: building N/M, then ready"
	$(BL) serve --dev --text-index

serve: setup
	$(BL) serve --dev

# Debian's Chromium for the catalog-manager browser test (no browser download by test tools).
browser:
	@sh scripts/install-chromium.sh >/dev/null || echo "could not install chromium: the browser test will be skipped"

# Lint and types first (settings in pyproject.toml): a lint or type error fails `make test`.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

test: setup browser lint
	$(TEST_ENV) $(BIN)/python -m pytest; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

stop:
	-$(BL) db stop
	-$(TEST_ENV) $(BL) db stop

clean: stop
	rm -rf .borderless $(VENV)
