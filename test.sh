#!/usr/bin/env bash
# Installs every test prerequisite this machine lacks, builds, runs every test project, and ends with
# one line "N passed, N failed" (the totals of all test projects).
set -euo pipefail
cd "$(dirname "$0")"

# npm packages the tests drive (acorn, test262-parser-tests, eslint-scope, the corpus, ses, ...),
# always from the committed lock files.
for dir in tests runtime-js tests/LavaMoat.Bundler.Tests/js tests/apps/realworld samples/markdown-notes; do
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

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build LavaMoat.Bundler.sln -c Release --nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }
set +e
dotnet test LavaMoat.Bundler.sln -c Release --no-build --nologo --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Each test project prints one summary line: "Passed!  - Failed: 0, Passed: 230, Skipped: 0, Total: 230, ...".
passed=0
failed=0
projects=0
while read -r p f; do
  passed=$((passed + p))
  failed=$((failed + f))
  projects=$((projects + 1))
done < <(sed -n 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\),.*/\2 \1/p' "$log")
expected=$(find tests -name '*.Tests.csproj' | wc -l)
if [ "$projects" -ne "$expected" ] && [ "$failed" -eq 0 ]; then
  echo "only $projects of $expected test projects reported results (a test host crashed?)" >&2
  failed=1
  status=1
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the run failed outside a test (build, crash, timeout): never report it as clean
fi
echo "$passed passed, $failed failed"
exit "$status"
