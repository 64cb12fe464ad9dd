#!/usr/bin/env bash
# Installs every test prerequisite this machine lacks, builds, runs every test project, and ends with
# one line "N passed, N failed" (the totals of all test projects).
set -euo pipefail
cd "$(dirname "$0")"

# npm packages the tests drive (acorn, test262-parser-tests, eslint-scope, the corpus, ses, ...),
# always from the committed lock files.
for dir in tests runtime-js tests/LavaMoat.Bundler.Tests/js; do
  if [ -f "$dir/package-lock.json" ]; then
    echo "npm ci in $dir"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
done

# Debian's Chromium for the browser tests; never a downloaded browser.
if [ -d tests/LavaMoat.Bundler.Tests ] && [ ! -x /usr/lib/chromium/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null
  fi
fi

results=artifacts/test-results
rm -rf "$results"
status=0
dotnet build LavaMoat.Bundler.sln -c Release --nologo -v quiet || exit 1
dotnet test LavaMoat.Bundler.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the run failed outside a test (build, crash, timeout): never report it as clean
fi
echo "$passed passed, $failed failed"
exit "$status"
