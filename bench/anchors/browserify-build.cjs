// Builds one app with browserify 17 (optionally + esmify for ESM input, + lavamoat-browserify) as one process,
// so bench/measure.mjs times it like any other tool.
//   node browserify-build.cjs <entry> <out> [--esm] [--lavamoat] [--autopolicy]
// Run from the app folder: browserify resolves from the cwd, and lavamoat-browserify reads and writes
// ./lavamoat/browserify/policy.json there.
'use strict';
const fs = require('fs');
const path = require('path');
const browserify = require('browserify');

const [entry, out, ...flags] = process.argv.slice(2);
const has = (f) => flags.includes(f);
const lavamoat = has('--lavamoat') || has('--autopolicy');

// browserify's builtin table has `_process` (for the inserted global) but no `process`, and resolve treats
// `process` as a core name, so `require('process')` / `import 'process'` fails to resolve ("lstat <cwd>/process").
// The app's own process polyfill is the same package browserify uses, so map the name to it.
const builtins = Object.assign({}, require('browserify/lib/builtins'), {
  process: require.resolve('process/browser.js', { paths: [process.cwd()] }),
});

const options = Object.assign(
  { entries: [entry], builtins, extensions: ['.cjs', '.mjs'] },
  lavamoat ? require('lavamoat-browserify').args : {},
);
const b = browserify(options);
if (has('--esm')) b.plugin(require('esmify'));
if (lavamoat) b.plugin(require('lavamoat-browserify'), { writeAutoPolicy: has('--autopolicy') });

fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
b.bundle()
  .on('error', (e) => {
    console.error(String(e && e.stack || e));
    process.exit(1);
  })
  .pipe(fs.createWriteStream(out))
  .on('finish', () => process.exit(0));
