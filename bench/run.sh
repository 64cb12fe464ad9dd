#!/usr/bin/env bash
# The benchmark suite (issue 6): builds the bench apps with our CLI, our MSBuild task (`dotnet build` of a web
# project, cold and no-op) and the anchors (esbuild, webpack, @lavamoat/webpack, browserify, lavamoat-browserify),
# loads the bundles in Chromium, compares our parser with acorn, and rewrites bench/README.md with the figures.
# See bench/README.md for the method.
#
#   bench/run.sh
#   BENCH_RUNS=5 BENCH_LOADS=15 BENCH_PARSE_PAIRS=5 bench/run.sh    # more samples
#
# Defaults (3 measured build rounds after a warm-up, 9 page loads, 3 parse pairs) take about 15 minutes on a
# 2-core machine. BENCH_WORK=<dir> keeps the work folder (app copies, outputs, raw results) for inspection.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${BENCH_RUNS:-3}
loads=${BENCH_LOADS:-9}
pairs=${BENCH_PARSE_PAIRS:-3}
cd "$root"
started=$(date +%s)
load_before=$(uptime)

echo "== installing pinned anchors and the real app's packages" >&2
npm ci --prefix bench --no-audit --no-fund --loglevel=error >/dev/null
[ -f tests/apps/realworld/node_modules/react/package.json ] \
  || npm ci --prefix tests/apps/realworld --no-audit --no-fund --loglevel=error >/dev/null

echo "== building our CLI and the bench programs (Release)" >&2
out=artifacts/bench
# Published as the linux-x64 tool package ships it: self-contained, trimmed, one composite ReadyToRun image (the
# tool project's linux-x64 properties), started by its own executable.
rm -rf "$out/tool"
dotnet publish src/LavaMoat.Bundler.Tool -c Release -r linux-x64 --nologo -v quiet -o "$out/tool" >/dev/null
# The task as its package ships it: tasks/net10.0/ of the packed package (the task, the ReadyToRun pipeline
# assemblies, the .deps.json).
rm -rf "$out/msbuild" "$out/msbuild-package"
dotnet pack src/LavaMoat.Bundler.MSBuild -c Release --nologo -v quiet -o "$out/msbuild-package" >/dev/null
python3 - "$out"/msbuild-package/LavaMoat.Bundler.MSBuild.*.nupkg "$out/msbuild" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as package:
    for name in package.namelist():
        if name.startswith('tasks/net10.0/') and not name.endswith('/'):
            target = os.path.join(sys.argv[2], name[len('tasks/net10.0/'):])
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, 'wb') as out:
                out.write(package.read(name))
PY
dotnet build bench/ParseBench -c Release --nologo -v quiet -o "$out/ParseBench" >/dev/null
dotnet build bench/startup -c Release --nologo -v quiet -o "$out/startup" >/dev/null

if [ -n "${BENCH_WORK:-}" ]; then
  work=$BENCH_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

echo "== builds ($runs rounds after a warm-up)" >&2
node bench/measure.mjs --work "$work" --tool "$root/$out/tool/lavamoat-bundle" \
  --task "$root/$out/msbuild/LavaMoat.Bundler.MSBuild.dll" --runs "$runs" --out "$work/builds.json"

echo "== parse throughput ($pairs pairs)" >&2
: >"$work/acorn.jsonl"
: >"$work/ours.jsonl"
meta="$work/out/realworld/esbuild/app.js.meta.json"
if [ -f "$meta" ]; then
  for _ in $(seq 1 "$pairs"); do
    node bench/parse/acorn-app.mjs "$work/apps/realworld-esbuild" "$meta" "$work/files.txt" 3 >>"$work/acorn.jsonl"
    dotnet "$out/ParseBench/ParseBench.dll" "$work/files.txt" 3 >>"$work/ours.jsonl"
  done
fi

echo "== page start-up ($loads loads)" >&2
pages=()
add_page() { [ -s "$work/out/$2" ] && pages+=("$1=$work/out/$2") || echo "no bundle for $1" >&2; }
add_page realworld:ours realworld/ours/app.js
add_page realworld:esbuild realworld/esbuild/app.js
add_page realworld:webpack realworld/webpack/main.js
add_page realworld:lavamoat-webpack realworld/lavamoat-webpack/main.js
add_page realworld:browserify realworld/browserify/app.js
add_page realworld:lavamoat-browserify realworld/lavamoat-browserify/app.js
add_page cjs-app:ours cjs-app/ours/app.js
add_page cjs-app:esbuild cjs-app/esbuild/app.js
add_page cjs-app:browserify cjs-app/browserify/app.js
add_page cjs-app:lavamoat-browserify cjs-app/lavamoat-browserify/app.js
add_page cjs-app:webpack cjs-app/webpack/main.js
add_page cjs-app:lavamoat-webpack cjs-app/lavamoat-webpack/main.js
dotnet "$out/startup/BundleStartupBench.dll" --runs "$loads" --out "$work/startup.json" \
  --profile realworld:ours,realworld:esbuild,cjs-app:ours,cjs-app:esbuild "${pages[@]}"

load_after=$(uptime)
node bench/report.mjs --builds "$work/builds.json" --startup "$work/startup.json" \
  --acorn "$work/acorn.jsonl" --ours "$work/ours.jsonl" --runs "$runs" --loads "$loads" --pairs "$pairs" \
  --load-before "$load_before" --load-after "$load_after" --seconds "$(( $(date +%s) - started ))" >bench/README.md.new
mv bench/README.md.new bench/README.md
echo "== wrote bench/README.md ($(( $(date +%s) - started )) s)" >&2
