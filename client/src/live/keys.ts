/**
 * Reading node and edge keys (docs/ARCHITECTURE.md, "Keys"): files `src/a.ts`, symbols
 * `src/a.ts#Outer.inner`, external modules `npm:react` / `node:fs`, edges `TYPE:from->to`.
 */

/** The file a node key belongs to, or undefined for an external module. */
export function fileOfKey(key: string): string | undefined {
  if (isExternalKey(key)) return undefined;
  const hash = key.indexOf('#');
  return hash === -1 ? key : key.slice(0, hash);
}

export function isExternalKey(key: string): boolean {
  return key.startsWith('npm:') || key.startsWith('node:');
}

export function isSymbolKey(key: string): boolean {
  return !isExternalKey(key) && key.includes('#');
}

/** A short readable label: the qualified name of a symbol, the path of a file, the package of a module. */
export function labelOfKey(key: string): string {
  if (isExternalKey(key)) return key.slice(key.indexOf(':') + 1);
  const hash = key.indexOf('#');
  return hash === -1 ? key : key.slice(hash + 1);
}

/** The last segment of a qualified name: `Cart.add` → `add`. */
export function shortName(qualified: string): string {
  const dot = qualified.lastIndexOf('.');
  return dot === -1 || qualified.endsWith('.') ? qualified : qualified.slice(dot + 1);
}

/** `CALLS:src/a.ts#f->src/b.ts#g` → its parts, or undefined when it is not an edge key. */
export function parseEdgeKey(key: string): { type: string; from: string; to: string } | undefined {
  const colon = key.indexOf(':');
  const arrow = key.indexOf('->', colon + 1);
  if (colon <= 0 || arrow === -1) return undefined;
  const type = key.slice(0, colon);
  if (!/^[A-Z_]+$/.test(type)) return undefined;
  return { type, from: key.slice(colon + 1, arrow), to: key.slice(arrow + 2) };
}
