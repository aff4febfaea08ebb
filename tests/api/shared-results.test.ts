/** Subscribers of one event with one operation share its execution (server/http/shared-results.ts). */
import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { sharedSubscriptionResultsPlugin } from '../../server/http/shared-results.ts';

interface Tick {
  readonly n: number;
}

/** A subscription source that hands the same event object to every subscriber. */
function broadcaster() {
  const subscribers = new Set<(tick: Tick) => void>();
  let joined: () => void = () => {};
  return {
    subscribers,
    /** Resolves once `count` subscribers listen. */
    until(count: number) {
      return new Promise<void>((resolve) => {
        joined = () => subscribers.size >= count && resolve();
        joined();
      });
    },
    publish(tick: Tick) {
      for (const push of subscribers) push(tick);
    },
    subscribe(): AsyncIterableIterator<Tick> {
      const queue: Tick[] = [];
      let wake: (() => void) | undefined;
      const push = (tick: Tick) => {
        queue.push(tick);
        wake?.();
      };
      subscribers.add(push);
      joined();
      return {
        [Symbol.asyncIterator]() {
          return this;
        },
        async next() {
          while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
          return { done: false, value: queue.shift()! };
        },
        async return() {
          subscribers.delete(push);
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/** The first `next` payload of an SSE subscription. */
async function firstEvent(response: Response): Promise<unknown> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended: ${text}`);
    text += decoder.decode(value, { stream: true });
    const match = /event: next\ndata: (.*)\n\n/.exec(text);
    if (match) {
      await reader.cancel();
      return JSON.parse(match[1]!);
    }
  }
}

describe('shared subscription results', () => {
  it('executes an event once for every subscriber of the same operation, once more for another', async () => {
    const source = broadcaster();
    let executions = 0;
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { x: Int } type Subscription { tick(step: Int): Tick! } type Tick { n: Int! }',
        resolvers: {
          Subscription: { tick: { subscribe: () => source.subscribe(), resolve: (tick: Tick) => tick } },
          Tick: {
            n: (tick: Tick) => {
              executions += 1;
              return tick.n;
            },
          },
        },
      }),
      plugins: [sharedSubscriptionResultsPlugin()],
    });
    const subscribe = (query: string) =>
      yoga.fetch('http://codenav/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query }),
      });

    const same = await Promise.all(Array.from({ length: 5 }, () => subscribe('subscription { tick { n } }')));
    const other = await subscribe('subscription { tick(step: 2) { n } }');
    const events = [...same, other].map(firstEvent);
    await source.until(6);
    source.publish({ n: 7 });

    const received = await Promise.all(events);
    expect(received).toEqual(Array.from({ length: 6 }, () => ({ data: { tick: { n: 7 } } })));
    expect(executions).toBe(2);
    // Every subscriber left: the source let them all go.
    await expect.poll(() => source.subscribers.size).toBe(0);
  });
});
