# Two set-up commands: `make run` serves the site (gunicorn and the background
# worker, stopped together by one Ctrl-C), `make test` checks everything.
# `make check` is the quick inner loop: lint, the migrations check, the in-process tests.
# Each installs what it needs and skips what is already done.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# pyenv resolves `python3.13` through .python-version; fall back to its install dir.
PYTHON ?= $(shell command -v python3.13 2>/dev/null || ls $$HOME/.pyenv/versions/3.13*/bin/python3.13 2>/dev/null | tail -n1)
STATIC_SOURCES := $(shell find static -type f 2>/dev/null)

.PHONY: run test check lint bench clean screenshots

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.13 not found (install it, e.g. pyenv install 3.13)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

# A local secret key, made once and kept (ignored by git).
.secret_key:
	$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

staticfiles/staticfiles.json: $(VENV)/.installed $(STATIC_SOURCES)
	DJANGO_SECRET_KEY=collectstatic $(BIN)/python manage.py collectstatic --noinput -v 0

# The demo is in three languages (its de/ and ja/ translations load only for the
# languages configured): SITE_LANGUAGES=en serves the English site alone.
run: $(VENV)/.installed .secret_key staticfiles/staticfiles.json
	@export DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat .secret_key)}"; \
	export SITE_LANGUAGES="$${SITE_LANGUAGES:-en,de,ja}"; \
	$(BIN)/python manage.py migrate --noinput -v 0 && \
	$(BIN)/python manage.py load_demo && \
	$(BIN)/python manage.py ensure_admin || exit 1; \
	echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl-C stops the site and its worker)"; \
	$(BIN)/python manage.py run_worker --no-startup-delay & worker=$$!; \
	PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py & web=$$!; \
	trap 'kill -TERM $$web $$worker 2>/dev/null' INT TERM; \
	wait -n $$web $$worker; kill -TERM $$web $$worker 2>/dev/null; wait

