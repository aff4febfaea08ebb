import { createHash } from 'node:crypto';
import {
  createSourceEventStream,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

type Executed = ReturnType<typeof execute>;
/** Results of one event, per operation (document, then operation name and variables). */
type ByOperation = WeakMap<DocumentNode, Map<string, WeakRef<Executed & object>>>;

/**
 * Subscriptions that receive the same event with the same operation share one execution of
 * it: a revision of a large project is a payload of megabytes that takes a hundred
 * milliseconds to execute, and a thousand subscribers would otherwise pay that a thousand
 * times (and hold a thousand copies).
 *
 * @remarks
 * Sharing is safe because a subscription's payload depends only on the event, the document
 * and the variables, never on who asks. Results are held weakly: one lives while some
 * subscriber still sends it, so nothing accumulates for events in the revision log.
 * Events are matched by identity: engines hand the same event object to every local
 * subscriber. Replaces Yoga's subscribe with graphql-js's source stream and per-event
 * `execute`, which is what `subscribe` does; the other plugins' hooks still apply.
 */
export function sharedSubscriptionResultsPlugin(): Plugin {
  const byEvent = new WeakMap<object, ByOperation>();
  const cleanup = new FinalizationRegistry<{ results: Map<string, WeakRef<object>>; key: string }>(
    ({ results, key }) => {
      if (results.get(key)?.deref() === undefined) results.delete(key);
    },
  );

  const executeShared = (event: unknown, args: ExecutionArgs, key: string): Executed => {
    if (typeof event !== 'object' || event === null) return execute({ ...args, rootValue: event });
    let byDocument = byEvent.get(event);
    if (!byDocument) {
      byDocument = new WeakMap();
      byEvent.set(event, byDocument);
    }
    let results = byDocument.get(args.document);
    if (!results) {
      results = new Map();
      byDocument.set(args.document, results);
    }
    const shared = results.get(key)?.deref();
    if (shared) return shared;
    // A promise (when a resolver is async) is shared the same way as a result.
    const executed = execute({ ...args, rootValue: event }) as Executed & object;
    results.set(key, new WeakRef(executed));
    cleanup.register(executed, { results, key });
    return executed;
  };

  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(async (args) => {
        const stream = await createSourceEventStream(args);
        if (!(Symbol.asyncIterator in stream)) return stream;
        const key = createHash('sha256')
          .update(`${args.operationName ?? ''}\n${JSON.stringify(args.variableValues ?? {})}`)
          .digest('base64');
        return mapEvents(stream[Symbol.asyncIterator](), (event) => executeShared(event, args, key));
      });
    },
  };
}

/** The stream of results; `return()` reaches the source at once (a client that leaves is let go). */
function mapEvents(
  source: AsyncIterator<unknown>,
  map: (event: unknown) => Executed,
): AsyncIterableIterator<ExecutionResult> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const step = await source.next();
      return step.done ? { done: true, value: undefined } : { done: false, value: await map(step.value) };
    },
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      await source.return?.();
      throw error;
    },
  };
}

const encodings = new WeakMap<object, string>();

/**
 * The JSON of a result, computed once however many subscribers send it (a shared result's
 * encoding is shared too, and lives as long as the result).
 */
export function encodedResult(result: ExecutionResult): string {
  let json = encodings.get(result);
  if (json === undefined) {
    json = JSON.stringify(result);
    encodings.set(result, json);
  }
  return json;
}
