// Acorn's parse throughput over a bench app's reachable files, and the file list ParseBench reads.
// usage: node acorn-app.mjs <app-dir> <esbuild-metafile> <list-out> <rounds>
// The file set is the app's module graph as esbuild's metafile lists it (JS files only, JSON left out), so the
// figure is "the files a bundler has to parse for this app". Each file's goal is the one acorn accepts (script
// first, as for CommonJS); files neither goal accepts are left out of both measurements.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [appDir, metafile, listOut, roundsArg] = process.argv.slice(2);
const acorn = createRequire(import.meta.url)('acorn');
const inputs = Object.keys(JSON.parse(readFileSync(metafile, 'utf8')).inputs).filter((f) => /\.(js|mjs|cjs)$/.test(f));

const options = (sourceType) => ({ ecmaVersion: 'latest', sourceType, locations: true });
const chosen = [];
let skipped = 0;
for (const rel of inputs.sort()) {
  const file = resolve(appDir, rel);
  const text = readFileSync(file, 'utf8');
  let ok = false;
  for (const type of file.endsWith('.mjs') ? ['module'] : file.endsWith('.cjs') ? ['script'] : ['script', 'module']) {
    try {
      acorn.parse(text, options(type));
      chosen.push({ type, file, text });
      ok = true;
      break;
    } catch {
      // try the other goal
    }
  }
  if (!ok) skipped++;
}
writeFileSync(listOut, chosen.map((f) => `${f.type}\t${f.file}`).join('\n') + '\n');

const chars = chosen.reduce((n, f) => n + f.text.length, 0);
const parseAll = () => { for (const f of chosen) acorn.parse(f.text, options(f.type)); };
for (let i = 0; i < 3; i++) parseAll();
const mbPerSecond = [];
for (let r = 0; r < Number(roundsArg); r++) {
  const t0 = process.hrtime.bigint();
  parseAll();
  mbPerSecond.push(Number((chars / 1e6 / (Number(process.hrtime.bigint() - t0) / 1e9)).toFixed(2)));
}
console.log(JSON.stringify({ files: chosen.length, chars, skipped, acorn: acorn.version, mbPerSecond }));
