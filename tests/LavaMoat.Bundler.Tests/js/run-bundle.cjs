// Runs scripts, in order, in one fresh vm context with browser-like globals, the way a page runs its classic
// scripts. Code generation from strings is off unless the spec says otherwise, which is what a CSP without
// 'unsafe-eval' does in a browser. Prints one JSON object: reports, console lines and script errors.
//
// usage: node run-bundle.cjs <spec.json>
//   spec: { "scripts": [{ "name": "...", "file": "path" } | { "name": "...", "code": "..." }], "allowEval": false }
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const context = vm.createContext({}, {
  name: 'lavamoat-bundler-test',
  codeGeneration: { strings: spec.allowEval === true, wasm: false },
});
vm.runInContext(fs.readFileSync(path.join(__dirname, 'browser-stubs.js'), 'utf8'), context, { filename: 'browser-stubs.js' });

// Held from the host side: page scripts may scuttle or replace the globals that name them.
const reports = vm.runInContext('__reports', context);
const logs = vm.runInContext('__logs', context);
const timers = vm.runInContext('__timers', context);

const describe = (error) => {
  try {
    return { name: String(error && error.name), message: String(error && error.message) };
  } catch {
    return { name: 'unknown', message: 'unprintable error' };
  }
};

const errors = [];
// A rejected promise nobody handles is a page error, as the browser reports it.
process.on('unhandledRejection', (error) => errors.push({ script: 'promise', ...describe(error) }));
for (const script of spec.scripts) {
  const code = script.file !== undefined ? fs.readFileSync(script.file, 'utf8') : script.code;
  try {
    vm.runInContext(code, context, { filename: script.name });
  } catch (error) {
    errors.push({ script: script.name, ...describe(error) });
  }
}
// Timers and promise jobs (import(), top-level await) run until the page is quiet, as an event loop would.
const settle = async () => {
  let ran = 0;
  for (let round = 0; round < 100; round += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    if (ran === timers.length) {
      if (round > 2) break;
      continue;
    }
    for (; ran < timers.length; ran += 1) {
      try {
        timers[ran]();
      } catch (error) {
        errors.push({ script: 'timer', ...describe(error) });
      }
    }
  }
};

const plain = (value) => {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value;
  return `(${typeof value})`;
};
settle().then(() => {
  process.stdout.write(JSON.stringify({
    reports: Array.from(reports, ([name, value]) => [name, plain(value)]),
    logs: Array.from(logs, ([level, line]) => [String(level), String(line)]),
    errors,
  }));
});
