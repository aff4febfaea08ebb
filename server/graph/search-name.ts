/**
 * What search matches a node by, shared by every adapter so that they match and rank alike.
 */
import type { GraphNode } from '../model/index.ts';

/**
 * The node's `name`, lowercased by JavaScript's Unicode rules; `undefined` for a node without
 * a string name, which no text search finds. Search ranks by this string's `length` (UTF-16
 * code units), whatever the store.
 */
export function searchNameOf(node: GraphNode): string | undefined {
  const name = node.props.name;
  return typeof name === 'string' ? name.toLowerCase() : undefined;
}
