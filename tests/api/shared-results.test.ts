/** Subscribers of one event with one operation share its execution (server/http/shared-results.ts). */
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createMemoryEvents } from '../../server/events/index.ts';
import { sharedSubscriptionResultsPlugin } from '../../server/http/shared-results.ts';
import { copyFixture, removeCopies } from '../helpers/fixtures.ts';
import { startServer, stopServers } from '../helpers/server.ts';
import { type Received, type Revision, subscribeSse, subscribeWs } from '../helpers/subscriptions.ts';

afterAll(async () => {
  await stopServers();
  removeCopies();
});

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

  it('shares across variables that only the root field’s arguments use, not across those its selection uses', async () => {
    const source = broadcaster();
    let executions = 0;
    const yoga = createYoga({
      schema: createSchema({
        typeDefs:
          'type Query { x: Int } type Subscription { tick(step: Int): Tick! } type Tick { n(times: Int): Int! }',
        resolvers: {
          Subscription: { tick: { subscribe: () => source.subscribe(), resolve: (tick: Tick) => tick } },
          Tick: {
            n: (tick: Tick, { times }: { times?: number }) => {
              executions += 1;
              return tick.n * (times ?? 1);
            },
          },
        },
      }),
      plugins: [sharedSubscriptionResultsPlugin()],
    });
    const query = 'subscription($step: Int, $times: Int) { tick(step: $step) { n(times: $times) } }';
    const subscribe = (variables: Record<string, number>) =>
      yoga.fetch('http://codenav/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query, variables }),
      });

    const responses = await Promise.all([
      subscribe({ step: 1, times: 1 }),
      subscribe({ step: 2, times: 1 }),
      subscribe({ step: 3, times: 2 }),
    ]);
    const events = responses.map(firstEvent);
    await source.until(3);
    source.publish({ n: 7 });

    expect(await Promise.all(events)).toEqual([7, 7, 14].map((n) => ({ data: { tick: { n } } })));
    expect(executions).toBe(2);
    await expect.poll(() => source.subscribers.size).toBe(0);
  });
});

describe('shared graphChanged results', () => {
  it('executes and encodes a revision once per distinct filter, whatever since and transport each subscriber uses', async () => {
    const events = createMemoryEvents();
    const server = await startServer(copyFixture('incremental'), {}, { events });
    const latest = await events.latestRevision();
    expect(latest).toBeGreaterThan(0);
    const before = events.openSubscriptions();
    // Clients that loaded at different revisions (or not resumed at all), over both transports,
    // half of them watching src/math only.
    const subscribers: Received<Revision>[] = [];
    for (const subscribe of [subscribeWs, subscribeSse]) {
      for (const since of [undefined, latest - 1, latest]) {
        subscribers.push(subscribe(server.url, { since }));
        subscribers.push(subscribe(server.url, { since, pathPrefix: 'src/math' }));
      }
    }
    await expect.poll(() => events.openSubscriptions()).toBe(before + subscribers.length);

    const revision = latest + 1;
    const results = new Set<unknown>();
    let encodings = 0;
    const stringify = JSON.stringify;
    const spy = vi.spyOn(JSON, 'stringify').mockImplementation((value, ...rest) => {
      if ((value as { data?: { graphChanged?: Revision } })?.data?.graphChanged?.revision === revision) {
        results.add(value);
        encodings += 1;
      }
      return stringify(value, ...(rest as []));
    });
    try {
      await events.publish({
        revision,
        files: ['src/math.ts', 'src/app.ts'],
        timestamp: Date.now(),
        changes: [
          { op: 'NODE_ADDED', node: { key: 'src/math.ts#cube', kind: 'FUNCTION', props: { name: 'cube' } } },
          { op: 'NODE_ADDED', node: { key: 'src/app.ts#late', kind: 'VARIABLE', props: { name: 'late' } } },
        ],
      });
      const received = await Promise.all(
        subscribers.map(
          async (subscriber) =>
            (await subscriber.until((items) => items.at(-1)?.revision === revision)).at(-1)!,
        ),
      );
      expect(received.map((r) => r.changes.map((c) => c.key))).toEqual(
        subscribers.map((_, i) =>
          i % 2 === 0 ? ['src/math.ts#cube', 'src/app.ts#late'] : ['src/math.ts#cube'],
        ),
      );
    } finally {
      spy.mockRestore();
    }
    // One execution and one encoding of the whole revision, one of its src/math view.
    expect(results.size).toBe(2);
    expect(encodings).toBe(2);
    await Promise.all(subscribers.map((subscriber) => subscriber.close()));
  });
});
