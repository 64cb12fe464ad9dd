// Reads JSON lines [pattern, flags] and prints acorn's verdict for `/pattern/flags` as JSON lines:
// [pattern, flags, null] when valid, [pattern, flags, message] when acorn rejects it. Candidates that would
// not tokenize as exactly that pattern and flags (for example an unescaped "/") are dropped.
const acorn = require(process.env.ACORN_PATH || 'acorn');
const P = acorn.Parser.prototype;
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter(Boolean);
function tokenizesAs(src, p, f) {
  const vf = P.validateRegExpFlags, vp = P.validateRegExpPattern;
  P.validateRegExpFlags = P.validateRegExpPattern = function () {};
  try { const t = acorn.tokenizer(src, { ecmaVersion: 'latest' }); const tok = t.getToken(); const end = t.getToken();
    return tok.type.label === 'regexp' && tok.value.pattern === p && tok.value.flags === f && end.type.label === 'eof'; }
  catch (e) { return false; } finally { P.validateRegExpFlags = vf; P.validateRegExpPattern = vp; }
}
for (const l of lines) {
  const [p, f] = JSON.parse(l);
  const src = '/' + p + '/' + f;
  if (!tokenizesAs(src, p, f)) { console.error('dropped', l); continue; }
  let r = null;
  try { acorn.parse(src, { ecmaVersion: 'latest' }); }
  catch (e) { r = e.message.replace(/ \(\d+:\d+\)$/, ''); }
  console.log(JSON.stringify([p, f, r]));
}
