// Candidate regex literals for the checked-in table (each grammar fragment with no flag, u and v; flag
// combinations; every property name and value in our tables, plus near misses). Prints JSON lines
// [pattern, flags]; the verdicts come from acorn-verdicts.js.
const P = String.raw;
const fragments = [
  // basics
  P`a`, P`abc`, P`a|b`, P`|`, P`a||b`, P`^$`, P`.`, P`[/]`, P`\/`, P`\/\/`,
  // quantifiers
  P`a*`, P`a+`, P`a?`, P`a*?`, P`a+?`, P`a??`, P`a**`, P`a*+`, P`a???`, P`*`, P`+a`, P`?`, P`a|*`, P`(*)`,
  P`a{2}`, P`a{2,}`, P`a{2,3}`, P`a{2,3}?`, P`a{2,1}`, P`a{1,1}`, P`a{0}`, P`a{,5}`, P`a{`, P`a{1`, P`a{1,`, P`a{1,2`, P`a{a}`,
  P`{`, P`}`, P`{}`, P`{1}`, P`{1,2}`, P`{,}`, P`x{1}{1,}`, P`a{2}{3}`, P`a{99999999999999999999,1}`, P`a{1,99999999999999999999}`,
  P`]`, P`a]`, P`a}`, P`)`, P`a)`, P`(a))`, P`a{2,1`, P`^*`, P`$+`, P`\b*`, P`\B{2}`, P`a{0,0}`, P`a{010,9}`,
  // groups
  P`(a)`, P`(`, P`(a`, P`((a)`, P`()`, P`(?:a)`, P`(?:)`, P`(?:a`, P`(?a)`, P`(?)`, P`(?`, P`(?<)`, P`(?<>a)`, P`(?=a)`, P`(?!a)`,
  P`(?<=a)b`, P`(?<!a)b`, P`(?=a)*`, P`(?!a)+`, P`(?=a){2}`, P`(?<=a)*`, P`(?<!a)?`, P`(?=a){2,1}`, P`(?=`, P`(?<=a`, P`(?<a)`,
  // named groups
  P`(?<a>x)`, P`(?<a>x)|(?<a>y)`, P`(?<a>x)(?<a>y)`, P`(?<a>x)|(?:(?<a>y))`, P`((?<a>x)|(?<a>y))`, P`(?:(?<a>x)|y)(?<a>z)`,
  P`(?<a>x)|((?<a>y)|(?<a>z))`, P`((?<a>x)|(?<b>y))(?<a>z)`, P`(?<a>(?<a>x)|y)`, P`(?:(?<a>x)|(?<a>y))\k<a>`,
  P`(?<a>x)\k<a>`, P`\k<a>(?<a>x)`, P`\k<a>`, P`\k`, P`\k<`, P`\k<a`, P`\ka`, P`(?<a>x)\k`, P`(?<a>x)\k<b>`, P`(?<a>x)\kx`, P`(?<a>.)\k<a`,
  P`[\k]`, P`(?<a>x)[\k]`, P`(?<a>x)[\k<a>]`,
  P`(?<$>x)`, P`(?<_>x)`, P`(?<a1>x)`, P`(?<1a>x)`, P`(?<a-b>x)`, P`(?<a b>x)`, P`(?<π>x)`, P`(?<\u03C0>x)`, P`(?<\u{03C0}>x)`,
  P`(?<a\u0062>x)`, P`(?<\u0061>x)\k<a>`, P`(?<a>x)\k<\u0061>`, P`(?<\u{1d4d1}>x)`, P`(?<\ud835\udcd1>x)`, P`(?<𝒜>x)`, P`(?<\u{110000}>x)`,
  P`(?<\u0030>x)`, P`(?<a\u{0030}>x)`, P`(?<\x61>x)`, P`(?<a\>x)`, P`(?<\>x)`, P`(?<a\u200Cb>x)`, P`(?<a‍b>x)`, P`(?<‌a>x)`,
  P`(?<a·b>x)`, P`(?<℘>x)`, P`(?<゛>x)`, P`(?<a٠>x)`, P`(?<٠>x)`, P`(?<ab>x)(?<abc>y)`, P`(?<a>x)(?<A>y)`,
  P`(?<a>)`, P`(?<a>`, P`(?<a>x)\1`, P`(?<a>x)\2`,
  // modifiers
  P`(?i:a)`, P`(?m:a)`, P`(?s:a)`, P`(?ims:a)`, P`(?-i:a)`, P`(?i-m:a)`, P`(?i-ms:a)`, P`(?ii:a)`, P`(?i-i:a)`, P`(?-ii:a)`,
  P`(?-:a)`, P`(?-)`, P`(?i)`, P`(?i-)`, P`(?x:a)`, P`(?I:a)`, P`(?i-:a)`, P`(?-i-m:a)`, P`(?im-s:a)`, P`(?ms-i:a)`, P`(?i:a`, P`(?is-mi:a)`,
  P`(?i:(?-i:a))`, P`(?i=a)`, P`(?ii`, P`(?:i)`,
  // escapes
  P`\d\D\s\S\w\W`, P`\b\B`, P`\t\n\v\f\r`, P`\0`, P`\00`, P`\01`, P`\07`, P`\08`, P`\1`, P`\1(a)`, P`(a)\1`, P`(a)\2`, P`\8`, P`\9`,
  P`\10`, P`(a)\10`, P`\377`, P`\400`, P`\777`, P`\cA`, P`\cz`, P`\c`, P`\c1`, P`\c_`, P`\c*`, P`[\c]`, P`[\c1]`, P`[\c_]`, P`[\cA]`, P`[\c*]`,
  P`\x41`, P`\x4`, P`\x`, P`\xg1`, P`\u0041`, P`\u004`, P`\u`, P`\u{41}`, P`\u{1F600}`, P`\u{}`, P`\u{110000}`, P`\u{10FFFF}`, P`\u{0000000041}`,
  P`\u{41`, P`\u{g}`, P`\uD83D\uDE00`, P`\uD83D`, P`\uDE00`, P`\uD83Dx`, P`\a`, P`\e`, P`\g`, P`\z`, P`\-`, P`\/`, P`\$`, P`\^`, P`\.`, P`\*`,
  P`\(`, P`\)`, P`\[`, P`\]`, P`\{`, P`\}`, P`\|`, P`\\`, P`\ `, P`\_`, P`\=`, P`\!`, P`\<`, P`\>`, P`\#`, P`\'`, P`\"`, P`\é`, P`\𝒜`,
  P`\p{L}`, P`\P{L}`, P`\p`, P`\p{`, P`\p{}`, P`\p{L`, P`\pL`, P`\p{Letter}`, P`\p{letter}`, P`\p{Lu}`, P`\p{LC}`, P`\p{L&}`, P`\p{Any}`,
  P`\p{ASCII}`, P`\p{ascii}`, P`\p{Alphabetic}`, P`\p{Alpha}`, P`\p{ASCII_Hex_Digit}`, P`\p{AHex}`, P`\p{Assigned}`, P`\p{Emoji}`,
  P`\p{Extended_Pictographic}`, P`\p{ExtPict}`, P`\p{White_Space}`, P`\p{space}`, P`\p{Script=Greek}`, P`\p{Script=Grek}`,
  P`\p{sc=Greek}`, P`\p{scx=Greek}`, P`\p{Script_Extensions=Latin}`, P`\p{Script=greek}`, P`\p{Script=Latn}`, P`\p{Script=}`,
  P`\p{=Greek}`, P`\p{Greek}`, P`\p{gc=L}`, P`\p{gc=Lu}`, P`\p{General_Category=Letter}`, P`\p{General_Category=Greek}`,
  P`\p{gc=ASCII}`, P`\p{General_Category}`, P`\p{gc}`, P`\p{Block=Basic_Latin}`, P`\p{Script=Unknown}`, P`\p{sc=Zzzz}`,
  P`\p{sc=Kawi}`, P`\p{sc=Nag_Mundari}`, P`\p{sc=Garay}`, P`\p{sc=Tulu_Tigalari}`, P`\p{sc=Sidetic}`, P`\p{sc=Tai_Yo}`, P`\p{sc=Qaai}`,
  P`\p{sc=Hrkt}`, P`\p{sc=Katakana_Or_Hiragana}`, P`\p{Script=Common}`, P`\p{Lowercase}`, P`\p{Lower}`, P`\p{cntrl}`, P`\p{digit}`,
  P`\p{punct}`, P`\p{Combining_Mark}`, P`\p{Basic_Emoji}`, P`\P{Basic_Emoji}`, P`\p{RGI_Emoji}`, P`\p{RGI_Emoji_Flag_Sequence}`,
  P`\p{Emoji_Keycap_Sequence}`, P`\p{RGI_Emoji_Modifier_Sequence}`, P`\p{RGI_Emoji_Tag_Sequence}`, P`\p{RGI_Emoji_ZWJ_Sequence}`,
  P`\p{L}+`, P`\p{L}{2}`, P`\p{Script=Greek=x}`, P`\p{ sc=Greek}`, P`\p{sc = Greek}`, P`\p{sc=Greek }`, P`\p{IDS_Unary_Operator}`,
  P`\p{ID_Compat_Math_Start}`, P`\p{Bidi_Class=L}`, P`\p{Script=Latin_Extended}`, P`\p{In_Basic_Latin}`,
  // classes (non-v)
  P`[]`, P`[^]`, P`[a]`, P`[^a]`, P`[abc]`, P`[a-z]`, P`[z-a]`, P`[a-a]`, P`[-a]`, P`[a-]`, P`[-]`, P`[a-z-]`, P`[--]`, P`[---]`,
  P`[\d-a]`, P`[a-\d]`, P`[\d-\w]`, P`[\s-\d]`, P`[\d-]`, P`[-\d]`, P`[\w-z]`, P`[%-\d]`, P`[\b]`, P`[\B]`, P`[\b-a]`, P`[\-]`, P`[a\-z]`,
  P`[\0]`, P`[\00]`, P`[\1]`, P`[\8]`, P`[\9]`, P`[\01-\07]`, P`[\377]`, P`[\x41-\x5A]`, P`[\x5A-\x41]`, P`[\u0041-\u005A]`,
  P`[\u{41}-\u{5A}]`, P`[\u{1F600}-\u{1F64F}]`, P`[\uD83D\uDE00-\uD83D\uDE4F]`, P`[\uD83D\uDE4F-\uD83D\uDE00]`, P`[😀-😏]`, P`[😏-😀]`,
  P`[\uD83D\uDE00]`, P`[\uD83D]`, P`[\uDE00-\uD83D]`, P`[\ud800\udc00-\ud800\udc01]`, P`[\p{L}]`, P`[^\p{L}]`, P`[\P{L}]`, P`[\p{L}-a]`,
  P`[a-\p{L}]`, P`[\p{Basic_Emoji}]`, P`[^\p{Basic_Emoji}]`, P`[\q{a}]`, P`[\q]`, P`[]]`, P`[]a]`, P`[[]`, P`[[]]`, P`[a[b]c]`,
  P`[\]]`, P`[\[]`, P`[{]`, P`[}]`, P`[(]`, P`[)]`, P`[|]`, P`[.]`, P`[*]`, P`[$]`, P`[^^]`, P`[\^]`, P`[&&]`, P`[a&&b]`, P`[a--b]`,
  P`[!!]`, P`[a!!b]`, P`[\a]`, P`[\z]`, P`[\/]`, P`[\c]`, P`[\k<a>]`, P`[\xg]`, P`[\ug]`, P`[\u{g}]`, P`[\e]`, P`[\_]`, P`[\ ]`,
  P`[a-z0-9_$]`, P`[\w\d]`, P`[\u{10FFFF}]`, P`[\u{110000}]`,
  // v mode specifics
  P`[\p{Basic_Emoji}--\q{x}]`, P`[\p{L}--\p{Lu}]`, P`[\p{L}&&\p{Lu}]`, P`[a&&b&&c]`, P`[a--b--c]`, P`[a&&b--c]`, P`[a--b&&c]`,
  P`[a&&&b]`, P`[a&&]`, P`[&&a]`, P`[a--]`, P`[--a]`, P`[a-z&&b]`, P`[a&&b-z]`, P`[[a-z]&&[b]]`, P`[[a-z]--[b]]`, P`[[a]&&[b]--[c]]`,
  P`[[[a]]]`, P`[[^a]]`, P`[^[a]]`, P`[[^\p{Basic_Emoji}]]`, P`[^[\p{Basic_Emoji}]]`, P`[^\q{abc}]`, P`[^\q{a}]`, P`[^\q{a|b}]`,
  P`[^\q{a|bc}]`, P`[^\q{}]`, P`[\q{}]`, P`[\q{abc|d}]`, P`[\q{a|}]`, P`[\q{a\|b}]`, P`[\q{\}}]`, P`[\q{a]`, P`[\q{(}]`, P`[\q{[}]`,
  P`[\q{&&}]`, P`[\q{a&}]`, P`[\qa]`, P`\q{a}`, P`[^\p{RGI_Emoji}]`, P`[\p{RGI_Emoji}&&\q{a}]`, P`[^\p{RGI_Emoji}&&\q{a}]`,
  P`[^\p{RGI_Emoji}&&a]`, P`[^\q{ab}&&a]`, P`[^[\q{ab}]&&[a]]`, P`[^\q{ab}--\q{ab}]`, P`[^\p{RGI_Emoji}--\p{RGI_Emoji}]`,
  P`[\p{RGI_Emoji}\q{a}]`, P`[^a\q{ab}]`, P`[(]`, P`[)]`, P`[[]`, P`[{]`, P`[}]`, P`[/]`, P`[|]`, P`[-]`, P`[a-]`, P`[\-]`, P`[\(]`,
  P`[\{]`, P`[\/]`, P`[\|]`, P`[!]`, P`[!!]`, P`[##]`, P`[$$]`, P`[%%]`, P`[**]`, P`[++]`, P`[,,]`, P`[..]`, P`[::]`, P`[;;]`, P`[<<]`,
  P`[==]`, P`[>>]`, P`[??]`, P`[@@]`, P`[^^^]`, '[``]', P`[~~]`, P`[a~~b]`, P`[\!]`, P`[\#]`, P`[\%]`, P`[\&]`, P`[\,]`, P`[\:]`,
  P`[\;]`, P`[\<]`, P`[\=]`, P`[\>]`, P`[\@]`, '[\\`]', P`[\~]`, P`[\*]`, P`[\+]`, P`[\?]`, P`[\.]`, P`[\$]`, P`[\"]`, P`[\']`, P`[\_]`,
  P`[a-c-e]`, P`[\d-z]`, P`[a-\d]`, P`[\w--\d]`, P`[\w&&\d]`, P`[\b]`, P`[\b-\d]`, P`[!-#]`, P`[a-!]`, P`[\x41-\x40]`, P`[\q{a}-b]`,
  P`[a-\q{b}]`, P`[[a]-b]`, P`[\p{Lu}-a]`, P`[^\P{Lu}]`, P`[\P{Basic_Emoji}]`, P`[a&&[b--c]]`, P`[\d&&\w--x]`, P`[&]`, P`[&a]`,
  P`[a&]`, P`[a&&&]`, P`[&&&]`, P`[a-&]`, P`[!-&&]`, P`[a--&]`, P`[\q{a|b|c}--[b]]`, P`[^[^a]]`, P`[^[^\p{RGI_Emoji}]]`,
  P`[\p{L}&&\p{RGI_Emoji}]`, P`[^\p{L}&&\p{RGI_Emoji}]`, P`[^\p{RGI_Emoji}&&\p{L}]`,
  // misc / annex B
  P`a|`, P`|a`, P`()|()`, P`(|)`, P`^*?`, P`$?`, P`x**`, P`a{1}?`, P`a{1}??`, P`a{1}*`, P`\b+`, P`(?=.)*?`, P`(?!.){1,2}?`,
  P`.*?`, P`[\]-a]`, P`[a-\]]`, P`\cJ\c`, P`\c\d`, P`\\c`, P`[\\]`, P`(a)|\2(b)`, P`(a)(b)\2`, P`\2(a)(b)`, P`(a\1)`,
  P`[\1-\2]`, P`[\2-\1]`, P`\u{1F600}\u{1F601}`, P`\u{1F600`, P`\u{FFFFFFFFFFFFFFFFFFF}`, P`[😀]`, P`😀`, P`😀+`, P`😀{2}`,
  P`\uD83D\uDE00+`, P`[\u{1F600}-\uD83D\uDE4F]`, P`[\uD83D-\uDE00]`, P`\x{41}`, P`\x41\x4`, P`(?<a>.)(?<b>.)\k<a>\k<b>`,
];
const flagsList = ['', 'u', 'v'];
const out = new Set();
for (const f of fragments) for (const fl of flagsList) out.add(JSON.stringify([f, fl]));
// Flag handling on a trivial pattern
for (const fl of ['g', 'i', 'm', 's', 'y', 'd', 'gimsuy', 'dgimsvy', 'uv', 'vu', 'gg', 'ii', 'x', 'G', 'gx', 'xg', 'gxg', 'uu', 'vv', 'dd', 'gimsuyd', 'a', 'iu', 'iv', 'yv', 'su'])
  out.add(JSON.stringify(['a', fl]));
