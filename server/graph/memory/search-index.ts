/**
 * The memory adapter's search indexes, kept up to date by every apply so that
 * `findNodes` looks at candidates only, never at every node:
 * - node keys, sorted, overall and per kind: key order, and path prefixes (a node's key
 *   begins with its file path, so a path prefix is a key range);
 * - two {@link NameIndex}es: of lowercased names, and of lowercased qualified names that hold
 *   a `.` (what a query with a `.` matches, `search-name.ts`; a name without one can never
 *   match such a query, so top-level symbols cost nothing there). Each has its distinct
 *   strings, sorted (a prefix is a binary search); for each, its nodes' keys, sorted; and a
 *   trigram → strings map: a substring of three or more characters is looked up through the
 *   rarest of its trigrams instead of scanning every string. That map is built by the first
 *   such search rather than by the first load (it is the costliest part of indexing a large
 *   graph), then kept up to date.
 */
import { type GraphNode, NODE_KINDS, type NodeKind } from '../../model/index.ts';
import { isQualifiedSearch, qualifiedSearchNameOf, searchNameOf } from '../search-name.ts';
import { insertSorted, prefixRange, removeSorted, SortedStrings } from './sorted-strings.ts';

function addTrigrams(index: Map<string, string[]>, name: string): void {
  for (let i = 0; i + 3 <= name.length; i += 1) {
    const gram = name.slice(i, i + 3);
    const names = index.get(gram);
    if (!names) index.set(gram, [name]);
    // A trigram repeated in one name (`aaaa`) finds that name last in its list: skip it.
    else if (names[names.length - 1] !== name) names.push(name);
  }
}

/** Distinct lowercased strings (names, or qualified names) of nodes, and their nodes' keys. */
export class NameIndex {
  /** Distinct lowercased strings. */
  readonly names = new SortedStrings();
  readonly #keysByName = new Map<string, string[]>();
  #namesByTrigram: Map<string, string[]> | undefined;
  /**
   * Names no node has any more, still listed under their trigrams. Taking a name out of a
   * trigram's list means searching that list (thousands of names for a common trigram), so
   * searches skip them instead, and the trigram map is rebuilt once they are many.
   */
  readonly #staleNames = new Set<string>();

  add(name: string | undefined, key: string): void {
    if (name === undefined) return;
    const keys = this.#keysByName.get(name);
    if (keys) {
      insertSorted(keys, key);
      return;
    }
    this.#keysByName.set(name, [key]);
    this.names.add(name);
    // A stale name is still under its trigrams: it only needs to stop being stale.
    if (this.#namesByTrigram && !this.#staleNames.delete(name)) addTrigrams(this.#namesByTrigram, name);
  }

  remove(name: string | undefined, key: string): void {
    if (name === undefined) return;
    const keys = this.#keysByName.get(name);
    if (!keys) return;
    removeSorted(keys, key);
    if (keys.length > 0) return;
    this.#keysByName.delete(name);
    this.names.delete(name);
    if (!this.#namesByTrigram) return;
    this.#staleNames.add(name);
    if (this.#staleNames.size > 1000 && this.#staleNames.size > this.#keysByName.size / 4) {
      this.#namesByTrigram = undefined;
      this.#staleNames.clear();
    }
  }

  /** Keys of the nodes with this lowercased name, sorted. */
  keysNamed(name: string): readonly string[] {
    return this.#keysByName.get(name) ?? [];
  }

  /** Distinct lowercased names that start with `text` (lowercased), in order. */
  namesStartingWith(text: string): readonly string[] {
    const [start, end] = prefixRange(this.names.items, text);
    return this.names.items.slice(start, end);
  }

  /** Distinct lowercased names that contain `text` (lowercased), in no particular order. */
  namesContaining(text: string): string[] {
    if (text.length < 3) return this.names.items.filter((name) => name.includes(text));
    if (!this.#namesByTrigram) {
      this.#namesByTrigram = new Map();
      for (const name of this.#keysByName.keys()) addTrigrams(this.#namesByTrigram, name);
    }
    let rarest: readonly string[] | undefined;
    for (let i = 0; i + 3 <= text.length; i += 1) {
      const names = this.#namesByTrigram.get(text.slice(i, i + 3));
      if (!names) return [];
      if (!rarest || names.length < rarest.length) rarest = names;
    }
    return rarest!.filter((name) => name.includes(text) && !this.#staleNames.has(name));
  }
}

export class SearchIndex {
  /** Every node key. */
  readonly keys = new SortedStrings();
  /** Lowercased names. */
  readonly names = new NameIndex();
  /** Lowercased qualified names holding a `.`. */
  readonly qualifiedNames = new NameIndex();
  readonly #keysByKind = new Map<NodeKind, SortedStrings>(
    NODE_KINDS.map((kind) => [kind, new SortedStrings()]),
  );

  add(node: GraphNode): void {
    this.keys.add(node.key);
    this.#keysByKind.get(node.kind)!.add(node.key);
    this.names.add(searchNameOf(node), node.key);
    this.qualifiedNames.add(qualifiedSearchNameOf(node), node.key);
  }

  remove(node: GraphNode): void {
    this.keys.delete(node.key);
    this.#keysByKind.get(node.kind)!.delete(node.key);
    this.names.remove(searchNameOf(node), node.key);
    this.qualifiedNames.remove(qualifiedSearchNameOf(node), node.key);
  }

  /** `remove(previous)` then `add(node)` for one key, doing only the work that changed. */
  replace(previous: GraphNode, node: GraphNode): void {
    if (previous.kind !== node.kind) {
      this.#keysByKind.get(previous.kind)!.delete(node.key);
      this.#keysByKind.get(node.kind)!.add(node.key);
    }
    for (const [index, of] of [
      [this.names, searchNameOf],
      [this.qualifiedNames, qualifiedSearchNameOf],
    ] as const) {
      const before = of(previous);
      const after = of(node);
      if (before === after) continue;
      index.remove(before, node.key);
      index.add(after, node.key);
    }
  }

  /** Makes the changes since the last flush visible to the sorted views. */
  flush(): void {
    this.keys.flush();
    this.names.names.flush();
    this.qualifiedNames.names.flush();
    for (const keys of this.#keysByKind.values()) keys.flush();
  }

  /** Keys of one kind, sorted. */
  keysOfKind(kind: NodeKind): readonly string[] {
    return this.#keysByKind.get(kind)!.items;
  }

  /** The index a search `text` (lowercased) is matched in: qualified names for a text with a `.`. */
  namesFor(text: string): NameIndex {
    return isQualifiedSearch(text) ? this.qualifiedNames : this.names;
  }
}
