// Prints lavamoat-tofu's primordial mutations (inspectSesCompat, the SES-compat check lavamoat-core runs while
// generating a policy) for each file, as JSON: { "<file>": [{ "line", "column", "path" }] } with 1-based positions.
// Usage: node ses-compat-oracle.js <file>...
'use strict';

const fs = require('node:fs');
const { parse, inspectSesCompat } = require('lavamoat-tofu');

const result = {};
for (const file of process.argv.slice(2)) {
  // The options lavamoat-core's inspectJsModule parses with.
  const ast = parse(fs.readFileSync(file, 'utf8'), {
    sourceType: 'unambiguous',
    allowReturnOutsideFunction: true,
    errorRecovery: true,
  });
  result[file] = inspectSesCompat(ast).primordialMutations.map(({ node, memberPath }) => ({
    line: node.loc.start.line,
    column: node.loc.start.column + 1,
    path: memberPath.join('.'),
  }));
}

process.stdout.write(JSON.stringify(result));
