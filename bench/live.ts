/**
 * Live benchmark.
 *
 * 1. Edit → event: a body edit of a file of rxjs 7.8.2's sources, written to disk, until its
 *    revision reaches a graphql-ws subscriber (watcher debounce, analysis, apply, publish
 *    included). Target p95 ≤ 250 ms.
 * 2. Fan-out: 1,000 graphql-ws subscribers each receive 100 revisions (applied to the store
 *    and published as the indexer does): delivery latency p99 ≤ 250 ms, none lost, memory
 *    back to where it was after they disconnect. With the in-process engine, then with Redis
 *    when `redis-server` is available.
 *
 *   node --expose-gc --import tsx bench/live.ts [--edits N] [--clients N] [--revisions N]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Client, createClient } from 'graphql-ws';
import pino from 'pino';
import WebSocket from 'ws';
import { type App, createApp } from '../server/app.ts';
import { type ServeConfig, serveConfig } from '../server/config.ts';
import { createMemoryEvents, createRedisEvents, type EventsEngine } from '../server/events/index.ts';
import { createMemoryStore } from '../server/graph/memory/memory-store.ts';
import type { ChangeSet } from '../server/model/index.ts';
import { insertInFirstBody } from './body-edit.ts';
import { ensureCorpus } from './corpora.ts';
import { summarize } from './measure.ts';

function config(dir: string, overrides: Partial<ServeConfig> = {}): ServeConfig {
  return serveConfig(dir, { port: 0, watch: false, logLevel: 'silent', ...overrides });
}

function wsClient(url: string): Client {
  return createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
}

/** Part 1: edit → event latency on rxjs, with the watcher's debounce. */
export async function benchEditToEvent(edits = 40) {
  const rxjs = await ensureCorpus('rxjs');
  const work = mkdtempSync(path.join(tmpdir(), 'codenav-live-'));
  const root = path.join(work, 'rxjs');
  cpSync(rxjs.root, root, { recursive: true });
  const app = await createApp(config(root, { watch: true }), { logger: pino({ level: 'silent' }) });
  try {
    const server = await app.start();
    await app.indexer!.ready;
    await app.watching;
    const client = wsClient(server.url);
    let received = 0;
    client.subscribe(
      { query: 'subscription { graphChanged { revision files } }' },
      { next: () => received++, error: (error) => console.error(error), complete: () => {} },
    );
    const operators = path.join(root, 'src/internal/operators');
    const sources = readdirSync(operators).filter((f) => f.endsWith('.ts'));
    // Warm up, and make sure the subscription is live: a first edit's event must arrive.
    const first = path.join(operators, sources[0]!);
    const firstText = readFileSync(first, 'utf8');
    writeFileSync(first, `${firstText}\n// warm-up\n`);
    await waitFor(() => received > 0, 30_000);
    writeFileSync(first, firstText);
    await waitFor(() => received > 1, 30_000);
    const latencies: number[] = [];
    for (let i = 0; i < edits; i++) {
      const file = path.join(operators, sources[i % sources.length]!);
      const original = readFileSync(file, 'utf8');
      const edited = insertInFirstBody(original, `void ${i};`);
      if (!edited) continue;
      const before = received;
      const started = performance.now();
      writeFileSync(file, edited);
      await waitFor(() => received > before, 10_000);
      latencies.push(performance.now() - started);
      writeFileSync(file, original);
      const afterEdit = received;
      await waitFor(() => received > afterEdit, 10_000);
    }
    await client.dispose();
    const stats = summarize(latencies);
    process.stdout.write(
      `edit → event on rxjs (${latencies.length} edits, 50 ms debounce included): p50 ${stats.p50.toFixed(0)} ms, p95 ${stats.p95.toFixed(0)} ms, max ${stats.max.toFixed(0)} ms (target p95 ≤ 250 ms)\n`,
    );
    return stats;
  } finally {
    await app.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Part 2: fan-out of `revisions` revisions to `clients` graphql-ws subscribers, which run in
 * their own process (bench/fanout-clients.ts) on the same machine.
 */
export async function benchFanOut(
  options: { clients?: number; revisions?: number; events?: EventsEngine; label?: string } = {},
) {
  const clients = options.clients ?? 1000;
  const revisions = options.revisions ?? 100;
  const store = createMemoryStore();
  const events = options.events ?? createMemoryEvents();
  const app: App = await createApp(config(process.cwd(), { role: 'api', maxConnections: clients }), {
    store,
    events,
    logger: pino({ level: 'silent' }),
  });
  const server = await app.start();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('./fanout-clients.ts', import.meta.url)),
      server.url,
      String(clients),
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const nextLine = () => new Promise<string>((resolve) => lines.once('line', resolve));
  try {
    await settle();
    const baseline = memory();
    await nextLine(); // connected
    // Subscriptions are registered just after connecting: probe until every one has a revision.
    const ready = nextLine();
    let probing = true;
    void ready.then(() => {
      probing = false;
    });
    for (let n = 0; probing; n++) {
      await publishRevision(store, events, -1 - n);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await ready;
    const connected = memory();
    const result = nextLine();
    child.stdin!.write(`expect ${revisions}\n`);
    for (let r = 1; r <= revisions; r++) {
      await publishRevision(store, events, r);
      // A revision every 20 ms: a busy edit session, as fast as the watcher could produce them.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const { latencies, lost, outOfOrder } = JSON.parse(await result) as {
      latencies: number[];
      lost: number;
      outOfOrder: number;
    };
    const closed = nextLine();
    child.stdin!.write('close\n');
    await closed;
    await settle();
    const after = memory();
    const stats = summarize(latencies);
    process.stdout.write(
      `fan-out${options.label ? ` (${options.label})` : ''}: ${clients} subscribers × ${revisions} revisions: p50 ${stats.p50.toFixed(0)} ms, p99 ${stats.p99.toFixed(0)} ms, lost ${lost}, out of order ${outOfOrder}; server heap ${baseline.heapMb.toFixed(0)} → ${connected.heapMb.toFixed(0)} (connected) → ${after.heapMb.toFixed(0)} MB after they disconnect (target p99 ≤ 250 ms, 0 lost, heap back)\n`,
    );
    return { ...stats, lost, outOfOrder, baseline, connected, after };
  } finally {
    child.kill();
    await app.stop();
  }
}

/** A revision as the indexer makes one: applied to the store, then published. */
async function publishRevision(store: ReturnType<typeof createMemoryStore>, events: EventsEngine, n: number) {
  const changeSet: ChangeSet = {
    files: [`src/f${n}.ts`],
    changes: [
      {
        op: 'NODE_ADDED',
        node: { key: `src/f${n}.ts`, kind: 'FILE', props: { name: `f${n}.ts`, path: `src/f${n}.ts` } },
      },
    ],
  };
  const revision = await store.apply(changeSet);
  await events.publish({
    revision,
    files: changeSet.files,
    timestamp: Date.now(),
    changes: changeSet.changes,
  });
}

function memory() {
  const usage = process.memoryUsage();
  return { heapMb: usage.heapUsed / 1048576, rssMb: usage.rss / 1048576 };
}

async function settle() {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    (globalThis as { gc?: () => void }).gc?.();
  }
}

function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const check = () => {
      if (condition()) resolve();
      else if (Date.now() > deadline) reject(new Error('timed out'));
      else setTimeout(check, 2);
    };
    check();
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function withRedis<T>(work: (url: string) => Promise<T>): Promise<T | undefined> {
  const port = await freePort();
  let redis: ChildProcess;
  try {
    redis = spawn(
      'redis-server',
      ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'],
      {
        stdio: 'ignore',
      },
    );
  } catch {
    return undefined;
  }
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return await work(`redis://127.0.0.1:${port}`);
  } finally {
    redis.kill();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const number = (flag: string) => (args.includes(flag) ? Number(args[args.indexOf(flag) + 1]) : undefined);
  await benchEditToEvent(number('--edits'));
  await benchFanOut({
    clients: number('--clients'),
    revisions: number('--revisions'),
    label: 'in-process engine',
  });
  await withRedis(async (url) => {
    const events = createRedisEvents({ url, projectId: 'bench-live', writer: true });
    await waitFor(() => events.health().state === 'ready', 10_000);
    return benchFanOut({
      clients: number('--clients'),
      revisions: number('--revisions'),
      events,
      label: 'Redis engine',
    });
  });
}
