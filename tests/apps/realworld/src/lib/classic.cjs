'use strict';
// CommonJS part of the app: CJS packages through require, including the Node builtin names a browser bundle must
// map to their polyfill packages ('buffer', 'events', 'process', 'path' → path-browserify). In native Node the same
// names are Node's own modules, so every check here asserts behaviour both share.
const { Buffer } = require('buffer');
const EventEmitter = require('events');
const proc = require('process');
const path = require('path');
const _ = require('lodash');
const qs = require('qs');
const semver = require('semver');
const ms = require('ms');
const dayjs = require('dayjs');
const validator = require('validator');
const Mustache = require('mustache');
const equal = require('fast-deep-equal');
const { slugify } = require('./text-utils.cjs');

exports.run = function run(check, expectEqual) {
  check('buffer', () => {
    const b = Buffer.from('LavaMoat ✓', 'utf8');
    expectEqual(b.length, 12, 'utf8 length (✓ is three bytes)');
    expectEqual(b.toString('base64'), 'TGF2YU1vYXQg4pyT', 'base64');
    expectEqual(Buffer.from('4c4d', 'hex').toString('latin1'), 'LM', 'hex');
    expectEqual(b.readUInt16BE(0), 0x4c61, 'readUInt16BE');
    return b.toString('hex');
  });

  check('events', () => {
    const bus = new EventEmitter();
    const seen = [];
    bus.on('add', (n) => seen.push(n));
    bus.once('add', (n) => seen.push(n * 10));
    bus.emit('add', 1);
    bus.emit('add', 2);
    expectEqual(seen, [1, 10, 2]);
    expectEqual(bus.listenerCount('add'), 1, 'listeners after once');
    return seen;
  });

  check('process', () => {
    expectEqual(typeof proc.env, 'object', 'env');
    expectEqual(typeof proc.nextTick, 'function', 'nextTick');
    expectEqual(typeof proc.cwd(), 'string', 'cwd');
    return `title=${proc.title}`;
  });

  check('path-browserify', () => {
    expectEqual(path.posix ? path.posix.join('/a/b', '../c', 'd.js') : path.join('/a/b', '../c', 'd.js'), '/a/c/d.js');
    expectEqual(path.extname('bundle.min.js'), '.js');
    expectEqual(path.basename('/x/y/z.txt', '.txt'), 'z');
    return path.normalize('/a//b/../c');
  });

  check('lodash', () => {
    const users = [{ n: 'ann', age: 31 }, { n: 'bob', age: 25 }, { n: 'cy', age: 31 }];
    expectEqual(_.map(_.sortBy(users, ['age', 'n']), 'n'), ['bob', 'ann', 'cy'], 'sortBy');
    expectEqual(_.groupBy(users, 'age'), { 25: [users[1]], 31: [users[0], users[2]] }, 'groupBy');
    expectEqual(_.chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]], 'chunk');
    expectEqual(_.camelCase('Foo Bar-baz'), 'fooBarBaz', 'camelCase');
    return _.VERSION;
  });

  check('qs', () => {
    const parsed = qs.parse('a[b]=1&a[c][]=x&a[c][]=y&d=%20e');
    expectEqual(parsed, { a: { b: '1', c: ['x', 'y'] }, d: ' e' });
    expectEqual(qs.stringify({ p: { q: [1, 2] } }, { encode: false }), 'p[q][0]=1&p[q][1]=2');
    return qs.stringify(parsed);
  });

  check('semver', () => {
    expectEqual(semver.satisfies('1.4.2', '^1.2.0'), true, 'satisfies');
    expectEqual(semver.maxSatisfying(['1.0.0', '1.9.9', '2.0.0'], '~1.9'), '1.9.9', 'maxSatisfying');
    expectEqual(semver.inc('1.2.3', 'minor'), '1.3.0', 'inc');
    return semver.sort(['2.0.0', '1.0.0-beta', '1.0.0']).join(' ');
  });

  check('ms', () => {
    expectEqual(ms('2 days'), 172800000);
    expectEqual(ms(90000), '2m');
    return ms(3600000, { long: true });
  });

  check('dayjs', () => {
    const d = dayjs(new Date(2024, 1, 28, 9, 5)).add(1, 'day');
    expectEqual(d.format('YYYY-MM-DD HH:mm'), '2024-02-29 09:05', 'leap day');
    expectEqual(d.diff(dayjs(new Date(2024, 0, 1)), 'day'), 59, 'diff');
    return d.format('ddd D MMM');
  });

  check('validator', () => {
    expectEqual(validator.isEmail('dev@example.org'), true, 'email');
    expectEqual(validator.isEmail('not an email'), false, 'bad email');
    expectEqual(validator.isUUID('6ba7b810-9dad-11d1-80b4-00c04fd430c8'), true, 'uuid');
    return validator.escape('<a href="x">');
  });

  check('mustache', () => {
    const out = Mustache.render('{{#items}}<li>{{name}}</li>{{/items}}{{^items}}none{{/items}} {{&raw}} {{esc}}', {
      items: [{ name: 'a' }, { name: 'b' }],
      raw: '<b>',
      esc: '<i>',
    });
    expectEqual(out, '<li>a</li><li>b</li> <b> &lt;i&gt;');
    return out;
  });

  check('fast-deep-equal', () => {
    expectEqual(equal({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), true, 'equal');
    expectEqual(equal({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] }), false, 'different');
    return 'ok';
  });

  check('own cjs module', () => expectEqual(slugify('  Hello, LavaMoat World! '), 'hello-lava-moat-world'));
};
