// ESM part of the app: ESM and dual packages through named and default imports.
import { chunk, debounce, flatMapDeep, get, merge, uniqBy } from 'lodash-es';
import { addDays, differenceInCalendarDays, format, isWeekend, parseISO } from 'date-fns';
import { from, of, map, filter, reduce, scan, toArray } from 'rxjs';
import { z } from 'zod';
import { produce, enablePatches, produceWithPatches } from 'immer';
import * as R from 'ramda';
import { List, Map as IMap, fromJS } from 'immutable';
import Decimal from 'decimal.js';
import { load as loadYaml, dump as dumpYaml } from 'js-yaml';
import queryString from 'query-string';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { customRandom, urlAlphabet } from 'nanoid';
import { v4 as uuidv4, v5 as uuidv5, validate as uuidValidate, version as uuidVersion } from 'uuid';
import { marked } from 'marked';
import { configureStore, createSlice } from '@reduxjs/toolkit';
import { deflate, inflate } from 'pako';
import mitt from 'mitt';
import clsx from 'clsx';
import { check, expectEqual, expectTrue } from '../report.js';

// A fixed "random" source so ids are reproducible across runs and engines.
const counterBytes = (seed) => (size) => {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 1) bytes[i] = (seed * 31 + i * 17) & 0xff;
  return bytes;
};

