// Browser-like globals for the vm harness, evaluated inside the fresh context before any bundle, so every stub
// belongs to that context's realm (a host-realm function would hand out the host's Function constructor).
// Properties that are [LegacyUnforgeable] in browsers (window, document, location, top) are non-configurable
// here too, because scuttling treats configurable and non-configurable properties differently.
(function installBrowserStubs() {
  'use strict';
  const g = globalThis;
  const reports = [];
  const logs = [];
  const timers = [];
  const define = (name, value, configurable) =>
    Object.defineProperty(g, name, { value, writable: configurable, enumerable: true, configurable });

  define('__reports', reports, true);
  define('__logs', logs, true);
  define('__timers', timers, true);
  define('window', g, false);
  define('self', g, true);
  define('top', g, false);
  define('parent', g, true);
  define('frames', g, true);
  g.__realMarker = 'REAL';

  g.report = function report(name, value) {
    reports.push([String(name), value === undefined ? '(undefined)' : value]);
  };

  const text = (value) => {
    try {
      if (value && typeof value === 'object' && 'message' in value) return `${value.name}: ${value.message}`;
      return String(value);
    } catch {
      return '(unprintable)';
    }
  };
  const console = {};
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'group', 'groupCollapsed', 'groupEnd', 'time', 'timeEnd', 'table', 'assert', 'count']) {
    console[level] = function (...args) {
      logs.push([level, args.map(text).join(' ')]);
    };
  }
  g.console = console;

  g.setTimeout = function setTimeout(fn) {
    timers.push(fn);
    return timers.length;
  };
  g.clearTimeout = function clearTimeout() {};
  g.fetch = function fetch(url) {
    reports.push(['fetch called', String(url)]);
    return { then() {} };
  };
  g.localStorage = { getItem: (key) => `stored:${key}`, setItem() {} };
  g.navigator = { userAgent: 'lavamoat-vm-harness' };
  g.performance = { now: () => Date.now() };

  // A tiny DOM: elements lead back to the document and the document to the real window.
  class StubNode {
    get ownerDocument() {
      return document;
    }
  }
  class StubElement extends StubNode {
    constructor(tag) {
      super();
      this.tagName = String(tag).toUpperCase();
    }
  }
  const document = {
    title: 'vm harness',
    createElement(tag) {
      if (this !== document) throw new TypeError('Illegal invocation');
      return new StubElement(tag);
    },
    get defaultView() {
      return g;
    },
  };
  define('document', document, false);
  define('location', { href: 'http://127.0.0.1/', origin: 'http://127.0.0.1' }, false);

  // Fixtures for endowment semantics.
  g.receiverCheck = {
    whoAmI() {
      return this === g.receiverCheck ? 'real receiver' : 'wrong receiver';
    },
  };
  let accessorValue = 1;
  g.accessorHost = {
    get value() {
      if (this !== g.accessorHost) throw new TypeError('getter called on the wrong receiver');
      return accessorValue;
    },
    set value(v) {
      if (this !== g.accessorHost) throw new TypeError('setter called on the wrong receiver');
      accessorValue = v;
    },
  };
  g.nested = { a: { b: { c: 'deep', d: 'sibling' }, e: 'other' } };
  g.host = { open: 'open', secret: 'secret', inner: { ok: 'ok', hidden: 'hidden' } };
  g.sharedSlot = 'initial';
})();