# Test-only system tools, from Debian: Chromium for the browser tests, and the real
# servers the scale-out and fault tests start on loopback (PostgreSQL, Redis, nginx);
# gettext compiles the interface's catalogs, and Noto CJK draws Japanese, Chinese and
# Korean pages in the screenshots (without it they are boxes).
TEST_PACKAGES := chromium postgresql redis-server nginx-light gettext fonts-noto-cjk
.PHONY: system-packages
system-packages:
	@missing=$$(for p in $(TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# GNU gettext, for working on the interface's catalogs (locale/) only: makemessages
# needs xgettext, and the tests compile each .po with msgfmt to check its committed
# .mo. Serving needs neither: Python reads the committed .mo files itself.
.PHONY: gettext-tools
gettext-tools:
	@command -v msgfmt >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; }

# After changing a public string: gather the site's messages into locale/<lang>/
# (German and Japanese), translate the new entries, then compile and commit both the
# .po and the .mo. The admin and the tests are left out: editors work in English.
MESSAGE_LANGUAGES := de ja
.PHONY: messages
messages: $(VENV)/.installed gettext-tools
	DJANGO_SECRET_KEY=messages $(BIN)/python manage.py makemessages $(MESSAGE_LANGUAGES:%=-l %) \
	  --no-obsolete --add-location=file --ignore=.venv --ignore=node_modules --ignore=staticfiles \
	  --ignore=templates/admin --ignore=bench --ignore=docs --ignore='*/tests/*' --ignore=glossary_site/testing
	DJANGO_SECRET_KEY=messages $(BIN)/python manage.py compilemessages \
	  --ignore=.venv --ignore=node_modules --ignore=staticfiles

node_modules/vnu-jar/build/dist/vnu.jar: package.json package-lock.json
	command -v java >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# ruff, then import-linter's contracts (pyproject.toml): the core's layers and the
# apps' independence.
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

# DB=sqlite (default): SQLite and the local-memory cache.
# DB=postgres: a private PostgreSQL cluster and Redis server on loopback, started
# here by .ci/services and stopped when the tests end, pass or fail.
DB ?= sqlite
# Soak tests (marked slow) take minutes: `make test` leaves them out, .ci/run runs
# them with PYTEST_MARKERS= (empty: every test). They then run after the rest, in one
# process with nothing beside them: a soak measures the site under its own load, and
# other test processes on the same cores made the editor it times wait its turn.
# Lighthouse (marked alone) runs after the rest in every mode, for the same reason:
# its performance score is computed from how long the page's work took here. Exit
# status 5 (nothing selected, e.g. PYTEST_ARGS names one module) is not a failure.
PYTEST_MARKERS ?= not slow
# Tests run in parallel processes (pytest-xdist): most of the suite's time is spent
# waiting on servers and Chromium, so more processes than cores still help.
# --dist loadgroup uses glossary_site/testing/parallel.py's scheduler: a module runs
# whole on one process (so its server or data is made once) unless it has a test with
# a transactional database, longest first by the last run's times (.pytest_cache).
# PYTEST_WORKERS=0 runs everything in this one process.
PYTEST_WORKERS ?= 3
XDIST = -n $(PYTEST_WORKERS) --dist loadgroup
test: $(VENV)/.dev-installed system-packages node_modules/vnu-jar/build/dist/vnu.jar staticfiles/staticfiles.json lint
	@set -e; export DJANGO_SECRET_KEY=test-only-secret; \
	case "$(DB)" in \
	  sqlite) unset DATABASE_URL REDIS_URL ;; \
	  postgres) eval "$$(.ci/services start)"; trap '.ci/services stop' EXIT ;; \
	  *) echo "DB must be sqlite or postgres, not $(DB)"; exit 2 ;; \
	esac; \
	echo "== tests on $(DB) =="; \
	$(BIN)/python manage.py makemigrations --check --dry-run; \
	$(BIN)/python manage.py migrate --plan > /dev/null; \
	if [ -z "$(PYTEST_MARKERS)" ]; then \
	  $(BIN)/pytest $(XDIST) -m "not slow and not alone" $(PYTEST_ARGS); \
	  echo "== Lighthouse and soak tests on $(DB), alone =="; \
	  $(BIN)/pytest -m "slow or alone" $(PYTEST_ARGS) || [ $$? -eq 5 ]; \
	else \
	  $(BIN)/pytest $(XDIST) -m "($(PYTEST_MARKERS)) and not alone" $(PYTEST_ARGS); \
	  echo "== Lighthouse on $(DB), alone =="; \
	  $(BIN)/pytest -m "($(PYTEST_MARKERS)) and alone" $(PYTEST_ARGS) || [ $$? -eq 5 ]; \
	fi

# The inner loop, in a few minutes: lint, the migrations check and the in-process
# tests on SQLite (no browser, no real servers, no soak), one process per core as
# they keep the CPU busy. CI runs `make test`.
QUICK_MARKERS := not browser and not servers and not slow
CHECK_WORKERS ?= 2
check: lint gettext-tools staticfiles/staticfiles.json
	@set -e; export DJANGO_SECRET_KEY=test-only-secret; unset DATABASE_URL REDIS_URL; \
	$(BIN)/python manage.py makemigrations --check --dry-run; \
	$(BIN)/pytest -q -n $(CHECK_WORKERS) --dist loadgroup -m "$(QUICK_MARKERS)" $(PYTEST_ARGS)

# After an intended change of the look: take the screenshot baselines again
# (glossary_site/tests/screenshots/), then look at them and commit them.
screenshots: $(VENV)/.dev-installed system-packages staticfiles/staticfiles.json
	DJANGO_SECRET_KEY=test-only-secret UPDATE_SCREENSHOTS=1 $(BIN)/pytest -q \
	  glossary_site/tests/test_appearance.py -k "baseline" $(PYTEST_ARGS)

# Benchmarks (not tests): wrk against gunicorn on loopback, and in-process timings.
bench: $(VENV)/.dev-installed
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
	$(BIN)/python bench/run.py $(BENCH_ARGS)
	$(BIN)/python bench/linker.py

clean:
	rm -rf $(VENV) staticfiles node_modules .pytest_cache .ruff_cache
