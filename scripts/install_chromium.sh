#!/usr/bin/env bash
# Debian's Chromium for the browser tests (tests/test_web_browser.py) and the README's screenshot
# (scripts/screenshot_map.py). Playwright drives this system browser; no browser is ever downloaded.
# Idempotent: does nothing when the browser is there. Called by scripts/test.sh.
#
#   bash scripts/install_chromium.sh
set -euo pipefail

CHROMIUM="${FRONTLINES_CHROMIUM:-/usr/bin/chromium}"
say() { printf '==> %s\n' "$*"; }

if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  say "installing Debian's chromium with apt-get (the browser tests drive it)"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-dejavu-core
else
  echo "error: $CHROMIUM is missing; the browser tests need Debian's Chromium:" >&2
  echo "    sudo apt-get update && sudo apt-get install -y chromium" >&2
  echo "(or set FRONTLINES_SKIP_BROWSER=1 to leave the browser tests out, on purpose)" >&2
  exit 1
fi
[ -x "$CHROMIUM" ] || { echo "error: apt-get installed chromium but $CHROMIUM is not there" >&2; exit 1; }
say "installed: $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
