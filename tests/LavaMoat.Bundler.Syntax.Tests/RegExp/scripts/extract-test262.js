// Collects every regular expression literal (pattern, flags) from test262-parser-tests pass/fail/early files.
// Validation is switched off while collecting so invalid literals are collected too; verdicts come later
// from an unpatched acorn.
const fs = require('fs'), path = require('path');
const acorn = require(process.env.ACORN_PATH || 'acorn');
const P = acorn.Parser.prototype;
P.validateRegExpFlags = function () {};
P.validateRegExpPattern = function () {};
const root = process.env.TEST262_PARSER_TESTS || path.dirname(require.resolve('test262-parser-tests/package.json'));
const seen = new Set(); const out = [];
for (const dir of ['pass', 'fail', 'early']) {
  for (const f of fs.readdirSync(path.join(root, dir))) {
    const src = fs.readFileSync(path.join(root, dir, f), 'utf8');
    const sourceType = f.includes('.module.') ? 'module' : 'script';
    const add = (t) => { if (t.type.label === 'regexp') { const k = JSON.stringify([t.value.pattern, t.value.flags]); if (!seen.has(k)) { seen.add(k); out.push(k); } } };
    try { acorn.parse(src, { ecmaVersion: 'latest', sourceType, onToken: add }); }
    catch (e) { try { for (const t of acorn.tokenizer(src, { ecmaVersion: 'latest', sourceType })) add(t); } catch (e2) {} }
  }
}
process.stdout.write(out.join('\n') + '\n');
console.error(out.length, 'distinct regex literals');
