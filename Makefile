# Newsroom: `make run` serves the demo newsroom, `make test` runs lint and the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
BENCH_STAMP := $(VENV)/.bench-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint suite install migrate demo bench bench-million bench-tools faults browser validators quality clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# The local newsroom runs in development mode; production never sets DJANGO_DEBUG.
LOCAL := DJANGO_DEBUG=1

migrate: $(STAMP)
	$(LOCAL) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(LOCAL) $(BIN)/python manage.py load_demo

# The web server and one task worker (suggestions after every save); Ctrl-C stops both.
run: demo
	@echo "Serving the demo newsroom on http://$(HOST):$(PORT)/ (admin at /admin/). Ctrl-C stops."
	@$(LOCAL) $(BIN)/python manage.py db_worker --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(LOCAL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Browser tests drive Debian's Chromium (never a downloaded browser); install it when missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq \
		&& DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
		|| { echo "Browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; }

# The validators the page tests run: the Nu HTML checker (on Debian's Java) and axe-core, and
# Lighthouse for `make bench`, all from the npm registry at the versions package-lock.json
# pins; no downloaded Java or browser.
VALIDATORS := node_modules/.validators-stamp
$(VALIDATORS): package.json package-lock.json
	@{ command -v java >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; } \
		|| { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq default-jre-headless nodejs npm >/dev/null; } \
		|| { echo "The validators need Java and npm: sudo apt-get install default-jre-headless npm"; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $(VALIDATORS)

validators: $(VALIDATORS)

suite: $(STAMP) browser validators
	$(LOCAL) $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n 2

test: lint suite

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	@touch $(BENCH_STAMP)

# wrk drives the HTTP figures; redis-server serves the throttling and Redis fault figures.
bench-tools:
	@command -v wrk >/dev/null 2>&1 && command -v redis-server >/dev/null 2>&1 \
		|| { [ "$$(id -u)" = 0 ] && apt-get update -qq \
		&& DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk redis-server >/dev/null; } \
		|| { echo "The benchmarks need wrk and redis-server: sudo apt-get install wrk redis-server"; exit 1; }

# Lighthouse comes with the validators (package-lock.json) and drives Debian's Chromium.
bench: $(BENCH_STAMP) bench-tools browser validators
	$(LOCAL) $(BIN)/python -m benchmarks

# A million stories on PostgreSQL (not part of `make bench`; an hour or more on 2 cores): the
# scale part at that size, in a database made beside the one DATABASE_URL names.
bench-million: $(BENCH_STAMP) bench-tools
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; \
		*) echo "make bench-million needs DATABASE_URL naming PostgreSQL (the role needs CREATEDB)"; exit 1;; esac
	NEWSROOM_BENCH_STORIES=1000000 $(LOCAL) $(BIN)/python -m benchmarks scale

faults: $(BENCH_STAMP) bench-tools
	$(LOCAL) $(BIN)/python -m benchmarks faults

# The engine scored on real published stories; their texts are fetched into var/eval/texts/
# (never committed) and the scorer lists any that are missing, with how to fetch them.
quality: $(STAMP)
	$(BIN)/python -m engine.evaluation

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis test-output node_modules
