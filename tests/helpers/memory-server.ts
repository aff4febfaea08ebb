/**
 * A codenav server in its own process, for memory bounds measured from outside (RSS of this
 * process only). Run with `node --import tsx`; talks over IPC: it sends `{ url, since }` once
 * serving a revision of about 2 MB (`since` is the one before it), answers `'measure'` with
 * its memory, and stops on `'stop'`. `KEEP_ALIVE_MS` sets its WebSocket ping interval.
 */
import pino from 'pino';
import { createApp } from '../../server/app.ts';
import { serveConfig } from '../../server/config.ts';
import type { LocalEventsEngine } from '../../server/events/local-events-engine.ts';
import { bigRevision } from './big-revision.ts';
import { fixturePath } from './fixtures.ts';

export interface Measure {
  /** Peak resident set size of the process so far, bytes. */
  readonly maxRss: number;
  readonly rss: number;
  /** Heap in use; what is still held, after a full collection, when the process runs with `--expose-gc`. */
  readonly heapUsed: number;
  /** Subscriptions open on the events engine. */
  readonly openSubscriptions: number;
}

const app = await createApp(
  serveConfig(fixturePath('incremental'), { port: 0, watch: false, logLevel: 'silent' }),
  // A client that stops reading is dropped within two pings (`KEEP_ALIVE_MS`, else 12 s).
  {
    logger: pino({ level: 'silent' }),
    webSocketLimits: { keepAliveMs: Number(process.env.KEEP_ALIVE_MS ?? 12_000) },
  },
);
const server = await app.start();
await app.indexer?.ready;
const since = await app.events.latestRevision();
await app.events.publish(bigRevision(since + 1, 2_000_000));

process.on('message', (message) => {
  if (message === 'measure') {
    // Run with --expose-gc, heapUsed is what is still held, not garbage yet to be collected.
    (globalThis as { gc?: () => void }).gc?.();
    const measure: Measure = {
      maxRss: process.resourceUsage().maxRSS * 1024,
      rss: process.memoryUsage().rss,
      heapUsed: process.memoryUsage().heapUsed,
      openSubscriptions: (app.events as LocalEventsEngine).openSubscriptions(),
    };
    process.send!(measure);
  } else if (message === 'stop') {
    void app.stop().then(() => process.exit(0));
  }
});
process.send!({ url: server.url, since });
