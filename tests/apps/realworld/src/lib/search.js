// Loaded with import() from main.js, and itself loads the fuse.js package with import(): dynamic import of an own
// module and of a package.
export async function fuzzySearch(list, pattern) {
  const { default: Fuse } = await import('fuse.js');
  const fuse = new Fuse(list, { keys: ['name'], threshold: 0.3, includeScore: true });
  return fuse.search(pattern).map((r) => r.item.name);
}
