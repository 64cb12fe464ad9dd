// Runs lavamoat-core's own policy code on test cases and prints its answers as JSON.
// Usage: node oracle.js <cases.json>, where cases.json is [{ policy: "<json text>", override: "<json text>" | null }].
// For each case it prints { output } = jsonStringifySortedPolicy(mergePolicy(policy, override)) (or of the policy
// alone when override is null), or { error } with the message mergePolicy threw.
'use strict'
const fs = require('node:fs')
const { mergePolicy, jsonStringifySortedPolicy } = require('lavamoat-core')

const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
const results = cases.map(({ policy, override }) => {
  try {
    const base = JSON.parse(policy)
    const merged = override === null ? base : mergePolicy(base, JSON.parse(override))
    return { output: jsonStringifySortedPolicy(merged) }
  } catch (err) {
    return { error: String((err && err.message) || err) }
  }
})
process.stdout.write(JSON.stringify(results))
