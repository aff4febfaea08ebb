import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RevisionEntry } from '../../client/src/live/event-log.ts';
import {
  type AnalysisProgress,
  createLiveStream,
  type LiveStream,
  type LiveTransport,
  type Sink,
} from '../../client/src/live/live-stream.ts';
import type { RevisionEvent } from '../../client/src/live/revision.ts';

/**
 * A fake server: a revision log and live subscribers, behind a connection that can drop and
 * a process that can restart (its log starts over, with new timestamps).
 */
function createFakeServer() {
  let log: RevisionEvent[] = [];
  let clock = 1000;
  let up = true;
  const subscriptions = new Set<{ since: number; sink: Sink<RevisionEvent> }>();
  const connectionListeners = new Set<(state: 'connecting' | 'connected' | 'closed') => void>();
  const requests: number[] = [];
  const latest = () => log.at(-1)?.revision ?? 0;

  const transport: LiveTransport = {
    async queryRevision() {
      if (!up) throw { message: 'offline', codes: [] };
      return latest();
    },
    subscribeRevisions(since, sink) {
      requests.push(since);
      const subscription = { since, sink };
      queueMicrotask(() => {
        if (since > latest()) return sink.error({ message: 'ahead', codes: ['BAD_USER_INPUT'] });
        const first = log[0]?.revision ?? 1;
        if (since < first - 1) return sink.error({ message: 'expired', codes: ['REVISION_EXPIRED'] });
        for (const event of log) if (event.revision > since) sink.next(event);
        subscriptions.add(subscription);
      });
      return () => subscriptions.delete(subscription);
    },
    subscribeProgress(sink: Sink<AnalysisProgress>) {
      sink.next({ state: 'READY', phase: 'DONE', filesDone: 3, filesTotal: 3, durationMs: 10 });
      return () => {};
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      queueMicrotask(() => up && listener('connected'));
      return () => connectionListeners.delete(listener);
    },
  };

  return {
    transport,
    /** `since` of every graphChanged subscription, in order. */
    requests,
    publish(changes = 1, retain = Number.POSITIVE_INFINITY) {
      const event: RevisionEvent = {
        revision: latest() + 1,
        files: ['src/a.ts'],
        timestamp: clock++,
        changes: Array.from({ length: changes }, (_, i) => ({
          op: 'NODE_ADDED' as const,
          key: `src/a.ts#f${latest() + 1}_${i}`,
          kind: 'FUNCTION',
        })),
      };
      log.push(event);
      if (log.length > retain) log = log.slice(-retain);
      for (const { sink } of subscriptions) if (up) sink.next(event);
    },
    drop() {
      up = false;
      subscriptions.clear();
      for (const listener of connectionListeners) listener('closed');
    },
    /** A new process: empty log, counting from 1 again. */
    restart() {
      log = [];
      clock += 10_000;
    },
    reconnect() {
      up = true;
      for (const listener of connectionListeners) listener('connecting');
      for (const listener of connectionListeners) listener('connected');
    },
  };
}

const streams: LiveStream[] = [];
afterEach(() => {
  for (const stream of streams.splice(0)) stream.stop();
});

