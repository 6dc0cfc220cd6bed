# Finsam: the two set-up commands are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=finsam.test_settings
# Two workers on the 2-core machines CI runs on (pytest-xdist); PYTEST_ARGS=... overrides.
PYTEST_ARGS ?= -n auto

.PHONY: install demo test lint typecheck contracts migrations-check test-sqlite test-postgres lock \
	messages audit-deps chromium redis

# (Re)install when the lock file changes. uv is installed into the venv if missing.
$(VENV)/.installed: requirements.lock
	@test -x $(PY) || python3 -m venv $(VENV)
	@test -x $(UV) || $(PY) -m pip install --quiet uv
	$(UV) pip install --quiet --python $(PY) --require-hashes -r requirements.lock
	@touch $@

install: $(VENV)/.installed

demo: install
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py load_demo
	PY=$(PY) scripts/demo-server 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy .

# The layer contracts of pyproject.toml ([tool.importlinter]); docs/architecture.md.
contracts: install
	$(VENV)/bin/lint-imports --no-cache

migrations-check: install
	$(TEST_SETTINGS) DATABASE_URL=sqlite://:memory: $(PY) manage.py makemigrations --check --dry-run

# The browser tests (testing/browser.py) need the Debian Chromium, and the e-ID tests'
# SAML identity provider the xmlsec1 program: installed when missing (as root), otherwise
# the command stops with the exact install command.
chromium:
	scripts/ensure-chromium
	scripts/ensure-xmlsec1

# The shared-cache tests (testing/redis_server.py) start the Debian redis-server: installed
# when missing (as root), otherwise the command stops with the exact install command.
redis:
	scripts/ensure-redis

test-sqlite: install chromium redis
	$(PY) -m pytest $(PYTEST_ARGS)

test-postgres: install chromium redis
	scripts/with-postgres $(PY) -m pytest $(PYTEST_ARGS)

# Known vulnerabilities in the locked packages (pip-audit, no pip, no resolution). Fails on
# any finding; only when no vulnerability service is reachable does it warn and pass.
audit-deps: install
	$(PY) scripts/audit_deps.py $(VENV)/bin/pip-audit requirements.lock

test: lint typecheck contracts migrations-check audit-deps test-sqlite test-postgres

# Re-resolve dependencies after editing pyproject.toml (hash-pinned, no index URLs).
lock: install
	$(UV) pip compile pyproject.toml --group dev --generate-hashes --python-version 3.11 \
		--no-header --quiet -o requirements.lock
