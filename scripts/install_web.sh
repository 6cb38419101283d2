#!/usr/bin/env bash
# The map page's front-end libraries (MapLibre GL JS), from the npm registry at install time, never a CDN at
# run time: `npm ci` from package.json and package-lock.json at the repository root into ./node_modules,
# which `frontlines serve` serves (src/frontlines/web). Idempotent: skipped while node_modules matches the
# lock file. Installs Node.js and npm with apt-get when they are missing and this runs as root.
# Called by scripts/install.sh and scripts/test.sh.
#
#   bash scripts/install_web.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
say() { printf '==> %s\n' "$*"; }

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "node or npm missing; installing nodejs and npm with apt-get"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm
  else
    echo "error: the map page needs Node.js and npm to install its libraries once:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y nodejs npm" >&2
    echo "then run this script again (frontlines itself runs without Node.js)." >&2
    exit 1
  fi
fi

stamp=node_modules/.frontlines-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f node_modules/maplibre-gl/dist/maplibre-gl.mjs ]; then
  exit 0
fi
say "installing the map's libraries with npm ci (package-lock.json)"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
say "installed: maplibre-gl $(node -p 'require("./node_modules/maplibre-gl/package.json").version')"
