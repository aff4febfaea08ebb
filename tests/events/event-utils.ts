/**
 * Helpers for events tests: revisions to publish, and following a subscription in the
 * background so a test can wait (with a deadline) for what it should receive.
 */
import { EventsError, type EventsErrorCode, type RevisionEvent } from '../../server/events/port.ts';

/** A small, distinct revision: one node added in `src/r<revision>.ts`. */
export function revisionEvent(revision: number, tag = 'a'): RevisionEvent {
  const file = `src/${tag}${revision}.ts`;
  return {
    revision,
    files: [file],
    timestamp: 1_700_000_000_000 + revision,
    changes: [
      { op: 'NODE_ADDED', node: { key: file, kind: 'FILE', props: { path: file, lines: revision } } },
    ],
  };
}

/** Publishes each revision in `revisions`, one after the other. */
export async function publishAll(
  engine: { publish(event: RevisionEvent): Promise<void> },
  revisions: Iterable<number>,
  tag?: string,
): Promise<void> {
  for (const revision of revisions) await engine.publish(revisionEvent(revision, tag));
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Polls `check` until it returns true; fails with `what` after `timeoutMs`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A subscription read in the background: what it received, how it ended. */
export interface Follower<T> {
  readonly values: T[];
  readonly error: unknown;
  readonly done: boolean;
  /** Waits until `count` values have come (or fails, saying what came instead). */
  receive(count: number, timeoutMs?: number): Promise<T[]>;
  /** Waits until the subscription ends, with an error or without. */
  ended(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function follow<T>(iterator: AsyncIterableIterator<T>): Follower<T> {
  const values: T[] = [];
  const state = { error: undefined as unknown, done: false };
  const reading = (async () => {
    try {
      for (;;) {
        const step = await iterator.next();
        if (step.done) break;
        values.push(step.value);
      }
    } catch (error) {
      state.error = error;
    } finally {
      state.done = true;
    }
  })();
  return {
    values,
    get error() {
      return state.error;
    },
    get done() {
      return state.done;
    },
    async receive(count, timeoutMs = 10_000) {
      await eventually(
        () => values.length >= count || state.done,
        `${count} values (got ${JSON.stringify(values).slice(0, 300)})`,
        timeoutMs,
      );
      if (values.length < count) {
        throw new Error(`the subscription ended after ${values.length} values: ${String(state.error)}`);
      }
      return values.slice(0, count);
    },
    async ended(timeoutMs = 10_000) {
      await eventually(() => state.done, 'the subscription to end', timeoutMs);
    },
    async stop() {
      await iterator.return?.();
      await reading;
    },
  };
}

/** The revisions of events. */
export function revisions(events: readonly RevisionEvent[]): number[] {
  return events.map((event) => event.revision);
}

/** Asserts `error` is an EventsError of `code`, and returns it for further checks. */
export function eventsError(error: unknown, code: EventsErrorCode): EventsError {
  if (!(error instanceof EventsError))
    throw new Error(`expected an EventsError ${code}, got ${String(error)}`);
  if (error.code !== code) throw new Error(`expected ${code}, got ${error.code}: ${error.message}`);
  return error;
}

/** The error the first `next()` rejects with (fails when it does not reject). */
export async function firstError(iterator: AsyncIterator<unknown>, timeoutMs = 10_000): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const step = await Promise.race([
      iterator.next(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`next() did not settle in ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    throw new Error(`expected next() to reject, it gave ${JSON.stringify(step).slice(0, 200)}`);
  } catch (error) {
    return error;
  } finally {
    clearTimeout(timer);
  }
}
