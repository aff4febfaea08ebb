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

/**
 * Whether a (lowercased) search text is matched against qualified names: it holds a `.`, as
 * `OrderService.place` does. A name (`place`) never holds one, so such a query found nothing.
 */
export function isQualifiedSearch(text: string): boolean {
  return text.includes('.');
}

/**
 * What a query with a `.` matches a node by: its `qualifiedName` (its `name` when it has none,
 * e.g. a file's `app.ts`), lowercased as {@link searchNameOf}; `undefined` when that holds no
 * `.`, since no such query can match it (a top-level symbol's qualified name is its name). Ranked
 * by this string's `length`, as names are.
 */
export function qualifiedSearchNameOf(node: GraphNode): string | undefined {
  const { qualifiedName, name } = node.props;
  const text =
    typeof qualifiedName === 'string' ? qualifiedName : typeof name === 'string' ? name : undefined;
  const lower = text?.toLowerCase();
  return lower !== undefined && isQualifiedSearch(lower) ? lower : undefined;
}
