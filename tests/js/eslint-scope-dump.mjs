// Runs the pinned eslint-scope over many files (parsed by the pinned acorn) and records, per file, the
// references eslint-scope leaves unresolved at the top: the free names the scope-analysis differential compares.
//
// One process handles the whole list because starting Node per file would dominate the run time.
//
// Usage: node eslint-scope-dump.mjs --out <results.jsonl> < requests
//   Each request line is "<script|module>\t<absolute path>".
//   Each result line (same order) is a JSON object:
//     { file, ok: true, free: [[name, start, flags, note], ...] }   one entry per globalScope.through reference
//     { file, ok: false, error }                                    acorn or eslint-scope threw
//   flags is "R", "W" or "RW"; start is the identifier's UTF-16 offset. note is 0, or 1 when the reference is
//   free only because eslint-scope closed a scope dynamically for a direct `eval(...)` call: eslint-scope's own
//   scopes bind the name statically (see staticBinding below) and a scope on the way was made dynamic by eval.
//   The C# side decides what to make of notes; this script only reports eslint-scope's facts.
import { readFileSync, writeFileSync } from 'node:fs';
import * as acorn from 'acorn';
import * as eslintScope from 'eslint-scope';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outPath = outIndex >= 0 ? args[outIndex + 1] : undefined;
if (!outPath) {
  process.stderr.write('usage: node eslint-scope-dump.mjs --out <results.jsonl> < requests\n');
  process.exit(2);
}

// Options chosen to match our semantics:
// - ecmaVersion 2025: every ES2025 scoping rule (class fields, static blocks, for-scope per iteration...).
// - nodejsScope false: a script's top level is the global scope, not a CommonJS function wrapper.
// - impliedStrict false: strictness comes from the code ('use strict', modules, classes), as in a browser.
// - childVisitorKeys: estraverse's table only walks ImportExpression.source; the options argument of
//   import(x, { with: ... }) is an ordinary expression whose names are references.
const analyzeOptions = {
  ecmaVersion: 2025,
  nodejsScope: false,
  impliedStrict: false,
  childVisitorKeys: { ImportExpression: ['source', 'options'] },
};

// eslint-scope 9 closes a scope that contains (or encloses) a direct eval call "dynamically": its pending
// references go to `through` unresolved even when the scope declares the name. This walks eslint-scope's own
// scope chain statically to tell those apart: the variable eslint-scope would bind without eval, or null.
function staticBinding(reference) {
  const name = reference.identifier.name;
  for (let scope = reference.from; scope; scope = scope.upper) {
    const variable = scope.set.get(name);
    if (!variable) continue;
    // eslint-scope's own rule: a parameter-list reference does not see a name declared only in the body.
    if (scope.type === 'function' && scope.block.type !== 'Program') {
      const bodyStart = scope.block.body.range[0];
      if (reference.identifier.range[0] < bodyStart && variable.defs.every((d) => d.name.range[0] >= bodyStart)) {
        continue;
      }
    }
    return { variable, scope };
  }
  return null;
}

function evalDynamicOnTheWay(reference, boundScope) {
  for (let scope = reference.from; scope; scope = scope.upper) {
    if (scope.dynamic && scope.type !== 'with' && scope.type !== 'global') return true;
    if (scope === boundScope) break;
  }
  return false;
}

const requests = readFileSync(0, 'utf8').split('\n').filter((line) => line.length > 0);
const results = [];
for (const [index, line] of requests.entries()) {
  const tab = line.indexOf('\t');
  const sourceType = line.slice(0, tab);
  const file = line.slice(tab + 1);
  if (sourceType !== 'script' && sourceType !== 'module') throw new Error(`bad source type in request line ${index + 1}`);
  const result = { file };
  try {
    const text = readFileSync(file, 'utf8');
    const tree = acorn.parse(text, { ecmaVersion: 'latest', sourceType, ranges: true });
    const manager = eslintScope.analyze(tree, { ...analyzeOptions, sourceType });
    const free = [];
    for (const reference of manager.globalScope.through) {
      const flags = (reference.isRead() ? 'R' : '') + (reference.isWrite() ? 'W' : '');
      const binding = staticBinding(reference);
      const note = binding && evalDynamicOnTheWay(reference, binding.scope) ? 1 : 0;
      free.push([reference.identifier.name, reference.identifier.start, flags, note]);
    }
    result.ok = true;
    result.free = free;
  } catch (error) {
    result.ok = false;
    result.error = String(error && error.stack ? error.stack.split('\n').slice(0, 3).join(' | ') : error);
  }
  results.push(JSON.stringify(result));
}
writeFileSync(outPath, results.length > 0 ? results.join('\n') + '\n' : '');
