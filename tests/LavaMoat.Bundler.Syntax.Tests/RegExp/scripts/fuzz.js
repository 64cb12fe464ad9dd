// Random patterns over regex-significant pieces, for differential testing against acorn.
// Usage: node fuzz.js SEED COUNT > candidates.jsonl (JSON lines [pattern, flags]).
let seed = Number(process.argv[2] || 1);
const rnd = (n) => { seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff; return (seed >>> 16) % n; };
const pieces = ['a','b','z','0','1','2','7','8','9','-','^','$','.','*','+','?','{','}','(',')','[',']','|','\\','\\\\','/','\\/',
 ',','&','&&','--','!','#','=',':','<','>','_','\\d','\\w','\\b','\\B','\\k','\\k<a>','\\q{','\\p{','\\P{','L}','Basic_Emoji}','sc=Greek}',
 '\\u','\\u{','\\x','\\c','(?','(?<a>','(?<b>','(?:','(?=','(?!','(?<=','(?<!','(?i:','(?-i:','(?i-m:','{1}','{2,1}','{1,}','\\1','\\2','\\0',
 'u{1F600}','D83D','\\uD83D','\\uDE00','😀','é','\\u0041','41','i','m','s','k','q','p','c','A','~~','!!'];
const n = Number(process.argv[3] || 20000); const out = new Set();
while (out.size < n) { let s = ''; const len = 1 + rnd(7); for (let i = 0; i < len; i++) s += pieces[rnd(pieces.length)];
  out.add(JSON.stringify([s, ['', 'u', 'v'][rnd(3)]])); }
for (const l of out) console.log(l);
