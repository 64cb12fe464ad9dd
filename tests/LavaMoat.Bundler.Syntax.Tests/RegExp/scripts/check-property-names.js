// Verifies our property-name tables against acorn's verdicts (acorn = reference).
const fs=require('fs');const acorn=require(process.env.ACORN_PATH || 'acorn');
const src=fs.readFileSync(require('path').join(__dirname, '../../../../src/LavaMoat.Bundler.Syntax/RegExp/UnicodePropertyNames.cs'),'utf8');
function list(name){const m=src.match(new RegExp('const string '+name+' =([\\s\\S]*?);'));return m[1].match(/"([^"]*)"/g).map(s=>s.slice(1,-1)).join('').split(' ').filter(Boolean);}
function ok(re){try{acorn.parse(re,{ecmaVersion:'latest'});return true}catch(e){return false}}
let bad=0;
const gc=list('GeneralCategoryValueList'),bin=list('BinaryPropertyList'),str=list('StringPropertyList'),sc=list('ScriptValueList');
for(const v of gc){for(const f of [`/\\p{${v}}/u`,`/\\p{gc=${v}}/u`,`/\\p{General_Category=${v}}/u`,`/\\P{${v}}/v`]) if(!ok(f)){bad++;console.log('REJECTED',f)}}
for(const v of bin){for(const f of [`/\\p{${v}}/u`,`/\\P{${v}}/v`]) if(!ok(f)){bad++;console.log('REJECTED',f)}; if(ok(`/\\p{gc=${v}}/u`)&&!gc.includes(v)){bad++;console.log('unexpected ok gc=',v)}}
for(const v of str){if(!ok(`/\\p{${v}}/v`)){bad++;console.log('REJECTED',v)} if(ok(`/\\p{${v}}/u`)||ok(`/\\P{${v}}/v`)){bad++;console.log('unexpected ok',v)}}
for(const v of sc){for(const f of [`/\\p{Script=${v}}/u`,`/\\p{sc=${v}}/u`,`/\\p{scx=${v}}/u`,`/\\p{Script_Extensions=${v}}/v`]) if(!ok(f)){bad++;console.log('REJECTED',f)}; if(ok(`/\\p{${v}}/u`)&&!gc.includes(v)&&!bin.includes(v)){bad++;console.log('unexpected lone ok',v)}}
// near misses: case changes, separators, truncations must all be rejected
const all=[...gc,...bin,...str,...sc];const set=new Set(all);let nm=0;
for(const v of all){for(const w of [v.toLowerCase(),v.toUpperCase(),v.replace(/_/g,''),v.replace(/_/g,' '),v+'x',v.slice(0,-1)]){if(set.has(w)||w==='')continue;nm++;
 for(const f of [`/\\p{${w}}/v`,`/\\p{sc=${w}}/u`,`/\\p{gc=${w}}/u`]) if(ok(f)){bad++;console.log('near-miss ACCEPTED',f)}}}
// names acorn knows that we do not: probe the full candidate space acorn could accept is impossible, so probe
// every identifier-like word appearing in Unicode-ish lists we might have missed (typical extras).
const extras='Chisoi Chis Zinh Zyyy Zzzz Qaai Qaac Hrkt Kawi Nagm Nag_Mundari Toto Vith Vithkuqi IDS_Unary_Operator IDSU ID_Compat_Math_Start ID_Compat_Math_Continue InCB Modifier_Combining_Mark MCM Emoji_Keycap_Sequence Any ASCII Assigned Latin_Extended Sunu Krai Gara Gukh Onao Todr Tutg Berf Sidt Tayo Tols Chrs Egyptian_Hieroglyph_Format_Controls Bidi_Class bc Script_Extensions Block blk Lowercase_Letter Cased_Letter L& Lc'.split(' ');
for(const v of extras){const a=[`/\\p{${v}}/v`,`/\\p{sc=${v}}/u`].map(ok);const ours=[set.has(v)&&(gc.includes(v)||bin.includes(v)||str.includes(v)),sc.includes(v)];if(a[0]!==ours[0]||a[1]!==ours[1]){bad++;console.log('MISMATCH',v,a,ours)}}
console.log(`gc=${gc.length} binary=${bin.length} strings=${str.length} scripts=${sc.length} nearMisses=${nm} problems=${bad}`);
