#!/usr/bin/env bash
# Runs every test (real PostgreSQL and Orleans processes, started by the tests themselves) and
# ends with one line "N passed, N failed[, N skipped]" counted from the test results files (one per test project).
#   ./scripts/test.sh --fast   only the fast tier, tests/OrleansRemarks.UnitTests: pure logic and the
#                              web front's HTTP contract in process; no PostgreSQL, no process started.
# Any other argument is passed to dotnet test (e.g. --filter "FullyQualifiedName~Callback").
set -euo pipefail
cd "$(dirname "$0")/.."

target="OrleansRemarks.sln"
if [ "${1:-}" = "--fast" ]; then
  target="tests/OrleansRemarks.UnitTests/OrleansRemarks.UnitTests.csproj"
  shift
fi

results_dir="TestResults"
rm -rf "$results_dir"

status=0
dotnet test "$target" -c Release \
  --logger "trx;LogFilePrefix=results" \
  --logger "console;verbosity=normal" \
  --results-directory "$results_dir" "$@" || status=$?

passed=0 failed=0 skipped=0
while IFS= read -r trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  total=$(attr total) executed=$(attr executed) ok=$(attr passed)
  passed=$((passed + ok))
  failed=$((failed + executed - ok))
  skipped=$((skipped + total - executed))
done < <(find "$results_dir" -name '*.trx')

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The run broke before or outside a test (build error, crashed host): count it as a failure.
  failed=1
fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
exit "$status"
