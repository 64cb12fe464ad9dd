'use strict'
// Runs lavamoat-core's own policy generation (createModuleInspector, as lavamoat-browserify drives it) on each
// file named on the command line and prints, per file, the module's globals as lavamoat-core
// records them in policy-debug.json (before the per-package merge), plus the source type Babel picked.
// Usage: node globals-oracle.js <file>...  →  {"<file>": {"sourceType": "script"|"module", "globals": {path: "read"|"write"}} | {"error": "..."}}
const fs = require('node:fs')
const { parse } = require('@babel/parser')
const { createModuleInspector, LavamoatModuleRecord } = require('lavamoat-core')

// SES-compat findings are printed with console.warn; keep them off stdout (they already go to stderr) and quiet.
console.warn = () => {}

const files = process.argv.slice(2)
const result = {}
for (const file of files) {
  try {
    const content = fs.readFileSync(file, 'utf8')
    // The same options generatePolicy parses with, only to report which goal Babel chose.
    const ast = parse(content, { sourceType: 'unambiguous', allowReturnOutsideFunction: true, errorRecovery: true })
    const inspector = createModuleInspector({ includeDebugInfo: true })
    inspector.inspectModule(
      new LavamoatModuleRecord({ specifier: file, file, type: 'js', packageName: 'pkg', content, importMap: {} })
    )
    const policy = inspector.generatePolicy({ includeDebugInfo: true })
    const debug = policy.debugInfo[file] || {}
    result[file] = { sourceType: ast.program.sourceType, globals: debug.globals || {} }
  } catch (err) {
    result[file] = { error: String(err && err.message || err) }
  }
}
process.stdout.write(JSON.stringify(result))
