#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests (and benchmarks): the store tests run against SQLite and against
# the server whose URL is in FRONTLINES_TEST_PG (tests/conftest.py). scripts/test.sh calls this.
#
#   url=$(bash scripts/pg_cluster.sh start DIR)   # install PostgreSQL if missing (apt-get, as root), initdb into
#                                                 # DIR/data, start on a free port of 127.0.0.1, print the URL
#   bash scripts/pg_cluster.sh stop DIR           # stop it and remove DIR
#
# DIR must not exist or be empty. As root, the server runs as the `postgres` user (PostgreSQL refuses root),
# which the Debian package creates. The cluster is for tests: fsync is off (FRONTLINES_PG_DURABLE=1 keeps it on,
# for benchmarks), authentication is `trust` on 127.0.0.1 and a socket in DIR only. Idempotent: installing is
# skipped when PostgreSQL is there, and `stop` of a stopped or missing cluster does nothing.
set -euo pipefail

say() { printf '==> %s\n' "$*" >&2; }

bindir() {
  # The newest installed server's programs (Debian keeps them in /usr/lib/postgresql/N/bin, off the PATH).
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$found" ] && [ -x "$found/initdb" ]; then
    echo "$found"
  elif command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  fi
}

install_postgresql() {
  if [ -n "$(bindir)" ]; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "PostgreSQL is not installed and this script cannot install it (needs root and apt-get):"
    say "    sudo apt-get install -y postgresql"
    return 1
  fi
  say "installing PostgreSQL (apt-get install -y postgresql)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  [ -n "$(bindir)" ]
}

as_owner() {
  # Run a server program as the cluster's owner: `postgres` when we are root, else ourselves.
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  local dir="$1" bin port fsync
  install_postgresql
  bin="$(bindir)"
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { say "no postgres user to run the server as"; return 1; }
    chown postgres: "$dir"
  fi
  as_owner "$bin/initdb" --pgdata="$dir/data" --username=frontlines --auth=trust --encoding=UTF8 \
    --no-locale --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
  fsync=off
  if [ "${FRONTLINES_PG_DURABLE:-0}" = "1" ]; then fsync=on; fi
  for attempt in 1 2 3; do
    port="$(free_port)"
    if as_owner "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=$fsync \
          -c full_page_writes=$fsync -c max_connections=200" start >/dev/null; then
      echo "$port" >"$dir/port"
      as_owner "$bin/createdb" --host=127.0.0.1 --port="$port" --username=frontlines frontlines
      echo "postgresql://frontlines@127.0.0.1:$port/frontlines"
      return 0
    fi
    say "the server did not start on port $port (attempt $attempt):"
    tail -n 5 "$dir/server.log" >&2 || true
  done
  return 1
}

stop() {
  local dir="$1" bin
  bin="$(bindir)"
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --wait stop >/dev/null || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:?usage: pg_cluster.sh start DIR}" ;;
  stop) stop "${2:?usage: pg_cluster.sh stop DIR}" ;;
  *)
    echo "usage: bash scripts/pg_cluster.sh start DIR | stop DIR" >&2
    exit 2
    ;;
esac
