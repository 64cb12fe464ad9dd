// Random well-nested patterns with (duplicate) named groups in nested alternatives, named and numbered
// references, for differential testing against acorn. Usage: node fuzz-groups.js SEED > candidates.jsonl
let seed = Number(process.argv[2] || 1);
const rnd = (n) => { seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff; return (seed >>> 16) % n; };
const names = ['a', 'b', '\\u0061', 'c'];
function disj(d) { const n = 1 + rnd(3); const alts = []; for (let i = 0; i < n; i++) alts.push(seq(d)); return alts.join('|'); }
function seq(d) { const n = rnd(3); let s = ''; for (let i = 0; i < n; i++) s += atom(d); return s; }
function atom(d) { const k = d > 3 ? 4 + rnd(3) : rnd(8);
  switch (k) { case 0: return `(?<${names[rnd(4)]}>${disj(d + 1)})`; case 1: return `(?:${disj(d + 1)})`; case 2: return `(${disj(d + 1)})`;
    case 3: return `(?=${disj(d + 1)})`; case 4: return `\\k<${names[rnd(4)]}>`; case 5: return 'x'; case 6: return '\\1'; default: return `(?<${names[rnd(4)]}>y)`; } }
const out = new Set(); while (out.size < 30000) out.add(JSON.stringify([disj(0), ['', 'u', 'v'][rnd(3)]]));
for (const l of out) console.log(l);
