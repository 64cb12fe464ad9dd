// Prints acorn's identifier classes over every code point as ranges, so the C# side can compare its own
// tables (ID_Start/ID_Continue plus $, _, ZWNJ, ZWJ) with the ones the reference parser uses.
// Output: two lines, "start a-b,c-d,..." and "part a-b,...", code points in hex.
import { isIdentifierStart, isIdentifierChar } from 'acorn';

function ranges(test) {
  const out = [];
  let from = -1;
  for (let cp = 0; cp <= 0x110000; cp++) {
    const inside = cp <= 0x10ffff && test(cp, true);
    if (inside && from < 0) from = cp;
    if (!inside && from >= 0) {
      out.push(`${from.toString(16)}-${(cp - 1).toString(16)}`);
      from = -1;
    }
  }
  return out.join(',');
}

console.log(`start ${ranges(isIdentifierStart)}`);
console.log(`part ${ranges(isIdentifierChar)}`);
