#!/usr/bin/env bash
# Parse throughput: our parser vs acorn on the test corpus (tests/package.json), same files, same goals.
# Rounds alternate acorn / ours so both see the same machine noise; reports medians and the ratio.
# usage: bench/parse/run.sh [pairs]   (default 5)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
pairs=${1:-5}
cd "$root"
[ -d tests/node_modules ] || npm ci --prefix tests --no-audit --no-fund --loglevel=error
dotnet build bench/ParseBench -c Release --nologo -v quiet -o artifacts/bench/ParseBench >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$pairs"); do
  node bench/parse/acorn-bench.mjs tests "$work/files.txt" 3 >>"$work/acorn.jsonl"
  dotnet artifacts/bench/ParseBench/ParseBench.dll "$work/files.txt" 3 >>"$work/ours.jsonl"
done
node - "$work/acorn.jsonl" "$work/ours.jsonl" <<'JS'
const fs = require('fs');
const read = (p) => fs.readFileSync(p, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const acorn = read(process.argv[2]), ours = read(process.argv[3]);
const all = (runs) => runs.flatMap((r) => r.mbPerSecond).sort((a, b) => a - b);
const median = (xs) => xs[Math.floor(xs.length / 2)];
const a = all(acorn), o = all(ours);
console.log(`corpus: ${ours[0].files} files, ${(ours[0].chars / 1e6).toFixed(2)} M chars (acorn ${acorn[0].acorn}, ${acorn[0].skipped} files neither goal parses, left out)`);
console.log('| parser | median MB/s | min | max | allocated bytes per source char |');
console.log('|---|---|---|---|---|');
console.log(`| LavaMoat.Bundler.Syntax | ${median(o)} | ${o[0]} | ${o[o.length - 1]} | ${ours[ours.length - 1].allocatedBytesPerChar} |`);
console.log(`| acorn (node ${process.version}) | ${median(a)} | ${a[0]} | ${a[a.length - 1]} | n/a |`);
console.log(`ratio ours/acorn (median): ${(median(o) / median(a)).toFixed(2)}x`);
JS
