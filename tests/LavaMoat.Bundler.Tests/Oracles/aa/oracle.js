// Prints @lavamoat/aa's answer for a project as JSON: { packages: { <dir relative to root>: <name> }, files: { <file>: <name or "ERROR"> } }.
// Usage: node oracle.js <projectRoot> <includeDevDeps:true|false> [file relative to root]...
'use strict'
const path = require('node:path')
const { loadCanonicalNameMap, getPackageNameForModulePath } = require('@lavamoat/aa')

async function main() {
  const [rootDir, includeDev, ...files] = process.argv.slice(2)
  const map = await loadCanonicalNameMap({ rootDir, includeDevDeps: includeDev === 'true' })
  const packages = {}
  for (const [dir, name] of map) {
    packages[path.relative(map.rootDir, dir).split(path.sep).join('/') || '.'] = name
  }
  const names = {}
  for (const file of files) {
    try {
      names[file] = getPackageNameForModulePath(map, path.resolve(rootDir, file))
    } catch {
      names[file] = 'ERROR'
    }
  }
  process.stdout.write(JSON.stringify({ packages, files: names }))
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack || err))
  process.exit(1)
})
