/**
 * Opaque page cursors shared by both adapters.
 *
 * @remarks
 * A cursor is the position of the last item of a page in the result's sort order:
 * `(tier, length, key)` for a name search (see {@link NodeFilter.text}), `(0, 0, key)`
 * for key-ordered lists. The next page starts strictly after that position (a backward page
 * ends strictly before its `before`), so pages never repeat or skip an item that was there on
 * both reads, even when the graph changes between them (unlike offsets). It is base64url JSON: opaque to clients, readable in logs.
 */
import { GraphStoreError } from './port.ts';

/** Where an item sits in a search's order: match tier, lowercased name length, key. */
export interface SearchPosition {
  readonly tier: number;
  readonly length: number;
  readonly key: string;
}

/** The position before every item, for a first page. */
export const START: SearchPosition = { tier: -1, length: -1, key: '' };

/**
 * The position after every item, for a last page (backward without `before`): a tier above
 * every search tier (0..2), an int32 so that Memgraph takes it as a parameter.
 */
export const END: SearchPosition = { tier: 2 ** 31 - 1, length: 0, key: '' };

export function encodeCursor(position: SearchPosition): string {
  return Buffer.from(JSON.stringify([position.tier, position.length, position.key])).toString('base64url');
}

/**
 * The position of an `after` cursor ({@link START} without one), or of a `before` cursor
 * ({@link END} without one).
 *
 * @throws {@link GraphStoreError} `BAD_REQUEST` when `cursor` is not one of ours.
 */
export function decodeCursor(cursor: string | undefined, name: 'after' | 'before' = 'after'): SearchPosition {
  if (cursor === undefined) return name === 'after' ? START : END;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (
    Array.isArray(value) &&
    value.length === 3 &&
    Number.isInteger(value[0]) &&
    Number.isInteger(value[1]) &&
    typeof value[2] === 'string'
  ) {
    return { tier: value[0], length: value[1], key: value[2] };
  }
  throw new GraphStoreError(
    'BAD_REQUEST',
    name === 'after'
      ? 'after is not a cursor returned by this API; pass a previous endCursor'
      : 'before is not a cursor returned by this API; pass a previous startCursor',
  );
}

/** Whether `(tier, length, key)` comes strictly after `position`. */
export function isAfter(position: SearchPosition, tier: number, length: number, key: string): boolean {
  if (tier !== position.tier) return tier > position.tier;
  if (length !== position.length) return length > position.length;
  return key > position.key;
}

/** Whether `(tier, length, key)` comes strictly before `position`. */
export function isBefore(position: SearchPosition, tier: number, length: number, key: string): boolean {
  if (tier !== position.tier) return tier < position.tier;
  if (length !== position.length) return length < position.length;
  return key < position.key;
}
