// Prints what the JavaScript engine itself writes for numbers and strings, so the C# side (JsNumber,
// EstreeJsonWriter) can be checked against the real thing rather than against our reading of the spec.
//
// Usage: node engine-text.mjs numbers < lines   each line: a double's 64 bits as 16 hex digits → String(x)
//        node engine-text.mjs strings < lines   each line: UTF-16 code units as hex, comma-separated → JSON.stringify(s)
import { readFileSync } from 'node:fs';

const mode = process.argv[2];
const lines = readFileSync(0, 'utf8').split('\n').filter((line) => line.length > 0);
const view = new DataView(new ArrayBuffer(8));
const out = lines.map((line) => {
  if (mode === 'numbers') {
    view.setBigUint64(0, BigInt('0x' + line));
    return String(view.getFloat64(0));
  }
  if (mode === 'strings') {
    const units = line === '-' ? [] : line.split(',').map((hex) => parseInt(hex, 16));
    return JSON.stringify(String.fromCharCode(...units));
  }
  throw new Error(`unknown mode ${mode}`);
});
process.stdout.write(out.join('\n') + '\n');
