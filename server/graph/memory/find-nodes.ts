/**
 * `findNodes` over the memory adapter's {@link SearchIndex}: candidates come from the
 * indexes (names by exact/prefix/substring match, or a key range), filters are checked on
 * candidates only, and only the buckets that can reach the requested page are sorted.
 */
import type { GraphNode, NodeKind } from '../../model/index.ts';
import { resolveFilter, resolvePageSize } from '../bounds.ts';
import { decodeCursor, encodeCursor, isAfter, type SearchPosition } from '../cursor.ts';
import type { NodeFilter, Page, PageRequest } from '../port.ts';
import type { NameIndex, SearchIndex } from './search-index.ts';
import { prefixRange, upperBound } from './sorted-strings.ts';

type NodeOf = (key: string) => GraphNode;
type Accept = ((node: GraphNode) => boolean) | undefined;

class PageCollector {
  readonly #items: GraphNode[] = [];
  readonly #cursors: string[] = [];
  total = 0;

  constructor(
    readonly first: number,
    readonly after: SearchPosition,
  ) {}

  /** Whether the page (plus one item, to know `hasNextPage`) is complete. */
  get full(): boolean {
    return this.#items.length > this.first;
  }

  offer(node: GraphNode, tier: number, length: number): void {
    if (this.full || !isAfter(this.after, tier, length, node.key)) return;
    this.#items.push(node);
    this.#cursors.push(encodeCursor({ tier, length, key: node.key }));
  }

  page(): Page<GraphNode> {
    return {
      items: this.#items.slice(0, this.first),
      cursors: this.#cursors.slice(0, this.first),
      totalCount: this.total,
      hasNextPage: this.#items.length > this.first,
    };
  }
}

/** Nodes matching `filter`, ranked as {@link NodeFilter.text} describes, a page at a time. */
export function findNodesIn(
  index: SearchIndex,
  nodeOf: NodeOf,
  filter: NodeFilter,
  page: PageRequest | undefined,
): Page<GraphNode> {
  const collector = new PageCollector(resolvePageSize(page), decodeCursor(page?.after));
  const { text, kinds, pathPrefix, exported } = resolveFilter(filter);
  if (text !== undefined) {
    const accept = acceptOf(kinds, pathPrefix, exported);
    searchByName(index.namesFor(text), nodeOf, text, accept, collector);
  } else {
    // Key lists per kind already filter by kind.
    const accept = acceptOf(undefined, pathPrefix, exported);
    listByKey(index, nodeOf, kinds, pathPrefix, accept, collector);
  }
  return collector.page();
}

/** The filter to check on each candidate, or `undefined` when every candidate passes. */
function acceptOf(
  kinds: readonly NodeKind[] | undefined,
  pathPrefix: string | undefined,
  exported: boolean | undefined,
): Accept {
  if (!kinds && pathPrefix === undefined && exported === undefined) return undefined;
  const kindSet = kinds && new Set<string>(kinds);
  return (node) =>
    (!kindSet || kindSet.has(node.kind)) &&
    (pathPrefix === undefined ||
      (typeof node.props.path === 'string' && node.props.path.startsWith(pathPrefix))) &&
    (exported === undefined || (node.props.exported === true) === exported);
}

function searchByName(
  index: NameIndex,
  nodeOf: NodeOf,
  text: string,
  accept: Accept,
  out: PageCollector,
): void {
  const tiers: (readonly string[])[] = [
    index.keysNamed(text).length > 0 ? [text] : [],
    index.namesStartingWith(text).filter((name) => name !== text),
    index.namesContaining(text).filter((name) => !name.startsWith(text)),
  ];
  tiers.forEach((names, tier) => {
    const byLength = new Map<number, string[]>();
    for (const name of names) {
      const group = byLength.get(name.length);
      if (group) group.push(name);
      else byLength.set(name.length, [name]);
    }
    for (const length of [...byLength.keys()].sort((a, b) => a - b)) {
      // Every match counts towards totalCount; only buckets at or after the cursor, and
      // only until the page is full, are gathered and sorted.
      const wanted =
        !out.full && (tier > out.after.tier || (tier === out.after.tier && length >= out.after.length));
      const bucket: string[] = [];
      for (const name of byLength.get(length)!) {
        const keys = index.keysNamed(name);
        if (!accept) {
          out.total += keys.length;
          if (wanted) bucket.push(...keys);
          continue;
        }
        for (const key of keys) {
          if (!accept(nodeOf(key))) continue;
          out.total += 1;
          if (wanted) bucket.push(key);
        }
      }
      if (!wanted) continue;
      bucket.sort();
      for (const key of bucket) {
        out.offer(nodeOf(key), tier, length);
        if (out.full) break;
      }
    }
  });
}

function listByKey(
  index: SearchIndex,
  nodeOf: NodeOf,
  kinds: readonly NodeKind[] | undefined,
  pathPrefix: string | undefined,
  accept: Accept,
  out: PageCollector,
): void {
  // Kinds pick the per-kind key lists; a path prefix narrows each to a key range, because a
  // node's key begins with its file path. `accept` still checks the path itself.
  const sources = kinds ? kinds.map((kind) => index.keysOfKind(kind)) : [index.keys.items];
  const ranges = sources.map((items): [number, number] =>
    pathPrefix ? prefixRange(items, pathPrefix) : [0, items.length],
  );

  ranges.forEach(([start, end], i) => {
    if (!accept) {
      out.total += end - start;
      return;
    }
    const items = sources[i]!;
    for (let at = start; at < end; at += 1) if (accept(nodeOf(items[at]!))) out.total += 1;
  });

  // Merge the sorted sources from just after the cursor's key until the page is full.
  const skipTo = out.after.tier <= 0 ? out.after.key : '\uffff';
  const positions = ranges.map(([start, end], i) => Math.min(end, upperBound(sources[i]!, skipTo, start)));
  while (!out.full) {
    let best = -1;
    for (let i = 0; i < sources.length; i += 1) {
      if (positions[i]! >= ranges[i]![1]) continue;
      if (best === -1 || sources[i]![positions[i]!]! < sources[best]![positions[best]!]!) best = i;
    }
    if (best === -1) return;
    const node = nodeOf(sources[best]![positions[best]!]!);
    positions[best]! += 1;
    if (!accept || accept(node)) out.offer(node, 0, 0);
  }
}
