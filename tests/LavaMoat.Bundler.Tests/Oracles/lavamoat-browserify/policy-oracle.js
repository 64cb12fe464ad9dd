// Runs browserify with the real lavamoat-browserify plugin in autopolicy mode on an app and prints the policy.json
// text it would write (jsonStringifySortedPolicy), without writing anything into the app.
// Usage: node policy-oracle.js <projectRoot> <entry relative to projectRoot>
'use strict';

const path = require('node:path');
const os = require('node:os');
const fs = require('node:fs');
const browserify = require('browserify');
const lavamoat = require('lavamoat-browserify');
const { jsonStringifySortedPolicy } = require('lavamoat-core');

const [projectRoot, entry] = process.argv.slice(2);
if (!projectRoot || !entry) {
  console.error('usage: node policy-oracle.js <projectRoot> <entry>');
  process.exit(2);
}

const root = path.resolve(projectRoot);
// A fresh, empty folder: the plugin reads the override from here (missing = none) and writes nothing.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lmb-browserify-oracle-'));
let policyText;

const bundler = browserify([path.join(root, entry)], {
  basedir: root,
  // Leave process/Buffer/global as free references: otherwise browserify injects its own polyfill modules, which
  // live in the oracle's node_modules (outside the app) and would only be names our bundler never sees.
  detectGlobals: false,
  plugin: [
    [
      lavamoat,
      {
        projectRoot: root,
        policyOverride: path.join(scratch, 'policy-override.json'),
        writeAutoPolicy: (policy) => {
          policyText = jsonStringifySortedPolicy(policy);
        },
      },
    ],
  ],
});

bundler.bundle((error) => {
  fs.rmSync(scratch, { recursive: true, force: true });
  if (error) {
    console.error(error.stack || String(error));
    process.exit(1);
  }
  if (policyText === undefined) {
    console.error('lavamoat-browserify produced no policy');
    process.exit(1);
  }
  process.stdout.write(policyText);
});
