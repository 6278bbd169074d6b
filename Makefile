# 国合基地门户 — the two commands a newcomer needs are `make run` and `make test`.
SHELL := bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEMO_PASSWORD ?= portal-demo
export DEMO_PASSWORD
# Progress shows as it happens, also when the output goes to a file (CI's log).
export PYTHONUNBUFFERED := 1

.PHONY: run test test-browser bench lint format install migrate demo clean messages

# Re-install whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	@echo "==> 1/3 安装依赖到 $(VENV)（首次约 1–3 分钟）"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	set -o pipefail; $(PY) -m pip install --progress-bar off -e ".[test,dev]" \
		| sed -n -E '/^(Collecting|Installing|Successfully)/p'
	touch $@

# axe-core for the browser tests' accessibility checks, from the npm registry (package-lock.json).
AXE := tests/browser/axe/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/axe/package-lock.json
	@echo "==> 安装浏览器测试用的 axe-core（npm）"
	npm ci --prefix tests/browser/axe --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed

# The English catalogues (portal/, bases/, news/, alliance/ locale/en): compile after editing a
# .po; the .mo files are committed (tests/portal/test_english_edition.py checks they match).
messages:
	for po in */locale/*/LC_MESSAGES/*.po; do msgfmt --check -o "$${po%.po}.mo" "$$po"; done

migrate: install
	@echo "==> 2/3 迁移数据库（首次约 20 秒）"
	$(PY) manage.py migrate --noinput

demo: migrate
	@echo "==> 3/3 加载演示内容（首次约 1 分钟）"
	$(PY) manage.py load_demo_content

run: demo
	@echo "门户运行于 http://127.0.0.1:$(PORT)/ ，后台 http://127.0.0.1:$(PORT)/admin/"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Two processes (pytest-xdist) by default; TEST_WORKERS=0 runs in one, e.g. to debug.
TEST_WORKERS ?= 2

test: install $(AXE)
	$(VENV)/bin/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

test-browser: install $(AXE)
	$(VENV)/bin/pytest -m browser $(PYTEST_ARGS)

# The public pages under gunicorn and wrk, beside a trivial view and a bare Wagtail page; writes
# bench/RESULTS.md (about an hour). BENCH_SECONDS=3 for a quick run; BENCH_DATABASE_URL and
# REDIS_URL add PostgreSQL and Redis (bench/run.py). Never part of `make test`.
bench: install
	$(PY) bench/run.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles var tests/browser/axe/node_modules
