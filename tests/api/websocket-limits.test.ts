/**
 * The WebSocket (and SSE) limits that keep one client from taking the server's memory:
 * connections, operations per connection, the connection_init timeout, and slow consumers.
 */
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LocalEventsEngine } from '../../server/events/local-events-engine.ts';
import { SLOW_CONSUMER } from '../../server/http/graphql-ws.ts';
import { bigRevision } from '../helpers/big-revision.ts';
import { fixturePath, removeCopies } from '../helpers/fixtures.ts';
import { capturedLogger } from '../helpers/log.ts';
import { openWebSocket, RawSession } from '../helpers/raw-http.ts';
import { startServer, stopServers } from '../helpers/server.ts';
import { subscribeWs } from '../helpers/subscriptions.ts';

afterAll(async () => {
  await stopServers();
  removeCopies();
});

async function session(url: string): Promise<RawSession> {
  const handshake = await openWebSocket(url);
  if (!handshake.open) throw new Error(`refused: ${handshake.status} ${handshake.body}`);
  return new RawSession(handshake.socket);
}

/**
 * A WebSocket on a bare TCP socket that reads what the server sends and answers nothing, not
 * even its close; `ended` resolves when the server ends the TCP connection, with the close
 * code it sent.
 */
async function silentWebSocket(url: string): Promise<{ ended: Promise<{ closeCode: number | undefined }> }> {
  const { port, hostname } = new URL(url);
  const socket = connect(Number(port), hostname);
  let received = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
  });
  const ended = new Promise<{ closeCode: number | undefined }>((resolve) =>
    socket.once('close', () => {
      // After the 101's head: one unmasked server frame; a close (0x88) carries its code first.
      const frame = received.subarray(received.indexOf('\r\n\r\n') + 4);
      resolve({ closeCode: frame[0] === 0x88 ? frame.readUInt16BE(2) : undefined });
    }),
  );
  socket.write(
    `GET /graphql HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n' +
      'Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n',
  );
  await new Promise<void>((resolve) => {
    const opened = () => {
      if (!received.includes('\r\n\r\n')) return;
      socket.off('data', opened);
      resolve();
    };
    socket.on('data', opened);
  });
  expect(received.toString('latin1')).toMatch(/^HTTP\/1\.1 101/);
  return { ended };
}

const GRAPH_CHANGED = 'subscription { graphChanged { revision } }';

/**
 * Runs one subscription on a new connection until its first revision, then ends it and waits
 * for the server to let it go: whatever an earlier connection sent before has been handled.
 */
async function settledAfterAnotherSubscription(url: string, events: LocalEventsEngine): Promise<void> {
  const before = await events.latestRevision();
  await events.publish(bigRevision(before + 1, 1));
  const later = subscribeWs(url, { since: before });
  await later.until((items) => items.length === 1);
  const open = events.openSubscriptions();
  await later.close();
  await expect.poll(() => events.openSubscriptions()).toBe(open - 1);
}

describe('WebSocket limits', () => {
  it('closes a connection beyond --max-connections with 1013 and a reason, and takes one again once another leaves', async () => {
    const server = await startServer(fixturePath('incremental'), { maxConnections: 2 });
    const first = await session(server.url);
    const second = await session(server.url);
    expect(await first.init()).toBe('ack');
    expect(await second.init()).toBe('ack');

    const third = await session(server.url);
    expect(await third.closed).toEqual({
      code: 1013,
      reason: 'too many connections (at most 2): try again later',
    });

    first.socket.close();
    await first.closed;
    // The server counts the first one gone once its side of the close is done.
    const again = async () => {
      const next = await session(server.url);
      const answer = await next.init();
      next.socket.close();
      return answer;
    };
    await expect.poll(again).toBe('ack');
    second.socket.close();
  });

  it('lets a client with the token in when clients without it hold every place and send no connection_init', async () => {
    const token = 'a-test-token-of-24-chars';
    // A long wait for connection_init here, so that no idle client ends on its own during the test.
    const server = await startServer(
      fixturePath('incremental'),
      { maxConnections: 2, token },
      { webSocketLimits: { connectionInitWaitMs: 60_000 } },
    );
    // Clients without the token: the time until connection_init is theirs, again and again.
    const idle = [await session(server.url), await session(server.url)];
    const client = await session(server.url);
    expect(await client.init({ token })).toBe('ack');
    // The oldest of them gave way; the other still waits for its connection_init.
    expect(await idle[0]!.closed).toEqual({
      code: 1013,
      reason: 'too many connections (at most 2): try again later',
    });
    expect(idle[1]!.socket.readyState).toBe(WebSocket.OPEN);
    // Those let in keep their places: with both taken, a newcomer is refused.
    expect(await idle[1]!.init({ token })).toBe('ack');
    const late = await session(server.url);
    expect(await late.closed).toMatchObject({ code: 1013 });
    client.socket.close();
    idle[1]!.socket.close();
  });

  it('drops a client that gave way and never answers the close within a second, not after ws’s 30 s', async () => {
    const server = await startServer(
      fixturePath('incremental'),
      { maxConnections: 1 },
      { webSocketLimits: { connectionInitWaitMs: 60_000 } },
    );
    const silent = await silentWebSocket(server.url);
    const client = await session(server.url);
    expect(await client.init()).toBe('ack');
    // It was told, then its socket was ended by the server though it never answered.
    const { closeCode } = await silent.ended;
    expect(closeCode).toBe(1013);
    client.socket.close();
  }, 10_000);

  it('counts SSE streams the same way: one beyond --max-connections is a 503, and a slot frees when one ends', async () => {
    const server = await startServer(fixturePath('incremental'), { maxConnections: 1 });
    const stream = () =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: GRAPH_CHANGED }),
      });
    const first = await stream();
    expect(first.status).toBe(200);
    const second = await stream();
    expect(second.status).toBe(503);
    expect(await second.json()).toMatchObject({ errors: [{ extensions: { code: 'TOO_MANY_CONNECTIONS' } }] });
    await first.body!.cancel();
    // The server counts the first one gone once its response has closed.
    const status = async () => {
      const next = await stream();
      await next.body?.cancel();
      return next.status;
    };
    await expect.poll(status).toBe(200);
  });

  it('refuses an operation beyond --max-subscriptions on one connection with TOO_MANY_SUBSCRIPTIONS, and keeps the others', async () => {
    const server = await startServer(fixturePath('incremental'), { maxSubscriptions: 3 });
    const client = await session(server.url);
    expect(await client.init()).toBe('ack');
    for (const id of ['1', '2', '3', '4'])
      client.send({ id, type: 'subscribe', payload: { query: GRAPH_CHANGED } });
    const refused = await client.until((m) => m.id === '4');
    expect(refused.type).toBe('error');
    expect(refused.payload[0].extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    expect(refused.payload[0].message).toMatch(/at most 3/);

    // The three still run: once one completes, a query has room.
    client.send({ id: '1', type: 'complete' });
    client.send({ id: '5', type: 'subscribe', payload: { query: '{ stats { files } }' } });
    expect((await client.until((m) => m.id === '5')).payload).toEqual({ data: { stats: { files: 5 } } });
    expect(client.messages.filter((m) => m.type === 'error')).toHaveLength(1);
    client.socket.close();
  });

  it('refuses an operation once those open on the connection hold 16 MiB of documents, and takes one again when one completes', async () => {
    const server = await startServer(fixturePath('incremental'));
    const client = await session(server.url);
    expect(await client.init()).toBe('ack');
    // Subscriptions of 1 MB each (a comment; each text distinct): before, 100 of them held 300 MB.
    const big = (id: number) => `# ${id} ${'x'.repeat(1_000_000)}\n${GRAPH_CHANGED}`;
    for (let id = 1; id <= 20; id++)
      client.send({ id: String(id), type: 'subscribe', payload: { query: big(id) } });
    const refused = await client.until((m) => m.id === '20');
    expect(refused.type).toBe('error');
    expect(refused.payload[0].extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    expect(refused.payload[0].message).toMatch(/hold over 16 MiB of documents/);
    // The first 16 run; the rest are refused.
    expect(client.messages.filter((m) => m.type === 'error').map((m) => m.id)).toEqual([
      '17',
      '18',
      '19',
      '20',
    ]);

    // Once one completes, a large one has room again; a usual one always had.
    client.send({ id: '1', type: 'complete' });
    client.send({ id: '21', type: 'subscribe', payload: { query: '{ stats { files } }' } });
    expect((await client.until((m) => m.id === '21')).payload).toEqual({ data: { stats: { files: 5 } } });
    const revision = await server.app.events.latestRevision();
    const since = `# 22 ${'x'.repeat(1_000_000)}\nsubscription { graphChanged(since: ${revision}) { revision } }`;
    client.send({ id: '22', type: 'subscribe', payload: { query: since } });
    await server.app.events.publish(bigRevision(revision + 1, 1000));
    expect((await client.until((m) => m.id === '22')).type).toBe('next');
    client.socket.close();
  });

  it('closes a connection that sends no connection_init in time with 4408', async () => {
    const server = await startServer(
      fixturePath('incremental'),
      {},
      { webSocketLimits: { connectionInitWaitMs: 200 } },
    );
    const idle = await session(server.url);
    expect(await idle.closed).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });
  });

  it('starts nothing a client sends after the server has closed its connection (4429), and leaves no subscription open', async () => {
    const server = await startServer(fixturePath('incremental'));
    const events = server.app.events as LocalEventsEngine;
    const baseline = events.openSubscriptions();

    const client = await session(server.url);
    expect(await client.init()).toBe('ack');
    // A second connection_init closes the connection; the subscribes in the same burst come after it.
    client.send({ type: 'connection_init' });
    for (let i = 0; i < 20; i++) {
      client.send({ id: String(i), type: 'subscribe', payload: { query: GRAPH_CHANGED } });
    }
    expect(await client.closed).toEqual({ code: 4429, reason: 'Too many initialisation requests' });

    // A later client's subscription runs through the same pipeline: by the time it has its first
    // revision, anything the closed connection had started would be open too.
    await settledAfterAnotherSubscription(server.url, events);
    expect(events.openSubscriptions()).toBe(baseline);
  });

  it('closes a connection whose close reason would be over 123 bytes (a long duplicate subscribe id), cutting the reason', async () => {
    const server = await startServer(fixturePath('incremental'));
    const events = server.app.events as LocalEventsEngine;
    const baseline = events.openSubscriptions();

    const client = await session(server.url);
    expect(await client.init()).toBe('ack');
    const id = 'x'.repeat(200);
    client.send({ id, type: 'subscribe', payload: { query: GRAPH_CHANGED } });
    client.send({ id, type: 'subscribe', payload: { query: GRAPH_CHANGED } });
    for (let i = 0; i < 20; i++) {
      client.send({ id: String(i), type: 'subscribe', payload: { query: GRAPH_CHANGED } });
    }
    const closed = await client.closed;
    expect(closed.code).toBe(4409);
    expect(closed.reason).toMatch(/^Subscriber for x+…$/);
    expect(Buffer.byteLength(closed.reason)).toBeLessThanOrEqual(123);

    await settledAfterAnotherSubscription(server.url, events);
    expect(events.openSubscriptions()).toBe(baseline);
  });

  it('closes a client that does not read with 4100, ending its subscriptions, and it resumes with since', async () => {
    const { logger, until } = capturedLogger();
    const server = await startServer(
      fixturePath('incremental'),
      {},
      { logger, webSocketLimits: { maxBufferedBytes: 512 * 1024 } },
    );
    const events = server.app.events as LocalEventsEngine;
    const before = await events.latestRevision();
    await events.publish(bigRevision(before + 1, 3_000_000));
    const baseline = events.openSubscriptions();

    const slow = await session(server.url);
    expect(await slow.init()).toBe('ack');
    slow.socket.pause();
    // Ten different selections: ten payloads of 3 MB, more than the socket and the bound hold.
    for (let i = 0; i < 10; i++) {
      slow.send({
        id: String(i),
        type: 'subscribe',
        payload: {
          query: `subscription { graphChanged(since: ${before}) { revision changes { k${i}: key } } }`,
        },
      });
    }
    await until('closed a WebSocket that does not keep up');
    // Its subscriptions end at once, even though the close waits behind data it has not read.
    await expect.poll(() => events.openSubscriptions()).toBe(baseline);
    slow.socket.resume();
    const closed = await slow.closed;
    expect(closed.code).toBe(SLOW_CONSUMER);
    expect(closed.reason).toMatch(/slow consumer: .* subscribe with since/);

    // Resuming with since (one subscription, read as it comes) gets the revision.
    const resumed = subscribeWs(server.url, { since: before });
    const [revision] = await resumed.until((items) => items.length === 1);
    expect(revision?.revision).toBe(before + 1);
    expect(revision?.changes).toHaveLength(bigRevision(before + 1, 3_000_000).changes.length);
    await resumed.close();
  });
});
