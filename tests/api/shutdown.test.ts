import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { fixturePath } from '../helpers/fixtures.ts';
import { startServer, stopServers } from '../helpers/server.ts';
import { within } from '../helpers/within.ts';

afterAll(stopServers);

describe('stopping the server', () => {
  it('ends a WebSocket upgrade that arrives while it closes, and stops', async () => {
    const server = await startServer(fixturePath('incremental'), { role: 'api' });
    const { port } = new URL(server.url);
    // A subscriber already connected: stop waits for its socket to close, and a client that
    // reconnects at once (as every graphql-ws client does after 1001 "Going away") comes then.
    const subscriber = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
    subscriber.on('error', () => {});
    await once(subscriber, 'open');
    const upgrading = connect(Number(port), '127.0.0.1');
    upgrading.on('error', () => {});
    await once(upgrading, 'connect');
    const upgradingClosed = new Promise((resolve) => upgrading.once('close', resolve));
    // All of the upgrade request but its last line: it completes once stop has begun.
    upgrading.write(
      [
        'GET /graphql HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Protocol: graphql-transport-ws',
        '',
      ].join('\r\n'),
    );
    // No event tells that the server has read those lines; the request must be under way when
    // stop begins, or stop would close the socket as a plain HTTP connection.
    await new Promise((resolve) => setTimeout(resolve, 50));

    const stopping = server.stop();
    upgrading.write('\r\n');

    // It once waited forever: the upgrade came after graphql-ws had let go of upgrades, nothing
    // answered it, and the HTTP server's close waited for that socket to end.
    await within('stop()', 5000, stopping);
    await within('the upgrading client being disconnected', 1000, upgradingClosed);
    expect(upgrading.destroyed).toBe(true);
  });
});
