// Web APIs every browser has but the vm harness's browser-stubs.js does not (a fresh vm context holds only the
// ECMAScript built-ins). Loaded as a page script before the bundle, so packages meet the globals a real page
// gives them (react-dom/server's browser build creates a TextEncoder at load time). Minimal and synchronous
// where possible: the harness's setTimeout runs its callbacks only once, after all scripts.
(function installWebPlatformShims() {
  'use strict';
  const g = globalThis;
  const define = (name, value) => {
    if (typeof g[name] === 'undefined') {
      Object.defineProperty(g, name, { value, writable: true, enumerable: false, configurable: true });
    }
  };

  const encodeUtf8 = (input) => {
    const text = String(input);
    const bytes = [];
    for (const ch of text) {
      let cp = ch.codePointAt(0);
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // lone surrogate
      if (cp < 0x80) bytes.push(cp);
      else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
      else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
      else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    }
    return new Uint8Array(bytes);
  };

  define('TextEncoder', class TextEncoder {
    get encoding() {
      return 'utf-8';
    }

    encode(input = '') {
      return encodeUtf8(input);
    }

    encodeInto(input, destination) {
      const bytes = encodeUtf8(input);
      const written = Math.min(bytes.length, destination.length);
      destination.set(bytes.subarray(0, written));
      return { read: String(input).length, written };
    }
  });

  define('TextDecoder', class TextDecoder {
    get encoding() {
      return 'utf-8';
    }

    decode(input) {
      if (input === undefined) return '';
      const bytes = input instanceof Uint8Array ? input : new Uint8Array(input.buffer || input, input.byteOffset || 0, input.byteLength);
      let out = '';
      for (let i = 0; i < bytes.length;) {
        const b = bytes[i];
        const size = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        let cp = size === 1 ? (b < 0x80 ? b : 0xfffd) : b & (0xff >> (size + 1));
        for (let k = 1; k < size; k += 1) cp = (cp << 6) | (bytes[i + k] & 63);
        out += String.fromCodePoint(cp);
        i += size;
      }
      return out;
    }
  });

  // Absolute http(s) URLs and paths resolved against one: what axios's same-origin check builds from location.
  define('URL', class URL {
    constructor(input, base) {
      const text = String(input);
      const absolute = /^([a-z][a-z0-9+.-]*:)\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(text);
      if (absolute) {
        const [, protocol, host, pathname, search, hash] = absolute;
        const [hostname, port = ''] = host.split(':');
        Object.assign(this, { protocol: protocol.toLowerCase(), host, hostname, port, pathname: pathname || '/', search: search || '', hash: hash || '' });
      } else if (base !== undefined) {
        const b = new URL(base);
        const [, pathname = '', search = '', hash = ''] = /^([^?#]*)(\?[^#]*)?(#.*)?$/.exec(text);
        const dir = b.pathname.replace(/[^/]*$/, '');
        Object.assign(this, b, { pathname: pathname.startsWith('/') ? pathname : dir + pathname, search, hash });
      } else {
        throw new TypeError(`Invalid URL: ${text}`);
      }
    }

    get origin() {
      return `${this.protocol}//${this.host}`;
    }

    get href() {
      return `${this.origin}${this.pathname}${this.search}${this.hash}`;
    }

    toString() {
      return this.href;
    }
  });

  define('queueMicrotask', function queueMicrotask(callback) {
    Promise.resolve().then(() => callback());
  });

  // Delivery on a microtask: enough for schedulers that only need "later", and independent of the stub timers.
  define('MessageChannel', class MessageChannel {
    constructor() {
      const makePort = () => ({ onmessage: null, other: null, postMessage(data) {
        const target = this.other;
        Promise.resolve().then(() => { if (typeof target.onmessage === 'function') target.onmessage({ data }); });
      }, start() {}, close() {} });
      this.port1 = makePort();
      this.port2 = makePort();
      this.port1.other = this.port2;
      this.port2.other = this.port1;
    }
  });
})();
