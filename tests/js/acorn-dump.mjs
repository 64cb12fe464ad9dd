// Parses many files with the pinned acorn and records, per file, acorn's verdict and a fingerprint of its tree.
//
// One process handles the whole list because starting Node per file would dominate the run time.
//
// Usage: node acorn-dump.mjs --out <results.jsonl> [--full-dir <dir>] < requests
//   Each request line is "<mode>\t<absolute path>", mode one of:
//     script | module  parse with that goal (test262: "*.module.js" files are modules);
//     auto             decide the goal the way a bundler would (see decideGoal below).
//   Each result line (same order) is a JSON object:
//     { file, sourceType, decision, ok: true,  hash, jsonLength }
//     { file, sourceType, decision, ok: false, error: { message, pos, line, column } }
//   hash is the SHA-256 (hex) of the UTF-8 of the canonical JSON of acorn's tree: JSON.stringify's text with
//   every object's keys sorted (by UTF-16 code units, like Array.prototype.sort), RegExp and BigInt literal
//   values written as null (their regex / bigint properties carry the value). The C# side writes our tree the
//   same way, so equal hashes mean equal trees without moving ~40 bytes of JSON per byte of source.
//   With --full-dir, the canonical JSON of request i is also written to <dir>/<i>.json (used to explain a
//   mismatch, so only for the few files that need it).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as acorn from 'acorn';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const outPath = option('--out');
const fullDir = option('--full-dir');
if (!outPath) {
  process.stderr.write('usage: node acorn-dump.mjs --out <results.jsonl> [--full-dir <dir>] < requests\n');
  process.exit(2);
}
if (fullDir) mkdirSync(fullDir, { recursive: true });

const parse = (text, sourceType) =>
  acorn.parse(text, { ecmaVersion: 'latest', sourceType, locations: true });

// JSON.stringify's own text, with every object's keys sorted (Array.prototype.sort: by UTF-16 code units, the
// same as C#'s ordinal order). Going through JSON.stringify keeps its string escaping (lone surrogates as
// \udxxx) and number text; the replacer hands it a sorted copy of each object, which measured faster than
// building the text by hand. RegExp and BigInt values have no JSON form: both become null.
function sortedKeys(key, value) {
  if (typeof value === 'bigint' || value instanceof RegExp) return null;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const sorted = {};
  for (const name of Object.keys(value).sort()) sorted[name] = value[name];
  return sorted;
}

const canonical = (tree) => JSON.stringify(tree, sortedKeys);

// Node's rule for a .js file: the "type" of the nearest package.json (walking up from the file).
const packageTypeCache = new Map();
function nearestPackageType(dir) {
  if (packageTypeCache.has(dir)) return packageTypeCache.get(dir);
  let type;
  const manifest = join(dir, 'package.json');
  if (existsSync(manifest)) {
    try {
      type = JSON.parse(readFileSync(manifest, 'utf8')).type === 'module' ? 'module' : 'commonjs';
    } catch {
      type = 'commonjs';
    }
  } else {
    const parent = dirname(dir);
    type = parent === dir ? 'commonjs' : nearestPackageType(parent);
  }
  packageTypeCache.set(dir, type);
  return type;
}

// The goal a bundler gives a file: .mjs and "type": "module" .js are modules, .cjs a script. Other .js files
// are scripts if they parse as scripts, else modules if they parse as modules (ESM builds named in a
// package's "module" field often lack "type": "module"); a file both goals reject stays in the corpus as
// "rejected-both", and we must reject it in both goals too.
function decideGoal(file, text) {
  if (file.endsWith('.mjs')) return { sourceType: 'module', decision: 'mjs' };
  if (file.endsWith('.cjs')) return { sourceType: 'script', decision: 'cjs' };
  if (nearestPackageType(dirname(file)) === 'module') return { sourceType: 'module', decision: 'type-module' };
  try {
    return { sourceType: 'script', decision: 'parses-as-script', tree: parse(text, 'script') };
  } catch {
    try {
      return { sourceType: 'module', decision: 'parses-as-module-only', tree: parse(text, 'module') };
    } catch {
      return { sourceType: 'script', decision: 'rejected-both' };
    }
  }
}

const requests = readFileSync(0, 'utf8').split('\n').filter((line) => line.length > 0);
const results = [];
requests.forEach((line, index) => {
  const tab = line.indexOf('\t');
  const mode = line.slice(0, tab);
  const file = line.slice(tab + 1);
  const text = readFileSync(file, 'utf8');
  let goal;
  if (mode === 'auto') goal = decideGoal(file, text);
  else if (mode === 'script' || mode === 'module') goal = { sourceType: mode, decision: 'explicit' };
  else throw new Error(`bad mode ${mode} in request line ${index + 1}`);

  const result = { file, sourceType: goal.sourceType, decision: goal.decision };
  try {
    const tree = goal.tree ?? parse(text, goal.sourceType);
    const json = canonical(tree);
    result.ok = true;
    result.hash = createHash('sha256').update(json, 'utf8').digest('hex');
    result.jsonLength = json.length;
    if (fullDir) writeFileSync(join(fullDir, `${index}.json`), json);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    result.ok = false;
    result.error = { message: error.message, pos: error.pos, line: error.loc?.line, column: error.loc?.column };
  }
  results.push(JSON.stringify(result));
});
writeFileSync(outPath, results.length > 0 ? results.join('\n') + '\n' : '');