for (const line of out) console.log(line);
// Every property name and value in our tables, in each form acorn accepts, plus near misses.
{
  const src = require('fs').readFileSync(require('path').join(__dirname, '../../../../src/LavaMoat.Bundler.Syntax/RegExp/UnicodePropertyNames.cs'), 'utf8');
  const list = (name) => src.match(new RegExp('const string ' + name + ' =([\\s\\S]*?);'))[1].match(/"([^"]*)"/g).map((s) => s.slice(1, -1)).join('').split(' ').filter(Boolean);
  const add = (p, f) => { const k = JSON.stringify([p, f]); if (!out.has(k)) { out.add(k); console.log(k); } };
  const gc = list('GeneralCategoryValueList'), bin = list('BinaryPropertyList'), str = list('StringPropertyList'), sc = list('ScriptValueList');
  for (const v of gc) { add(`\\p{${v}}`, 'u'); add(`\\p{gc=${v}}`, 'u'); add(`\\P{General_Category=${v}}`, 'v'); }
  for (const v of bin) { add(`\\p{${v}}`, 'u'); add(`[^\\P{${v}}]`, 'v'); add(`\\p{gc=${v}}`, 'u'); }
  for (const v of str) { add(`\\p{${v}}`, 'v'); add(`\\p{${v}}`, 'u'); add(`\\P{${v}}`, 'v'); add(`[^\\p{${v}}]`, 'v'); }
  for (const v of sc) { add(`\\p{Script=${v}}`, 'u'); add(`\\p{scx=${v}}`, 'v'); }
  for (const v of ['Greek', 'Latn', 'Zzzz', 'Hrkt', 'Qaai']) { add(`\\p{sc=${v}}`, 'u'); add(`\\p{Script_Extensions=${v}}`, 'u'); add(`\\p{${v}}`, 'u'); }
  const all = [...gc, ...bin, ...str, ...sc]; let i = 0;
  for (const v of all) { if (i++ % 3) continue; // a third of the names, each with a few mutations
    for (const w of [v.toLowerCase(), v.toUpperCase(), v.replace(/_/g, ''), v + 's', v.slice(0, -1)]) if (w && !all.includes(w)) add(`\\p{${w}}`, i % 2 ? 'u' : 'v'); }
  // group names using characters newer than .NET's Unicode data (Unicode 17)
  for (const p of [String.raw`(?<\u{323B0}>x)`, String.raw`(?<a\u{1E6E3}>x)`, String.raw`(?<\u{1E6E3}>x)`, '(?<\u{3D000}>x)', String.raw`(?<a\u{1ACF}>x)`,
    String.raw`(?<\u{2E2F}>x)`, String.raw`(?<\u{1885}>x)`, String.raw`(?<a\u{30FB}>x)`, String.raw`(?<a\u{FF65}>x)`, String.raw`(?<a\u00B7>x)`, String.raw`(?<\u00B7>x)`,
    String.raw`\k<a>(?<a>)`, String.raw`(?<a>)\k<a>`])
    for (const f of ['', 'u']) add(p, f);
}
