// Picks a deterministic, readable-size sample from fuzz verdict files (JSON lines from acorn-verdicts.js):
// 250 accepted patterns and up to 15 rejected ones per distinct acorn message.
// Usage: node sample-fuzz.js verdicts1.jsonl [verdicts2.jsonl ...] > fuzz-sample.jsonl
const fs = require('fs');
const all = process.argv.slice(2).flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean));
const ok = all.filter((l) => l.endsWith(',null]')), bad = all.filter((l) => !l.endsWith(',null]'));
const pick = (a, n) => { const r = []; const k = Math.floor(a.length / n); for (let i = 0; i < n; i++) r.push(a[i * k]); return r; };
const byReason = {};
for (const l of bad) { const m = JSON.parse(l)[2].replace(/^.*\/: /, ''); (byReason[m] = byReason[m] || []).push(l); }
const badPick = [];
for (const m in byReason) badPick.push(...pick(byReason[m], Math.min(byReason[m].length, 15)));
process.stdout.write([...pick(ok, 250), ...badPick].join('\n') + '\n');