function start(server: ReturnType<typeof createFakeServer>) {
  const stream = createLiveStream({ transport: server.transport, retryMs: 5 });
  const applied: number[] = [];
  stream.onRevision((event) => applied.push(event.revision));
  stream.start();
  streams.push(stream);
  return { stream, applied };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A fake server with `published` revisions, and a stream on it that is live and settled. */
async function startLive(published = 1) {
  const server = createFakeServer();
  for (let i = 0; i < published; i++) server.publish();
  const { stream, applied } = start(server);
  await vi.waitFor(() => expect(stream.getSnapshot().connection).toBe('live'));
  await settle();
  return { server, stream, applied };
}

describe('live stream', () => {
  it('queries the revision, subscribes, and applies every new revision once, in order', async () => {
    const { server, stream, applied } = await startLive(2);
    server.publish();
    server.publish();
    await vi.waitFor(() => expect(applied).toEqual([3, 4]));
    expect(server.requests).toEqual([1]);
    const snapshot = stream.getSnapshot();
    expect(snapshot.revision).toBe(4);
    expect(snapshot.epoch).toBe(1);
    expect(snapshot.analysis?.state).toBe('READY');
    expect(snapshot.log.entries.map((e) => (e.type === 'revision' ? e.revision : e.type))).toEqual([
      4,
      3,
      'notice',
    ]);
  });

  it('shows reconnecting on a drop, then resumes from the last applied revision and misses nothing', async () => {
    const { server, stream, applied } = await startLive();
    server.publish();
    await vi.waitFor(() => expect(applied).toEqual([2]));

    server.drop();
    expect(stream.getSnapshot().connection).toBe('reconnecting');
    server.publish();
    server.publish();
    server.reconnect();
    await vi.waitFor(() => expect(applied).toEqual([2, 3, 4]));
    expect(server.requests).toEqual([0, 1]);
    const snapshot = stream.getSnapshot();
    expect(snapshot.connection).toBe('live');
    expect(snapshot.epoch).toBe(1);
    expect(snapshot.reconnects).toBe(1);
  });

  it('re-queries (a new epoch) when the server restarted behind the revision shown', async () => {
    const { server, stream, applied } = await startLive();
    server.publish();
    server.publish();
    await vi.waitFor(() => expect(applied).toEqual([2, 3]));

    server.drop();
    server.restart();
    server.publish();
    server.reconnect();
    await vi.waitFor(() => expect(stream.getSnapshot().epoch).toBe(2));
    expect(stream.getSnapshot().revision).toBe(1);
    server.publish();
    await vi.waitFor(() => expect(applied).toEqual([2, 3, 2]));
    const notices = stream.getSnapshot().log.entries.filter((e) => e.type === 'notice');
    expect(notices[0]).toMatchObject({ level: 'warning' });
  });

  it('re-queries when the restarted server reached the same revision with another history', async () => {
    const { server, stream, applied } = await startLive();
    server.publish();
    await vi.waitFor(() => expect(applied).toEqual([2]));

    server.drop();
    server.restart();
    server.publish();
    server.publish();
    server.publish();
    server.reconnect();
    await vi.waitFor(() => expect(stream.getSnapshot().epoch).toBe(2));
    await vi.waitFor(() => expect(stream.getSnapshot().connection).toBe('live'));
    expect(stream.getSnapshot().revision).toBe(3);
    // Revisions 2 and 3 of the new server were never applied on top of the old graph.
    expect(applied).toEqual([2]);
  });

  it('re-queries on REVISION_EXPIRED', async () => {
    const { server, stream, applied } = await startLive();
    server.publish();
    await vi.waitFor(() => expect(applied).toEqual([2]));

    server.drop();
    for (let n = 0; n < 10; n++) server.publish(1, 3);
    server.reconnect();
    await vi.waitFor(() => expect(stream.getSnapshot().epoch).toBe(2));
    await vi.waitFor(() => expect(stream.getSnapshot().revision).toBe(12));
    server.publish(1, 3);
    await vi.waitFor(() => expect(applied).toEqual([2, 13]));
  });

  it('caps the event log', async () => {
    const server = createFakeServer();
    const stream = createLiveStream({
      transport: server.transport,
      logLimits: { maxEntries: 3, maxChangesPerEntry: 2 },
    });
    streams.push(stream);
    stream.start();
    await vi.waitFor(() => expect(stream.getSnapshot().connection).toBe('live'));
    await settle();
    for (let n = 0; n < 6; n++) server.publish(5);
    await vi.waitFor(() => expect(stream.getSnapshot().revision).toBe(6));
    const { log } = stream.getSnapshot();
    expect(log.entries).toHaveLength(3);
    expect((log.entries[0] as RevisionEntry).changes).toHaveLength(2);
    expect((log.entries[0] as RevisionEntry).omittedChanges).toBe(3);
  });
});
