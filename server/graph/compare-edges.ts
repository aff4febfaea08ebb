import type { EdgeRef } from '../model/index.ts';

/** The order of `getEdges` lists: by type, then `from`, then `to` (plain string order). */
export function compareEdges(a: EdgeRef, b: EdgeRef): number {
  if (a.type !== b.type) return a.type < b.type ? -1 : 1;
  if (a.from !== b.from) return a.from < b.from ? -1 : 1;
  if (a.to !== b.to) return a.to < b.to ? -1 : 1;
  return 0;
}
