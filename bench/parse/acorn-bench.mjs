// Acorn's parse throughput over the corpus, and the file list our harness reads.
// usage: node acorn-bench.mjs <tests-dir> <list-out> <rounds>
// The corpus is the one the parser tests use (tests/corpus.json: packages and the parts of them taken);
// each file's goal is the one acorn accepts (script first, as a bundler would for CommonJS), files neither
// goal accepts are left out of both measurements.
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [testsDir, listOut, roundsArg] = process.argv.slice(2);
const require = createRequire(join(resolve(testsDir), 'package.json'));
const acorn = require('acorn');
const corpus = JSON.parse(readFileSync(join(testsDir, 'corpus.json'), 'utf8'));

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') walk(p, out);
    } else if (/\.(js|mjs|cjs)$/.test(entry.name)) out.push(p);
  }
}

const files = [];
for (const { name, include } of corpus.packages) {
  const root = join(testsDir, 'node_modules', name);
  const found = [];
  for (const part of include.length === 0 ? [''] : include) {
    const path = join(root, part);
    if (statSync(path).isDirectory()) walk(path, found);
    else found.push(path);
  }
  files.push(...[...new Set(found)].sort());
}

const options = (sourceType) => ({ ecmaVersion: 'latest', sourceType, locations: true });
const chosen = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  for (const type of file.endsWith('.mjs') ? ['module'] : file.endsWith('.cjs') ? ['script'] : ['script', 'module']) {
    try {
      acorn.parse(text, options(type));
      chosen.push({ type, file: resolve(file), text });
      break;
    } catch {
      // try the other goal
    }
  }
}
writeFileSync(listOut, chosen.map((f) => `${f.type}\t${f.file}`).join('\n') + '\n');

const chars = chosen.reduce((n, f) => n + f.text.length, 0);
const parseAll = () => { for (const f of chosen) acorn.parse(f.text, options(f.type)); };
for (let i = 0; i < 3; i++) parseAll();
const rounds = Number(roundsArg);
const mbPerSecond = [];
for (let r = 0; r < rounds; r++) {
  const t0 = process.hrtime.bigint();
  parseAll();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  mbPerSecond.push(+(chars / 1e6 / seconds).toFixed(2));
}
console.log(JSON.stringify({ files: chosen.length, skipped: files.length - chosen.length, chars, acorn: acorn.version, mbPerSecond }));
