# Two commands on a fresh machine: `make run` (the archive with sample data) and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# DEBUG is off unless set (archive/settings.py); these targets are the development workflow, so
# they ask for it. A deployment sets DEBUG=false (docker-compose.yml); `make run DEBUG=false` too.
DEBUG ?= true
export DEBUG

.PHONY: run test install install-dev browser lint migrations-check bench bench-import backup restore loadtest clean-db

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

## run: migrate, import the sample archive (idempotent), serve on http://$(HOST):$(PORT)
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py import_articles sample_data
	@echo
	@echo "Admin: http://$(HOST):$(PORT)/admin/  (create a user with: $(PY) manage.py createsuperuser)"
	@echo
	$(PY) manage.py runserver $(HOST):$(PORT)

## test: the whole suite on real PostgreSQL (embedded unless DATABASE_URL is set) and Chromium
test: install-dev browser
	$(PY) -m ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

## bench: page p50/p95 and SQL queries per page (bench/pages.py). BENCH_ENTRIES=N first replaces the
## synthetic data with N generated entries; point DATABASE_URL at a separate database for big sizes.
## BENCH_SERVER=debian runs it all on Debian's PostgreSQL (bench/pgserver.py: started on loopback,
## data in a temporary folder, or kept in BENCH_PGDATA=dir to reuse a generated archive).
BENCH_ENTRIES ?=
BENCH_REPEAT ?= 7
BENCH_SERVER ?= embedded
BENCH_PGDATA ?=
bench: install
ifeq ($(BENCH_SERVER),debian)
	@sh scripts/ensure_postgresql.sh
	$(PY) bench/pgserver.py $(if $(BENCH_PGDATA),--data $(BENCH_PGDATA)) -- $(MAKE) --no-print-directory bench BENCH_SERVER=embedded
else
	@if [ -n "$(BENCH_ENTRIES)" ]; then \
		$(PY) manage.py migrate --noinput -v0 && $(PY) manage.py generate_archive --clear --entries $(BENCH_ENTRIES); fi
	$(PY) bench/pages.py --repeat $(BENCH_REPEAT) $(BENCH_ARGS)
endif

## bench-import: import throughput (articles/s) with and without extraction over generated files
bench-import: install
	$(PY) bench/imports.py $(BENCH_ARGS)

browser:
	@sh scripts/ensure_chromium.sh

lint: install-dev
	$(PY) -m ruff check .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

## backup: pg_dump -Fc of the configured database to backups/ (or FILE=path.dump)
backup: install
	$(PY) manage.py archive_backup $(if $(FILE),--output $(FILE))

## restore: replace the configured database with FILE=path.dump (asks first; NOINPUT=1 does not)
restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/archive-....dump"; exit 2; }
	$(PY) manage.py archive_restore $(FILE) $(if $(NOINPUT),--noinput)

## loadtest: 50 clients for 60 s against gunicorn on 127.0.0.1 (see bench/loadtest.sh)
loadtest: install
	sh bench/loadtest.sh
