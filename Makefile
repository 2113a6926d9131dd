# Tienda Virtual: `make demo` runs the store, `make test` runs the suite. Both need only
# Python 3.11+ and make: they create .venv and install what they need.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Test processes: one per core by default (`TEST_WORKERS=0 make test` runs in one process).
TEST_WORKERS ?= auto
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.DEFAULT_GOAL := help
.PHONY: help demo test lint security format messages makemessages schema migrate clean bench bench-full

# Load runs (bench/README.md): PostgreSQL, gunicorn and wrk on loopback. BENCH_ARGS adds options,
# e.g. BENCH_ARGS="--duration 5 --only GraphQL".
BENCH_DATABASE ?= postgres://postgres@127.0.0.1:5432
BENCH_REDIS_URL ?=
BENCH_PORT ?= 8102
BENCH_ARGS ?=

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/\$$(PORT)/$(PORT)/g' | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Tienda Virtual needs Python 3.11 or newer (set PYTHON=python3.x)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed

messages: $(VENV)/.installed ## Compile the translation catalogues (locale/*/LC_MESSAGES/*.po)
	@$(BIN)/pybabel -q compile -d locale -D django

# Links in the demo's emails (activation, password reset) point at the port it serves on.
demo: export SITE_URL ?= http://127.0.0.1:$(PORT)
demo: export PORT := $(PORT)
demo: $(VENV)/.installed messages ## Create .venv, migrate, seed demo data and serve on 127.0.0.1:$(PORT)
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py seed_demo
	@# A demo seeded before product photos had every width gets the missing ones (once).
	$(BIN)/python manage.py product_renditions_fill
	@# The scheduled jobs (outbox sweeper, cart purge, search check) run beside the server and
	@# stop with it.
	$(BIN)/python manage.py run_jobs & jobs=$$!; \
		trap 'kill $$jobs 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed-dev messages ## Run the whole suite (SQLite, or DATABASE_URL when set)
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

lint: $(VENV)/.installed-dev ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Bandit reads its skipped rules, each with its reason, from pyproject.toml.
SECURITY_PACKAGES := marketplace vendors catalog orders search frontend_templates

security: $(VENV)/.installed-dev ## Static security analysis (bandit) and a dependency audit (pip-audit)
	$(BIN)/bandit -q -c pyproject.toml -r $(SECURITY_PACKAGES)
	$(BIN)/python .ci/dependency_audit.py

format: $(VENV)/.installed-dev ## Apply ruff fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

makemessages: $(VENV)/.installed ## Extract UI strings into locale/en (needs gettext)
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=var --no-obsolete

schema: $(VENV)/.installed ## Export the GraphQL schema to schema.graphql
	$(BIN)/python manage.py export_schema

migrate: $(VENV)/.installed ## Apply database migrations
	$(BIN)/python manage.py migrate

bench: $(VENV)/.installed messages ## Load run at 10,000 listings (seeds tienda_bench_10k once; a few minutes)
	$(BIN)/python -m bench run --listings 10000 --duration 5 \
		--database-url $(BENCH_DATABASE)/tienda_bench_10k --redis-url "$(BENCH_REDIS_URL)" \
		--port $(BENCH_PORT) $(BENCH_ARGS)

bench-full: $(VENV)/.installed messages ## Load run at 100,000 listings and 1,000 vendors (seeds tienda_bench once)
	$(BIN)/python -m bench run --listings 100000 --vendors 1000 --duration 10 \
		--database-url $(BENCH_DATABASE)/tienda_bench --redis-url "$(BENCH_REDIS_URL)" \
		--port $(BENCH_PORT) --label 100k $(BENCH_ARGS)

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var
