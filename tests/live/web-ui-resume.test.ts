/**
 * The web UI's live stream over the real libraries (urql, graphql-ws) and a real server: after a
 * lost connection it subscribes again with the last revision it applied, not with the `since` it
 * first subscribed with (graphql-ws re-sends a subscription's first `subscribe` message after a
 * reconnect, should the subscription still be open), and applies every revision once.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  createLiveStream,
  type LiveSnapshot,
  type LiveStream,
  type LiveTransport,
} from '../../client/src/live/live-stream.ts';
import { type Clients, createClients } from '../../client/src/urql.ts';
import { ChaosProxy } from '../helpers/chaos.ts';
import { copyFixture, removeCopies } from '../helpers/fixtures.ts';
import { startServer, stopServers } from '../helpers/server.ts';
import { within } from '../helpers/within.ts';

/**
 * The UI's transport, imported when the test runs: it imports the codegen output (client/src/gql),
 * whose extensionless imports the root typecheck (NodeNext resolution) cannot follow.
 */
const { createUrqlTransport } = (await import(
  new URL('../../client/src/live/urql-transport.ts', import.meta.url).href
)) as { createUrqlTransport(clients: Clients): LiveTransport };

const cleanUps: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
  await stopServers();
  removeCopies();
});

/** Notes the `since` of each `graphChanged` subscribe the UI's sockets send, in order. */
function recordSubscribes(clients: Clients): number[] {
  const since: number[] = [];
  clients.ws.on('opened', (opened) => {
    const socket = opened as WebSocket;
    const send = socket.send.bind(socket);
    socket.send = ((data: string) => {
      const message = JSON.parse(data) as {
        type: string;
        payload?: { query: string; variables?: { since?: number } };
      };
      if (message.type === 'subscribe' && message.payload?.query.includes('graphChanged'))
        since.push(message.payload.variables?.since ?? Number.NaN);
      send(data);
    }) as WebSocket['send'];
  });
  return since;
}

/** Resolves once the stream's snapshot satisfies `ready` (the stream calls back on every change). */
function until(stream: LiveStream, what: string, ready: (snapshot: LiveSnapshot) => boolean): Promise<void> {
  return within(
    `the web UI's stream: ${what}`,
    20_000,
    new Promise<void>((resolve) => {
      const check = () => {
        if (!ready(stream.getSnapshot())) return;
        off();
        resolve();
      };
      const off = stream.subscribe(check);
      check();
    }),
  );
}

it('resumes after a lost connection from the last revision it applied, and applies every revision once', async () => {
  const root = copyFixture('incremental');
  const server = await startServer(root);
  const proxy = new ChaosProxy(() => [Number(new URL(server.url).port)]);
  await proxy.listen();
  cleanUps.push(() => proxy.close());
  const clients: Clients = createClients(
    { protocol: 'http:', host: `127.0.0.1:${proxy.port}` },
    { webSocketImpl: WebSocket },
  );
  cleanUps.push(() => clients.ws.dispose());
  const subscribedSince = recordSubscribes(clients);
  const stream = createLiveStream({ transport: createUrqlTransport(clients) });
  const applied: number[] = [];
  stream.onRevision((event) => applied.push(event.revision));
  stream.start();
  cleanUps.push(() => stream.stop());

  let edits = 0;
  const edit = async (): Promise<number> => {
    edits += 1;
    const file = path.join(root, 'src/app.ts');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nexport const edit${edits} = ${edits};\n`);
    const { data } = await server.gql<{ reanalyze: { revision: number } }>(
      'mutation { reanalyze(paths: ["src/app.ts"]) { revision } }',
    );
    return data!.reanalyze.revision;
  };
  const applies = (revision: number) =>
    until(stream, `revision ${revision} applied`, (s) => s.revision === revision);

  // Connected: the graph's revision queried, then graphChanged from just before it (its anchor).
  await until(stream, 'live', (s) => s.connection === 'live' && s.revision !== undefined);
  const first = stream.getSnapshot().revision!;
  const second = await edit();
  await applies(second);

  // The connection is lost, and stays lost while a revision is made.
  proxy.block();
  await until(stream, 'reconnecting', (s) => s.connection === 'reconnecting');
  const third = await edit();
  proxy.unblock();
  await applies(third);
  const fourth = await edit();
  await applies(fourth);

  expect(applied).toEqual([second, third, fourth]);
  // Resumed from the last revision applied (after `second`'s anchor), not from the first since.
  expect(subscribedSince).toEqual([first - 1, second - 1]);
  expect(stream.getSnapshot()).toMatchObject({ connection: 'live', reconnects: 1, epoch: 1 });
}, 120_000);
