/**
 * Once, one WebSocket with a thousand `graphChanged(since)` subscriptions on a revision
 * the size of rxjs's first analysis took the server to 4.4 GB and a crash. The server runs in
 * its own process here, and its peak RSS is the measure.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SLOW_CONSUMER } from '../../server/http/graphql-ws.ts';
import type { Measure } from '../helpers/memory-server.ts';
import { openWebSocket, RawSession } from '../helpers/raw-http.ts';

const SERVER = fileURLToPath(new URL('../helpers/memory-server.ts', import.meta.url));
/** What the attack may add to the server's peak RSS (it was about 4 GB before the limits). */
const GROWTH_BOUND = 300 * 1024 * 1024;

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

async function startChild(
  keepAliveMs = 12_000,
): Promise<{ url: string; since: number; measure: () => Promise<Measure> }> {
  child = fork(SERVER, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, NODE_ENV: 'production', KEEP_ALIVE_MS: String(keepAliveMs) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [ready] = (await once(child, 'message')) as [{ url: string; since: number }];
  const running = child;
  const measure = async () => {
    running.send('measure');
    const [answer] = (await once(running, 'message')) as [Measure];
    return answer;
  };
  return { ...ready, measure };
}

/** `count` subscriptions replaying the big revision on one connection, whose client may stop reading. */
async function attacker(
  url: string,
  since: number,
  count: number,
  options: { reading: boolean },
): Promise<RawSession> {
  const handshake = await openWebSocket(url);
  if (!handshake.open) throw new Error(`refused: ${handshake.status}`);
  const session = new RawSession(handshake.socket);
  expect(await session.init()).toBe('ack');
  if (!options.reading) handshake.socket.pause();
  const query = `subscription($since: Int) { graphChanged(since: $since) { revision files changes { op key kind } } }`;
  for (let i = 0; i < count; i++) {
    session.send({ id: String(i), type: 'subscribe', payload: { query, variables: { since } } });
  }
  return session;
}

describe('memory under a thousand subscriptions on one WebSocket', () => {
  it('stays bounded when the client does not read, and the server drops that client', async () => {
    // Pings every second: the client that stopped reading is dropped within two.
    const server = await startChild(1000);
    const before = await server.measure();

    await attacker(server.url, server.since, 1000, { reading: false });
    // 100 run (the cap), and they end when the server gives up on the client.
    await expect.poll(async () => (await server.measure()).openSubscriptions, { timeout: 20_000 }).toBe(100);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await expect
      .poll(async () => (await server.measure()).openSubscriptions, { timeout: 30_000 })
      .toBe(before.openSubscriptions);

    const after = await server.measure();
    expect(after.maxRss - before.maxRss).toBeLessThan(GROWTH_BOUND);
  }, 90_000);

  it('stays bounded when the client reads: 100 subscriptions each get the revision, 900 are refused', async () => {
    const server = await startChild();
    const before = await server.measure();
    const session = await attacker(server.url, server.since, 1000, { reading: true });

    await session.until(() => session.messages.filter((m) => m.type !== 'connection_ack').length === 1000);
    const payloads = session.messages.filter((m) => m.type === 'next');
    const refused = session.messages.filter((m) => m.type === 'error');
    expect(payloads).toHaveLength(100);
    expect(new Set(payloads.map((m) => m.payload.data.graphChanged.revision))).toEqual(
      new Set([server.since + 1]),
    );
    expect(refused).toHaveLength(900);
    expect(refused.every((m) => m.payload[0].extensions.code === 'TOO_MANY_SUBSCRIPTIONS')).toBe(true);

    const after = await server.measure();
    expect(after.maxRss - before.maxRss).toBeLessThan(GROWTH_BOUND);
    session.socket.close();
  }, 90_000);

  it('stays bounded when a client that does not read floods pings: closed with 4100 (slow consumer)', async () => {
    const server = await startChild();
    const before = await server.measure();
    const handshake = await openWebSocket(server.url);
    if (!handshake.open) throw new Error(`refused: ${handshake.status}`);
    const socket = handshake.socket;
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await once(socket, 'message');
    socket.pause();
    // Each is answered with a 15-byte pong; the socket's buffers hold some, the server queues the rest.
    const pings = 600_000;
    const ping = JSON.stringify({ type: 'ping' });
    for (let sent = 0; sent < pings; sent += 1) {
      if (sent % 20_000 === 19_999) await new Promise<void>((resolve) => socket.send(ping, () => resolve()));
      else socket.send(ping);
    }
    let pongs = 0;
    const ended = new Promise<number | 'every pong read'>((resolve) => {
      socket.on('message', () => {
        pongs += 1;
        if (pongs === pings) resolve('every pong read');
      });
      socket.once('close', (code) => resolve(code));
    });
    socket.resume();
    // Before, the bound counted the pongs' 15 bytes only: 600,000 queued (570 MB), none refused.
    expect(await ended).toBe(SLOW_CONSUMER);
    expect(pongs).toBeLessThan(pings);
    const after = await server.measure();
    expect(after.maxRss - before.maxRss).toBeLessThan(200 * 1024 * 1024);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 90_000);
});
