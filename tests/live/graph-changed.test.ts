import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryEvents } from '../../server/events/index.ts';
import { copyFixture, removeCopies } from '../helpers/fixtures.ts';
import { startServer, stopServers, type TestServer } from '../helpers/server.ts';
import {
  opLines,
  type Received,
  type Revision,
  subscribeSse,
  subscribeWs,
} from '../helpers/subscriptions.ts';

afterAll(async () => {
  await stopServers();
  removeCopies();
});

async function revisionOf(server: TestServer): Promise<number> {
  const { data } = await server.gql<{ stats: { revision: number } }>('{ stats { revision } }');
  return data!.stats.revision;
}

describe('edits reach subscribers as revisions', () => {
  let server: TestServer;
  let root: string;
  let ws: Received<Revision>;
  let sse: Received<Revision>;

  beforeAll(async () => {
    root = copyFixture('incremental');
    server = await startServer(root, { watch: true });
    await server.app.watching;
    const since = await revisionOf(server);
    ws = subscribeWs(server.url, { since });
    sse = subscribeSse(server.url, { since });
  });
  afterAll(async () => {
    await ws.close();
    await sse.close();
  });

  const edit = (file: string, from: string, to: string) => {
    const full = path.join(root, file);
    writeFileSync(full, readFileSync(full, 'utf8').replace(from, to));
  };

  it('an added function arrives over graphql-ws and SSE as one revision: the node and its calls', async () => {
    appendFileSync(
      path.join(root, 'src/math.ts'),
      '\nexport function square(a: number): number {\n  return mul(a, a);\n}\n',
    );
    const [viaWs] = await ws.until((items) => items.length >= 1);
    const [viaSse] = await sse.until((items) => items.length >= 1);
    expect(opLines(viaWs!)).toEqual([
      'EDGE_ADDED CALLS:src/math.ts#square->src/math.ts#mul',
      'EDGE_ADDED CONTAINS:src/math.ts->src/math.ts#square',
      'NODE_ADDED src/math.ts#square',
      'NODE_UPDATED src/math.ts',
    ]);
    expect(viaWs!.files).toEqual(['src/math.ts']);
    expect(viaSse).toEqual(viaWs);
  });

  it('a body edit arrives as NODE_UPDATED of the function (and of its file)', async () => {
    edit('src/math.ts', 'return a + b;', 'return b + a;');
    const items = await ws.until((list) => list.length >= 2);
    expect(opLines(items[1]!)).toEqual(['NODE_UPDATED src/math.ts', 'NODE_UPDATED src/math.ts#add']);
    expect((await sse.until((list) => list.length >= 2))[1]).toEqual(items[1]);
  });

  it('a deleted file arrives as the removal of its nodes and edges', async () => {
    rmSync(path.join(root, 'src/calc.ts'));
    const items = await ws.until((list) => list.length >= 3);
    expect(opLines(items[2]!)).toEqual([
      'EDGE_REMOVED CALLS:src/calc.ts#total->src/math.ts#add',
      'EDGE_REMOVED CONTAINS:src/calc.ts->src/calc.ts#total',
      'EDGE_REMOVED IMPORTS:src/calc.ts->src/math.ts',
      'NODE_REMOVED src/calc.ts',
      'NODE_REMOVED src/calc.ts#total',
    ]);
    expect((await sse.until((list) => list.length >= 3))[2]).toEqual(items[2]);
    const revisions = items.map((r) => r.revision);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    expect(new Set(revisions).size).toBe(revisions.length);
  });
});

