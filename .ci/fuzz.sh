#!/usr/bin/env bash
# Runs every Go fuzz target of the module for a bounded number of
# executions each (FUZZTIME, default 20000x), after its checked-in seed corpus
# (testdata/fuzz/<Target>/). Any crash fails CI; the failing input is
# written under testdata/fuzz/<Target>/ by go test, ready to check in as a
# regression seed. Prints the executions reached per target and in total.
#
# The budget is a count, not a duration: with a duration, Go 1.26's fuzz
# coordinator can report a bare "context deadline exceeded" failure when the
# deadline fires while a worker is mid-input on a loaded machine (a race in
# the coordinator, go.dev/issue/75804, fixed in Go 1.27), failing CI with no
# crashing input. A count has no deadline to race. FUZZTIME=10s still works.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME="${FUZZTIME:-20000x}"
export CGO_ENABLED=1

total=0
targets=0
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# Every "func FuzzXxx(f *testing.F)" in a _test.go file, with its package dir.
while IFS=: read -r file name; do
  dir="./$(dirname "$file")"
  printf '%-40s %-28s ' "$dir" "$name"
  if ! go test "$dir" -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME" -fuzzminimizetime 10s -parallel 2 >"$log" 2>&1; then
    echo "FAILED"
    cat "$log"
    exit 1
  fi
  execs="$(sed -n 's/.*execs: \([0-9]*\).*/\1/p' "$log" | tail -1)"
  execs="${execs:-0}"
  echo "$execs execs"
  total=$((total + execs))
  targets=$((targets + 1))
done < <(grep -rhoE --include='*_test.go' '^func Fuzz[A-Za-z0-9_]+\(f \*testing\.F\)' --with-filename . \
  | sed -E 's/^\.\/(.*):func (Fuzz[A-Za-z0-9_]+).*/\1:\2/' | sort)

echo "fuzz: $targets targets, $total executions in all, $FUZZTIME each"
