/**
 * The events contract: what every engine does, run against each one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalEventsEngine } from '../../server/events/local-events-engine.ts';
import type { ProgressEvent } from '../../server/events/port.ts';
import {
  eventsError,
  eventually,
  firstError,
  follow,
  publishAll,
  range,
  revisionEvent,
  revisions,
} from './event-utils.ts';

export interface EventsEngineFactory {
  /** A new engine, ready to deliver (each on its own log). */
  create(options?: { retain?: number }): Promise<LocalEventsEngine>;
  /**
   * Another engine on the same log as `engine` (another process, for Redis); the memory
   * engine has none.
   */
  peer?(engine: LocalEventsEngine): Promise<LocalEventsEngine>;
}

function progress(filesDone: number, state: ProgressEvent['state'] = 'RUNNING'): ProgressEvent {
  return { state, phase: 'analyze', filesDone, filesTotal: 10, durationMs: filesDone * 100 };
}

export function describeEventsContract(name: string, factory: EventsEngineFactory): void {
  describe(`events engine contract: ${name}`, () => {
    const engines: LocalEventsEngine[] = [];
    const create = async (options?: { retain?: number }) => {
      const engine = await factory.create(options);
      engines.push(engine);
      return engine;
    };
    afterEach(async () => {
      await Promise.all(engines.splice(0).map((engine) => engine.close()));
    });

    it('delivers each published revision to a live subscriber, in order', async () => {
      const engine = await create();
      const live = follow(engine.subscribe());
      await publishAll(engine, [1, 2, 3]);
      expect(await live.receive(3)).toEqual([revisionEvent(1), revisionEvent(2), revisionEvent(3)]);
      await live.stop();
    });

    it('reports the latest revision, 0 while the log is empty', async () => {
      const engine = await create();
      expect(await engine.latestRevision()).toBe(0);
      await publishAll(engine, [1, 2, 7]);
      expect(await engine.latestRevision()).toBe(7);
    });

    it('replays every revision after since, in order, then continues live', async () => {
      const engine = await create();
      await publishAll(engine, range(1, 5));
      const resumed = follow(engine.subscribe({ since: 2 }));
      expect(revisions(await resumed.receive(3))).toEqual([3, 4, 5]);
      await publishAll(engine, [6, 7]);
      expect(revisions(await resumed.receive(5))).toEqual([3, 4, 5, 6, 7]);
      await resumed.stop();
    });

    it('accepts revisions that are not contiguous', async () => {
      const engine = await create();
      await publishAll(engine, [2, 5, 6, 9]);
      const resumed = follow(engine.subscribe({ since: 3 }));
      await publishAll(engine, [12]);
      expect(revisions(await resumed.receive(4))).toEqual([5, 6, 9, 12]);
      await resumed.stop();
    });

    it('joins replay and live revisions with no gap and no duplicate while revisions are being published', async () => {
      const engine = await create();
      await publishAll(engine, range(1, 10));
      const last = 200;
      const publishing = (async () => {
        for (const revision of range(11, last)) {
          await engine.publish(revisionEvent(revision));
          // Let subscriptions start in between publishes.
          if (revision % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      const followers: {
        since: number;
        follower: ReturnType<typeof follow<ReturnType<typeof revisionEvent>>>;
      }[] = [];
      for (const wanted of [0, 3, 10, 10, 25, 60, 120]) {
        // Never ahead of what is published (that is REVISION_EXPIRED).
        const since = Math.min(wanted, await engine.latestRevision());
        followers.push({ since, follower: follow(engine.subscribe({ since })) });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await publishing;
      for (const { since, follower } of followers) {
        expect(revisions(await follower.receive(last - since))).toEqual(range(since + 1, last));
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      for (const { since, follower } of followers) {
        expect(follower.values).toHaveLength(last - since);
        await follower.stop();
      }
    });

    it('tells a client resuming from before the first revision the log has seen that what came before is gone', async () => {
      // A writer that starts over a persistent store at revision 56: revisions up to 55 may
      // have existed in a log that is gone (a previous process, a Redis that lost its data).
      const engine = await create();
      await publishAll(engine, [56, 57]);
      const error = eventsError(await firstError(engine.subscribe({ since: 50 })), 'REVISION_EXPIRED');
      expect(error.message).toMatch(/^revisions 51\.\.55 are no longer in the revision log/);
      const caughtUp = follow(engine.subscribe({ since: 55 }));
      expect(revisions(await caughtUp.receive(2))).toEqual([56, 57]);
      await caughtUp.stop();
    });

    it('tells a subscriber whose since is older than the log retains to re-query (REVISION_EXPIRED)', async () => {
      const engine = await create({ retain: 10 });
      await publishAll(engine, range(1, 300));
      const error = eventsError(await firstError(engine.subscribe({ since: 1 })), 'REVISION_EXPIRED');
      expect(error.message).toMatch(
        /revisions 2\.\.\d+ are no longer in the revision log: re-query the graph/,
      );
      const recent = follow(engine.subscribe({ since: 295 }));
      expect(revisions(await recent.receive(5))).toEqual(range(296, 300));
      await recent.stop();
    });

    it('rejects a negative or fractional since with BAD_USER_INPUT', async () => {
      const engine = await create();
      await publishAll(engine, [1, 2, 3]);
      for (const since of [-1, 1.5, Number.NaN]) {
        const error = eventsError(await firstError(engine.subscribe({ since })), 'BAD_USER_INPUT');
        expect(error.message).toContain('since must be a revision');
      }
      expect(engine.openSubscriptions()).toBe(0);
    });

    it('ends a subscriber whose since is ahead of the log with REVISION_EXPIRED, and never resumes it', async () => {
      // The log restarted (a fresh graph) below where the client was: its revision 4 is not ours.
      const engine = await create();
      await publishAll(engine, [1, 2, 3]);
      const ahead = follow(engine.subscribe({ since: 4 }));
      await ahead.ended();
      expect(eventsError(ahead.error, 'REVISION_EXPIRED').message).toBe(
        'since 4 is ahead of the latest revision 3: it comes from another revision log (the server started over with a fresh graph); re-query the graph (stats.revision is its revision), then subscribe with since: that revision',
      );
      // Once the numbers pass it, the same since is still not resumed: it was never this log's.
      const current = follow(engine.subscribe({ since: 3 }));
      await publishAll(engine, [4, 5, 6]);
      expect(revisions(await current.receive(3))).toEqual([4, 5, 6]);
      expect(ahead.values).toEqual([]);
      await current.stop();
      expect(engine.openSubscriptions()).toBe(0);
    });

    it('accepts since 0 on an empty log', async () => {
      const engine = await create();
      const fromStart = follow(engine.subscribe({ since: 0 }));
      await publishAll(engine, [1, 2]);
      expect(revisions(await fromStart.receive(2))).toEqual([1, 2]);
      await fromStart.stop();
    });

    it('ends a waiting iterator when its signal aborts, and when it is returned', async () => {
      const engine = await create();
      const controller = new AbortController();
      const aborted = engine.subscribe({ signal: controller.signal });
      const returned = engine.subscribe({ since: 0 });
      const waitingAborted = aborted.next();
      const waitingReturned = returned.next();
      expect(engine.openSubscriptions()).toBe(2);
      controller.abort();
      expect(await waitingAborted).toEqual({ value: undefined, done: true });
      expect(await returned.return?.()).toEqual({ value: undefined, done: true });
      expect(await waitingReturned).toEqual({ value: undefined, done: true });
      expect(engine.openSubscriptions()).toBe(0);
      // An ended subscription stays ended.
      await publishAll(engine, [1]);
      expect(await aborted.next()).toEqual({ value: undefined, done: true });
      // One started with an aborted signal never begins.
      const never = engine.subscribe({ signal: AbortSignal.abort() });
      expect(await never.next()).toEqual({ value: undefined, done: true });
    });

    it('leaves no listener behind after 1,000 subscribe/unsubscribe cycles', async () => {
      const engine = await create();
      await publishAll(engine, [1, 2]);
      for (let i = 0; i < 1000; i++) {
        const controller = new AbortController();
        const options = i % 2 === 0 ? { signal: controller.signal } : { since: 1, signal: controller.signal };
        const subscription = engine.subscribe(options);
        const progressSubscription = engine.subscribeProgress({ signal: controller.signal });
        if (i % 3 === 0) {
          const waiting = subscription.next();
          controller.abort();
          await waiting;
        } else if (i % 3 === 1) {
          await subscription.return?.();
          await progressSubscription.return?.();
        } else {
          controller.abort();
        }
      }
      expect(engine.openSubscriptions()).toBe(0);
      // The engine still delivers afterwards.
      const live = follow(engine.subscribe());
      await publishAll(engine, [3]);
      expect(revisions(await live.receive(1))).toEqual([3]);
      await live.stop();
      expect(engine.openSubscriptions()).toBe(0);
    });

    it('gives the latest progress first, then each new one', async () => {
      const engine = await create();
      await engine.publishProgress(progress(1));
      await engine.publishProgress(progress(2));
      const follower = follow(engine.subscribeProgress());
      expect(await follower.receive(1)).toEqual([progress(2)]);
      await engine.publishProgress(progress(10, 'READY'));
      expect(await follower.receive(2)).toEqual([progress(2), progress(10, 'READY')]);
      await follower.stop();
      expect(engine.openSubscriptions()).toBe(0);
    });

    it('restarts the log when the writer starts over from revision 1', async () => {
      const engine = await create();
      await publishAll(engine, range(1, 5));
      const live = follow(engine.subscribe());
      const resumed = follow(engine.subscribe({ since: 3 }));
      expect(revisions(await resumed.receive(2))).toEqual([4, 5]);

      await engine.publish(revisionEvent(1, 'fresh'));

      await live.ended();
      await resumed.ended();
      expect(live.values).toEqual([]);
      expect(eventsError(live.error, 'REVISION_EXPIRED').message).toMatch(
        /restarted at revision 1.*re-query/,
      );
      eventsError(resumed.error, 'REVISION_EXPIRED');
      await eventually(async () => (await engine.latestRevision()) === 1, 'the latest revision to be 1');
      const fromStart = follow(engine.subscribe({ since: 0 }));
      expect(await fromStart.receive(1)).toEqual([revisionEvent(1, 'fresh')]);
      // A client of the old log, resuming from 3: not this log's revision.
      eventsError(await firstError(engine.subscribe({ since: 3 })), 'REVISION_EXPIRED');
      await publishAll(engine, [2], 'fresh');
      expect(await fromStart.receive(2)).toEqual([revisionEvent(1, 'fresh'), revisionEvent(2, 'fresh')]);
      await fromStart.stop();
    });

    it('never leaves a silent gap for a subscriber that does not keep up', async () => {
      const engine = await create({ retain: 10 });
      const slow = engine.subscribe();
      await publishAll(engine, range(1, 40));
      const received: number[] = [];
      let failure: unknown;
      try {
        for (;;) {
          const step = await slow.next();
          if (step.done) break;
          received.push(step.value.revision);
          if (step.value.revision === 40) break;
        }
      } catch (error) {
        failure = error;
      }
      // Either every revision, or those it got in order and then REVISION_EXPIRED.
      expect(received).toEqual(range(1, received.length));
      if (received.length < 40) eventsError(failure, 'REVISION_EXPIRED');
      await slow.return?.();
    });

    it('ends every subscription when it closes', async () => {
      const engine = await create();
      const live = follow(engine.subscribe());
      const progressFollower = follow(engine.subscribeProgress());
      await engine.close();
      await live.ended();
      await progressFollower.ended();
      expect(live.error).toBeUndefined();
      expect(engine.openSubscriptions()).toBe(0);
      expect(engine.health().state).toBe('degraded');
      expect(await engine.subscribe().next()).toEqual({ value: undefined, done: true });
    });

    if (factory.peer !== undefined) {
      const peerOf = factory.peer;
      it('delivers revisions published by another engine on the same log', async () => {
        const writer = await create();
        const reader = await peerOf(writer);
        engines.push(reader);
        const live = follow(reader.subscribe());
        await publishAll(writer, [1, 2, 3]);
        expect(await live.receive(3)).toEqual([revisionEvent(1), revisionEvent(2), revisionEvent(3)]);
        expect(await reader.latestRevision()).toBe(3);
        const resumed = follow(reader.subscribe({ since: 1 }));
        expect(revisions(await resumed.receive(2))).toEqual([2, 3]);
        await writer.publishProgress(progress(4));
        const progressFollower = follow(reader.subscribeProgress());
        expect(await progressFollower.receive(1)).toEqual([progress(4)]);
        await Promise.all([live.stop(), resumed.stop(), progressFollower.stop()]);
      });
    }
  });
}
