// Runs before any package (main.js imports it first). Browsers have no `process`; React, Redux and others read
// process.env.NODE_ENV as a free global, so the app provides the `process` polyfill as that global, as browserify
// did. Under LavaMoat this module belongs to $root$, which owns the real global; packages still only see
// process.env.NODE_ENV if their policy grants it. Native Node keeps its own process.
import processPolyfill from 'process';

if (typeof globalThis.process === 'undefined') {
  processPolyfill.env.NODE_ENV = 'production';
  globalThis.process = processPolyfill;
}

export const nodeEnv = globalThis.process.env.NODE_ENV;
