#!/usr/bin/env bash
# Runs every prepcord benchmark and prints one performance table: each
# measured path, its p50 and p99, the floor measured in the same run, the
# ratio, the target and whether it was met. Takes about 8 minutes on 2 cores.
#
#   ./bench.sh           the table
#   ./bench.sh -json     the same figures as JSON
#   ./bench.sh -md       the table as Markdown
#   ./bench.sh -quick    a few iterations of each (a smoke test, about 4 minutes)
#   ./bench.sh -h        every option (go run ./internal/benchtable -h)
#
# The raw go test output, report.json and table.md are kept in bench-results/
# (re-tabulate with: go run ./internal/benchtable -in bench-results/raw.jsonl).
# Exit code 1 means something failed to run; a missed target is only shown.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
  export PATH="/usr/local/go/bin:$PATH"
fi
export CGO_ENABLED=1 # mattn/go-sqlite3
exec go run ./internal/benchtable -save bench-results "$@"