describe('since, with the in-process engine', () => {
  let server: TestServer;
  let root: string;

  beforeAll(async () => {
    root = copyFixture('incremental');
    server = await startServer(root, {}, { events: createMemoryEvents({ retain: 3 }) });
  });

  const reanalyzeEdit = async (n: number) => {
    appendFileSync(path.join(root, 'src/math.ts'), `\nexport const c${n} = ${n};\n`);
    const { data } = await server.gql<{ reanalyze: { revision: number } }>(
      'mutation { reanalyze(paths: ["src/math.ts"]) { revision } }',
    );
    return data!.reanalyze.revision;
  };

  it('replays every revision after since, in order, then continues live', async () => {
    const first = await reanalyzeEdit(1);
    const second = await reanalyzeEdit(2);
    const client = subscribeWs(server.url, { since: first - 1 });
    const replayed = await client.until((items) => items.length >= 2);
    expect(replayed.map((r) => r.revision)).toEqual([first, second]);
    const third = await reanalyzeEdit(3);
    const all = await client.until((items) => items.length >= 3);
    expect(all.map((r) => r.revision)).toEqual([first, second, third]);
    await client.close();
  });

  it('filters changes by path prefix and kind, and skips revisions with nothing left', async () => {
    const since = await revisionOf(server);
    const onlyCalls = subscribeWs(server.url, { since, kinds: ['CALLS'] });
    const elsewhere = subscribeWs(server.url, { since, pathPrefix: 'src/app' });
    await reanalyzeEdit(4);
    writeFileSync(
      path.join(root, 'src/calls.ts'),
      "import { add } from './math';\nexport const four = () => add(2, 2);\n",
    );
    await server.gql('mutation { reanalyze(paths: ["src/calls.ts"]) { revision } }');
    const [calls] = await onlyCalls.until((items) => items.length >= 1);
    expect(opLines(calls!)).toEqual(['EDGE_ADDED CALLS:src/calls.ts#four->src/math.ts#add']);
    writeFileSync(
      path.join(root, 'src/app.ts'),
      `${readFileSync(path.join(root, 'src/app.ts'), 'utf8')}\nexport const late = 1;\n`,
    );
    await server.gql('mutation { reanalyze(paths: ["src/app.ts"]) { revision } }');
    const [app] = await elsewhere.until((items) => items.length >= 1);
    expect(app!.files).toEqual(['src/app.ts']);
    expect(elsewhere.items).toHaveLength(1);
    await onlyCalls.close();
    await elsewhere.close();
  });

  it('answers a since older than the log with REVISION_EXPIRED', async () => {
    for (let i = 10; i < 14; i++) await reanalyzeEdit(i);
    const client = subscribeWs(server.url, { since: 1 });
    await expect.poll(() => client.errors.length).toBe(1);
    expect(JSON.stringify(client.errors[0])).toContain('REVISION_EXPIRED');
    await client.close();
  });

  it('answers a negative since with BAD_USER_INPUT', async () => {
    const client = subscribeWs(server.url, { since: -1 });
    await expect.poll(() => client.errors.length).toBe(1);
    expect(JSON.stringify(client.errors[0])).toContain('BAD_USER_INPUT');
    await client.close();
  });

  it('answers a since ahead of the log with REVISION_EXPIRED: it comes from another log', async () => {
    const latest = await revisionOf(server);
    const client = subscribeWs(server.url, { since: latest + 1 });
    await expect.poll(() => client.errors.length).toBe(1);
    expect(JSON.stringify(client.errors[0])).toContain('REVISION_EXPIRED');
    expect(JSON.stringify(client.errors[0])).toContain(
      `since ${latest + 1} is ahead of the latest revision ${latest}: it comes from another revision log`,
    );
    await client.close();
  });
});

describe('leaving subscribers', () => {
  it('releases a subscription as soon as its client leaves, even when no revision comes', async () => {
    const events = createMemoryEvents();
    const server = await startServer(copyFixture('incremental'), {}, { events });
    const before = events.openSubscriptions();
    const clients = Array.from({ length: 20 }, () => subscribeWs(server.url));
    // Twenty connections and subscriptions take more than poll's default second on a busy machine.
    await expect.poll(() => events.openSubscriptions(), { timeout: 15_000 }).toBe(before + 20);
    await Promise.all(clients.map((c) => c.close()));
    await expect.poll(() => events.openSubscriptions(), { timeout: 15_000 }).toBe(before);
  });
});
