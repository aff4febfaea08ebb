/**
 * `findNodes` over the memory adapter's {@link SearchIndex}: candidates come from the
 * indexes (names by exact/prefix/substring match, or a key range), filters are checked on
 * candidates only, and only the buckets that can reach the requested page are sorted.
 */
import type { GraphNode, NodeKind } from '../../model/index.ts';
import { type ResolvedPage, resolveFilter, resolvePage } from '../bounds.ts';
import { encodeCursor, isAfter, isBefore } from '../cursor.ts';
import type { NodeFilter, Page, PageRequest } from '../port.ts';
import type { NameIndex, SearchIndex } from './search-index.ts';
import { lowerBound, prefixRange, upperBound } from './sorted-strings.ts';

type NodeOf = (key: string) => GraphNode;
type Accept = ((node: GraphNode) => boolean) | undefined;

/**
 * Gathers a page from candidates offered in the result's order (forward) or in reverse order
 * (backward), keeping those past the cursor, until it holds one more than the page (to know
 * whether more lie beyond it).
 */
class PageCollector {
  readonly #items: GraphNode[] = [];
  readonly #cursors: string[] = [];
  total = 0;

  constructor(readonly page: ResolvedPage) {}

  get backward(): boolean {
    return this.page.backward;
  }

  /** Whether the page (plus one item, to know whether there are more) is complete. */
  get full(): boolean {
    return this.#items.length > this.page.size;
  }

  /** Whether an item at `(tier, length)` may still be wanted: buckets past it hold none. */
  wants(tier: number, length: number): boolean {
    if (this.full) return false;
    const { page } = this;
    return page.backward
      ? tier < page.before.tier || (tier === page.before.tier && length <= page.before.length)
      : tier > page.after.tier || (tier === page.after.tier && length >= page.after.length);
  }

  offer(node: GraphNode, tier: number, length: number): void {
    if (this.full) return;
    const { page } = this;
    const past = page.backward
      ? isBefore(page.before, tier, length, node.key)
      : isAfter(page.after, tier, length, node.key);
    if (!past) return;
    this.#items.push(node);
    this.#cursors.push(encodeCursor({ tier, length, key: node.key }));
  }

  result(): Page<GraphNode> {
    const { size } = this.page;
    const more = this.#items.length > size;
    const items = this.#items.slice(0, size);
    const cursors = this.#cursors.slice(0, size);
    // Gathered nearest the cursor first: a backward page is then turned into the result's order.
    if (this.backward) {
      items.reverse();
      cursors.reverse();
    }
    return {
      items,
      cursors,
      totalCount: this.total,
      hasNextPage: !this.backward && more,
      hasPreviousPage: this.backward && more,
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
  const collector = new PageCollector(resolvePage(page));
  const { text, kinds, pathPrefix, exported } = resolveFilter(filter);
  if (text !== undefined) {
    const accept = acceptOf(kinds, pathPrefix, exported);
    searchByName(index.namesFor(text), nodeOf, text, accept, collector);
  } else {
    // Key lists per kind already filter by kind.
    const accept = acceptOf(undefined, pathPrefix, exported);
    listByKey(index, nodeOf, kinds, pathPrefix, accept, collector);
  }
  return collector.result();
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
  // Every match counts towards totalCount; only buckets (tier, length) the page can reach, and
  // only until it is full, are gathered and sorted: in rank order forward, reversed backward.
  const buckets: { tier: number; length: number; names: string[] }[] = [];
  tiers.forEach((names, tier) => {
    const byLength = new Map<number, string[]>();
    for (const name of names) {
      const group = byLength.get(name.length);
      if (group) group.push(name);
      else byLength.set(name.length, [name]);
    }
    for (const length of [...byLength.keys()].sort((a, b) => a - b))
      buckets.push({ tier, length, names: byLength.get(length)! });
  });
  if (out.backward) buckets.reverse();
  for (const { tier, length, names } of buckets) {
    const wanted = out.wants(tier, length);
    const bucket: string[] = [];
    for (const name of names) {
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
    if (out.backward) bucket.reverse();
    for (const key of bucket) {
      out.offer(nodeOf(key), tier, length);
      if (out.full) break;
    }
  }
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

  if (out.page.backward) {
    // Merge the sorted sources downwards from just before the cursor's key (from their ends when
    // it is a search cursor, which comes after every key-ordered item).
    const before = out.page.before;
    const positions = ranges.map(([start, end], i) =>
      before.tier > 0
        ? end - 1
        : Math.max(start, Math.min(end, lowerBound(sources[i]!, before.key, start))) - 1,
    );
    while (!out.full) {
      let best = -1;
      for (let i = 0; i < sources.length; i += 1) {
        if (positions[i]! < ranges[i]![0]) continue;
        if (best === -1 || sources[i]![positions[i]!]! > sources[best]![positions[best]!]!) best = i;
      }
      if (best === -1) return;
      const node = nodeOf(sources[best]![positions[best]!]!);
      positions[best]! -= 1;
      if (!accept || accept(node)) out.offer(node, 0, 0);
    }
    return;
  }
  // Merge the sorted sources from just after the cursor's key until the page is full.
  const after = out.page.after;
  const skipTo = after.tier <= 0 ? after.key : '\uffff';
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
