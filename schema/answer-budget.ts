import type { GraphQLError } from 'graphql';
import { userError } from './errors.ts';

/**
 * What one operation's answer may hold, counted while it executes (README: Limits). The
 * complexity estimate weighs a walk or an unpaged list by what a busy node holds, so a query it
 * accepts can still ask for the 1,417 callers of the busiest function, each with its source:
 * the answer is counted as it is made, and one over either bound is refused whole.
 *
 * @remarks
 * On effect (24,818 nodes) the web UI's largest answers hold 1,417 list items (a node page's
 * call sites of `dual`, each with its line) and 104 k characters, far under both
 * (docs/BENCHMARKS.md).
 */
export const ANSWER_LIMITS = {
  /** List items returned by all the operation's list fields together. */
  items: 50_000,
  /** Characters of the strings it returns (source text above all). */
  chars: 16 * 1024 * 1024,
} as const;

/**
 * An operation's running count of what its answer holds. Created with the request's context
 * (one per operation, over HTTP and WebSocket), charged by every list and string field (the
 * `answerBudget` Pothos plugin) and by `source` fields as they cut their text, before the
 * text's field resolves. Once over a bound it stays exceeded: every further resolver throws at
 * once, and the Yoga plugin answers the whole operation with {@link AnswerBudget.error} alone.
 */
export class AnswerBudget {
  #items = 0;
  #chars = 0;
  #error: GraphQLError | undefined;

  constructor(private readonly limits: { readonly items: number; readonly chars: number } = ANSWER_LIMITS) {}

  /** The refusal once a bound was passed; `undefined` while the answer is within both. */
  get error(): GraphQLError | undefined {
    return this.#error;
  }

  /** Throws the refusal when a bound was already passed: work that would be thrown away is not started. */
  assertOpen(): void {
    if (this.#error) throw this.#error;
  }

  /** Counts `items` list items and `chars` characters; throws the refusal when that passes a bound. */
  charge(items: number, chars: number): void {
    this.assertOpen();
    this.#items += items;
    this.#chars += chars;
    if (this.#items > this.limits.items) {
      this.#error = tooLarge(`${this.limits.items.toLocaleString('en')} list items`);
    } else if (this.#chars > this.limits.chars) {
      this.#error = tooLarge(`${(this.limits.chars / 1024 / 1024).toLocaleString('en')} MiB of text`);
    }
    this.assertOpen();
  }
}

function tooLarge(bound: string): GraphQLError {
  return userError(
    'QUERY_TOO_COMPLEX',
    `The answer grew beyond ${bound} while it was computed, so none of it is sent: ask for less — fewer aliases or keys, smaller pages (first), less depth, fewer nested lists (callers of callers, the callers of each impacted node), source with a smaller maxLines, or page through walks with callerWalk/impactWalk(first)`,
  );
}

/** How much a field's value adds to the answer: list items, and characters of its strings. */
export function weighValue(value: unknown): { items: number; chars: number } {
  if (typeof value === 'string') return { items: 0, chars: value.length };
  if (Array.isArray(value)) {
    let chars = 0;
    for (const item of value) if (typeof item === 'string') chars += item.length;
    return { items: value.length, chars };
  }
  if (typeof value === 'object' && value !== null) {
    // A JSON scalar (a node's properties): its strings, one level down.
    let chars = 0;
    for (const item of Object.values(value)) {
      if (typeof item === 'string') chars += item.length;
      else if (Array.isArray(item)) chars += item.length;
    }
    return { items: 0, chars };
  }
  return { items: 0, chars: 0 };
}