export function runData() {
  check('lodash-es', () => {
    expectEqual(chunk(['a', 'b', 'c'], 2), [['a', 'b'], ['c']], 'chunk');
    expectEqual(get({ a: [{ b: { c: 3 } }] }, 'a[0].b.c'), 3, 'get');
    expectEqual(merge({ a: { x: 1 } }, { a: { y: 2 } }), { a: { x: 1, y: 2 } }, 'merge');
    expectEqual(uniqBy([2.1, 1.2, 2.3], Math.floor), [2.1, 1.2], 'uniqBy');
    expectEqual(flatMapDeep([1, [2]], (n) => [n, [n * 2]]), [1, 2, 2, 4], 'flatMapDeep');
    expectEqual(typeof debounce(() => {}, 10).cancel, 'function', 'debounce');
    return 'ok';
  });

  check('date-fns', () => {
    const start = new Date(2024, 2, 8, 14, 30); // a Friday, local time
    expectEqual(format(start, "yyyy-MM-dd'T'HH:mm EEEE"), '2024-03-08T14:30 Friday', 'format');
    expectEqual(isWeekend(addDays(start, 1)), true, 'saturday');
    expectEqual(differenceInCalendarDays(parseISO('2024-12-25'), parseISO('2024-03-08')), 292, 'difference');
    return format(addDays(start, 30), 'PPP');
  });

  check('rxjs', () => {
    let total;
    of(1, 2, 3, 4, 5, 6)
      .pipe(
        filter((n) => n % 2 === 0),
        map((n) => n * n),
        reduce((sum, n) => sum + n, 0),
      )
      .subscribe((value) => {
        total = value;
      });
    expectEqual(total, 56, 'sum of even squares');
    let running;
    from([1, 2, 3]).pipe(scan((acc, n) => acc + n, 0), toArray()).subscribe((v) => {
      running = v;
    });
    expectEqual(running, [1, 3, 6], 'scan');
    return total;
  });

  check('zod', () => {
    // zod 4 compiles object parsers with new Function unless told not to; pages under a CSP without
    // 'unsafe-eval' turn that off (its probe would otherwise be a CSP violation report).
    z.config({ jitless: true });
    const User = z.object({ name: z.string().min(2), age: z.number().int().nonnegative(), tags: z.array(z.string()).default([]) });
    expectEqual(User.parse({ name: 'Ada', age: 36 }), { name: 'Ada', age: 36, tags: [] }, 'valid');
    const bad = User.safeParse({ name: 'A', age: '36' });
    expectEqual(bad.success, false, 'invalid rejected');
    const paths = bad.error.issues.map((i) => i.path.join('.')).sort();
    expectEqual(paths, ['age', 'name'], 'issue paths');
    return paths;
  });

  check('immer', () => {
    const base = { todos: [{ id: 1, done: false }, { id: 2, done: false }] };
    const next = produce(base, (draft) => {
      draft.todos[1].done = true;
      draft.todos.push({ id: 3, done: false });
    });
    expectEqual(base.todos.length, 2, 'base untouched');
    expectEqual(next.todos.map((t) => t.done), [false, true, false], 'next');
    expectTrue(next.todos[0] === base.todos[0], 'structural sharing');
    expectTrue(Object.isFrozen(next), 'auto-freeze');
    enablePatches();
    const [, patches] = produceWithPatches({ a: 1 }, (d) => {
      d.a = 2;
    });
    expectEqual(patches, [{ op: 'replace', path: ['a'], value: 2 }], 'patches');
    return next.todos.length;
  });

  check('ramda', () => {
    const totalAdults = R.pipe(R.filter(R.propSatisfies(R.gte(R.__, 18), 'age')), R.map(R.prop('age')), R.sum);
    expectEqual(totalAdults([{ age: 10 }, { age: 20 }, { age: 40 }]), 60, 'pipe');
    expectEqual(R.groupBy(R.prop('k'))([{ k: 'a' }, { k: 'b' }, { k: 'a' }]), { a: [{ k: 'a' }, { k: 'a' }], b: [{ k: 'b' }] }, 'groupBy');
    return R.toUpper('ok');
  });

  check('immutable', () => {
    const m1 = IMap({ a: 1, b: 2 });
    const m2 = m1.set('b', 50);
    expectEqual(m1.get('b'), 2, 'persistent');
    expectEqual(m2.toJS(), { a: 1, b: 50 }, 'set');
    const deep = fromJS({ list: [1, 2, 3] }).updateIn(['list'], (l) => l.push(4));
    expectEqual(deep.getIn(['list', 3]), 4, 'updateIn');
    return List([3, 1, 2]).sort().join(',');
  });

  check('decimal.js', () => {
    expectEqual(new Decimal('0.1').plus('0.2').toString(), '0.3', 'exact sum');
    expectEqual(new Decimal(2).sqrt().toFixed(10), '1.4142135624', 'sqrt');
    return new Decimal('1e-7').times(3).toString();
  });

  check('js-yaml', () => {
    const doc = loadYaml('name: app\nversion: 2\nitems:\n  - a\n  - b\nnested: {x: true}\n');
    expectEqual(doc, { name: 'app', version: 2, items: ['a', 'b'], nested: { x: true } }, 'load');
    const round = loadYaml(dumpYaml(doc));
    expectEqual(round, doc, 'round trip');
    return dumpYaml({ k: [1, 2] }).trim();
  });

  check('query-string', () => {
    expectEqual(queryString.parse('?b=2&a=1&a=3'), { a: ['1', '3'], b: '2' }, 'parse');
    expectEqual(queryString.stringify({ z: 'last', a: [1, 2], s: 'a b' }), 'a=1&a=2&s=a%20b&z=last', 'stringify');
    return queryString.parseUrl('https://x.test/p?q=1').query.q;
  });

  check('@noble/hashes', () => {
    expectEqual(bytesToHex(sha256(utf8ToBytes('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', 'sha256(abc)');
    return 'ok';
  });

  check('nanoid', () => {
    const makeId = customRandom(urlAlphabet, 12, counterBytes(7));
    const id = makeId();
    expectEqual(id.length, 12, 'length');
    expectEqual(makeId(), id, 'deterministic with a fixed source');
    expectTrue(/^[A-Za-z0-9_-]{12}$/.test(id), 'url alphabet');
    return id;
  });

  check('uuid', () => {
    const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
    expectEqual(uuidv5('example.com', DNS), 'cfbff0d1-9375-5685-968c-48ce8b15ae17', 'v5');
    const v4 = uuidv4({ random: counterBytes(3)(16) });
    expectTrue(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(v4), `v4 shape of ${v4}`);
    expectEqual(uuidValidate(v4) && uuidVersion(v4), 4, 'version');
    return v4;
  });

  check('marked', () => {
    const html = marked.parse('# Title\n\nSome *emphasis* and `code`.\n\n- one\n- two\n', { async: false });
    expectEqual(
      html,
      '<h1>Title</h1>\n<p>Some <em>emphasis</em> and <code>code</code>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n',
    );
    return html.length;
  });

  check('@reduxjs/toolkit', () => {
    const counter = createSlice({
      name: 'counter',
      initialState: { value: 0, log: [] },
      reducers: {
        add: (state, action) => {
          state.value += action.payload;
          state.log.push(action.payload);
        },
      },
    });
    const store = configureStore({ reducer: { counter: counter.reducer } });
    store.dispatch(counter.actions.add(2));
    store.dispatch(counter.actions.add(5));
    expectEqual(store.getState(), { counter: { value: 7, log: [2, 5] } }, 'state');
    expectEqual(counter.actions.add(1).type, 'counter/add', 'action type');
    return store.getState().counter.value;
  });

  check('pako', () => {
    const input = 'lavamoat '.repeat(200);
    const packed = deflate(input);
    expectTrue(packed.length < 60, `compressed to ${packed.length} bytes`);
    expectEqual(new TextDecoderLike().decode(inflate(packed)), input, 'round trip');
    return packed.length;
  });

  check('mitt', () => {
    const emitter = mitt();
    const got = [];
    emitter.on('*', (type, e) => got.push(`${type}:${e}`));
    emitter.on('ping', (e) => got.push(`ping=${e}`));
    emitter.emit('ping', 1);
    emitter.off('ping');
    emitter.emit('ping', 2);
    expectEqual(got, ['ping=1', 'ping:1', 'ping:2']);
    return got.length;
  });

  check('clsx', () => expectEqual(clsx('btn', { active: true, disabled: false }, ['x', null, ['y']]), 'btn active x y'));
}

// Bytes to text without TextDecoder, which not every page-like environment provides; ASCII is enough here.
class TextDecoderLike {
  decode(bytes) {
    let out = '';
    for (const b of bytes) out += String.fromCharCode(b);
    return out;
  }
}
