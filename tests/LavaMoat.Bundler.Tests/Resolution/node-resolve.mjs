// Node's own answer for specifiers, as the oracle for our exports/imports implementation.
// Usage: node --experimental-import-meta-resolve --conditions=browser node-resolve.mjs <importing file> <specifier>...
// Prints { <specifier>: { import: <path or "ERR:code">, require: <path or "ERR:code"> } }.
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

const [from, ...specifiers] = process.argv.slice(2)
const require = createRequire(from)
const answers = {}
for (const specifier of specifiers) {
  const answer = {}
  try {
    answer.import = fileURLToPath(import.meta.resolve(specifier, pathToFileURL(from)))
  } catch (err) {
    answer.import = 'ERR:' + err.code
  }
  try {
    answer.require = require.resolve(specifier)
  } catch (err) {
    answer.require = 'ERR:' + err.code
  }
  answers[specifier] = answer
}
process.stdout.write(JSON.stringify(answers))
