#!/usr/bin/env bash
# Quick start, step 1: install frontlines into ./.venv and run it on the bundled demo corpus.
#
#   bash scripts/quickstart.sh
#
# Writes out/demo.db (the database) and out/events.jsonl (the extracted events, one JSON object a line; the
# fields are documented in docs/output-contract.md). Running it again is safe: documents already stored are
# skipped ("0 new") and events already extracted by this pipeline version are kept.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install.sh

mkdir -p out
export COLUMNS="${COLUMNS:-160}"  # a readable table when the output is not a terminal
echo "==> frontlines --db out/demo.db extract demo/corpus --format table --out out/events.jsonl"
.venv/bin/frontlines --db out/demo.db extract demo/corpus --format table --out out/events.jsonl
echo "==> frontlines --db out/demo.db stats"
.venv/bin/frontlines --db out/demo.db stats

n_events=$(wc -l < out/events.jsonl | tr -d ' ')
cat <<SUMMARY

Done. frontlines read the demo corpus (demo/corpus) and wrote:
  out/demo.db         the database: documents, ingest problems, events ($n_events events)
  out/events.jsonl    the events, one JSON object a line (fields: docs/output-contract.md)

Next:
  .venv/bin/frontlines --db out/demo.db errors          why inputs were refused or flagged
  .venv/bin/frontlines --db out/demo.db events -f csv   the events as CSV
  .venv/bin/frontlines --help                           every command, each with an example (docs/cli.md)
  bash scripts/test.sh                                  lint, type-check and the test suite
SUMMARY
