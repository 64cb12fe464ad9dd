'use strict';
// CommonJS-only bench app: each package does one small checkable computation; the result is published like
// tests/apps/realworld does (globalThis.__appResult, document.title PASS/FAIL, data-app-result on <html>).
// Browsers have no `process`; React and Redux read process.env.NODE_ENV, so the root provides the polyfill.
const processPolyfill = require('process');
if (typeof globalThis.process === 'undefined') {
  processPolyfill.env.NODE_ENV = 'production';
  globalThis.process = processPolyfill;
}

const checks = [];
const text = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
function eq(actual, expected, what) {
  if (text(actual) !== text(expected)) throw new Error(`${what || 'value'}: expected ${text(expected)}, got ${text(actual)}`);
  return actual;
}
function check(name, fn) {
  try {
    checks.push([name, true, text(fn()) ?? '']);
  } catch (error) {
    checks.push([name, false, `${error && error.name}: ${error && error.message}`]);
  }
}

check('buffer', () => eq(require('buffer').Buffer.from('LM').toString('hex'), '4c4d'));
check('events', () => {
  const EventEmitter = require('events');
  const bus = new EventEmitter();
  let n = 0;
  bus.on('x', (v) => (n += v));
  bus.emit('x', 2);
  return eq(n, 2);
});
check('path-browserify', () => eq(require('path-browserify').join('/a/b', '../c'), '/a/c'));
check('lodash', () => eq(require('lodash').chunk([1, 2, 3], 2), [[1, 2], [3]]));
check('qs', () => eq(require('qs').stringify({ a: [1, 2] }, { encode: false }), 'a[0]=1&a[1]=2'));
check('semver', () => eq(require('semver').satisfies('1.4.2', '^1.2.0'), true));
check('ms', () => eq(require('ms')('2 days'), 172800000));
check('dayjs', () => eq(require('dayjs')('2024-02-28').add(1, 'day').format('YYYY-MM-DD'), '2024-02-29'));
check('validator', () => eq(require('validator').isEmail('a@b.io'), true));
check('mustache', () => eq(require('mustache').render('hi {{n}}', { n: 'x' }), 'hi x'));
check('fast-deep-equal', () => eq(require('fast-deep-equal')({ a: [1] }, { a: [1] }), true));
check('decimal.js', () => eq(new (require('decimal.js'))('0.1').plus('0.2').toString(), '0.3'));
check('immutable', () => eq(require('immutable').List([1, 2]).push(3).toJS(), [1, 2, 3]));
check('immer', () => eq(require('immer').produce({ a: 1 }, (d) => { d.a = 2; }), { a: 2 }));
check('js-yaml', () => eq(require('js-yaml').load('a: [1, 2]'), { a: [1, 2] }));
check('ramda', () => eq(require('ramda').sum([1, 2, 3]), 6));
check('rxjs', () => {
  const { of, map } = require('rxjs');
  const seen = [];
  of(1, 2).pipe(map((x) => x * 2)).subscribe((v) => seen.push(v));
  return eq(seen, [2, 4]);
});
check('zod', () => {
  const { z } = require('zod');
  z.config({ jitless: true });
  return eq(z.object({ n: z.number() }).safeParse({ n: 1 }).success, true);
});
check('pako', () => {
  const pako = require('pako');
  return eq(Array.from(pako.inflate(pako.deflate(new Uint8Array([108, 97, 118, 97])))), [108, 97, 118, 97]);
});
check('mitt', () => {
  const mitt = require('mitt');
  const bus = (mitt.default || mitt)();
  let got = 0;
  bus.on('e', (v) => (got = v));
  bus.emit('e', 7);
  return eq(got, 7);
});
check('clsx', () => eq(require('clsx')('a', { b: true, c: false }), 'a b'));
check('fuse.js', () => {
  const Fuse = require('fuse.js');
  return eq(new (Fuse.default || Fuse)(['lavamoat', 'browserify']).search('lavamot')[0].item, 'lavamoat');
});
check('axios', () => eq(typeof require('axios').create, 'function'));
check('react + react-dom/server', () => {
  const React = require('react');
  const { renderToStaticMarkup } = require('react-dom/server');
  return eq(renderToStaticMarkup(React.createElement('b', null, 'ok')), '<b>ok</b>');
});

const ok = checks.length > 0 && checks.every((c) => c[1] === true);
const json = JSON.stringify({ ok, checks });
globalThis.__appResult = { ok, checks };
if (typeof document !== 'undefined' && typeof document.getElementById === 'function') {
  document.title = ok ? 'PASS' : 'FAIL';
  document.documentElement.setAttribute('data-app-result', json);
}
console.log(`cjs-app: ${ok ? 'PASS' : 'FAIL'} ${checks.filter((c) => c[1]).length}/${checks.length} checks`);
for (const c of checks) if (!c[1]) console.log(`  failed ${c[0]}: ${c[2]}`);
