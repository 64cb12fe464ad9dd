// Random character classes (mostly v mode: set operations, nested classes, \q{}, properties of strings) for
// differential testing against acorn. Usage: node fuzz-classes.js SEED > candidates.jsonl
let seed = Number(process.argv[2] || 1);
const rnd = (n) => { seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff; return (seed >>> 16) % n; };
const pieces = ['[','[^',']','a','z','-','--','&&','&','\\q{','}','|','\\p{RGI_Emoji}','\\p{L}','\\P{L}','\\d','\\w','\\b','\\-','\\&','!','!!','(',')','{','/','\\/','\\u{1F600}','\\uD83D\\uDE00','😀','\\x41','\\c','\\cA','\\0','\\1','\\k','^','.','*','$','ab','\\\\','#','~~','@'];
const out = new Set(); while (out.size < 40000) { let s = '['; const len = 1 + rnd(10); for (let i = 0; i < len; i++) s += pieces[rnd(pieces.length)]; s += ']'; out.add(JSON.stringify([s, ['v','v','u',''][rnd(4)]])); }
for (const l of out) console.log(l);
