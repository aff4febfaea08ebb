/**
 * The deepest nesting of JSON taken from a client: GraphQL variables over HTTP and MCP messages.
 * No argument of the API and no MCP message nests more than a few levels (a tool call's
 * arguments, 4); a 1 MiB body of `[[[…]]]` nests 500,000 deep.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether a parsed JSON value nests arrays or objects deeper than `limit` (the value itself is
 * level 0). Iterative, so any depth is safe to ask about: a 1 MiB body of `[[[…]]]` nests
 * 500,000 deep, and the first recursive walk over it (`JSON.stringify`, a schema check)
 * overflows the stack.
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}
