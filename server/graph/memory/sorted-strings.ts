/**
 * A sorted set of strings for range scans (prefix search, key order), with batched updates:
 * changes are buffered and merged at {@link SortedStrings.flush}, so loading 150k keys is
 * one sort and a merge, while a watcher's small change set splices a few entries.
 */
export class SortedStrings {
  #items: string[] = [];
  // Pending additions are a plain array (a load adds 150k values; a Set costs twice as much),
  // pending removals a Set. A value both added and removed before a flush is filtered out then.
  #added: string[] = [];
  readonly #removed = new Set<string>();

  /** The sorted values as of the last {@link SortedStrings.flush}. */
  get items(): readonly string[] {
    return this.#items;
  }

  /** Adds a value the set does not hold (as of the pending changes). */
  add(value: string): void {
    if (!this.#removed.delete(value)) this.#added.push(value);
  }

  /** Removes a value the set holds (as of the pending changes). */
  delete(value: string): void {
    this.#removed.add(value);
  }

  /** Makes pending changes visible in {@link SortedStrings.items}. */
  flush(): void {
    if (this.#added.length === 0 && this.#removed.size === 0) return;
    const removed = this.#removed;
    const added = removed.size > 0 ? this.#added.filter((v) => !removed.has(v)) : this.#added;
    // A splice moves the tail of the array: cheap for a few changes, quadratic for many.
    if (added.length + removed.size <= 64) {
      for (const value of removed) {
        const at = lowerBound(this.#items, value);
        if (this.#items[at] === value) this.#items.splice(at, 1);
      }
      for (const value of added) this.#items.splice(lowerBound(this.#items, value), 0, value);
    } else {
      const kept = removed.size > 0 ? this.#items.filter((v) => !removed.has(v)) : this.#items;
      this.#items = mergeSorted(kept, added.sort());
    }
    this.#added = [];
    removed.clear();
  }
}

/** The first index whose item is `>= value`. */
export function lowerBound(items: readonly string[], value: string, from = 0): number {
  let lo = from;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose item is `> value`. */
export function upperBound(items: readonly string[], value: string, from = 0): number {
  let lo = from;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `[start, end)`: the items that start with `prefix`, which are contiguous in sorted order. */
export function prefixRange(items: readonly string[], prefix: string): [start: number, end: number] {
  const start = lowerBound(items, prefix);
  let lo = start;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return [start, lo];
}

/** Inserts `value` into a sorted array if absent. */
export function insertSorted(items: string[], value: string): void {
  const at = lowerBound(items, value);
  if (items[at] !== value) items.splice(at, 0, value);
}

/** Removes `value` from a sorted array if present. */
export function removeSorted(items: string[], value: string): void {
  const at = lowerBound(items, value);
  if (items[at] === value) items.splice(at, 1);
}

function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  const out = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
