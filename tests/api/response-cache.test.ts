import { appendFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countingStore } from '../helpers/counting-store.ts';
import { copyFixture, removeCopies } from '../helpers/fixtures.ts';
import { startServer, stopServers } from '../helpers/server.ts';

afterAll(async () => {
  await stopServers();
  removeCopies();
});

describe('response cache', () => {
  it('answers a repeated query at the same revision without reading the graph, and a new revision afresh', async () => {
    const { store, calls } = countingStore();
    const root = copyFixture('incremental');
    const server = await startServer(root, {}, { store });
    const query = '{ symbols(query: "ad") { totalCount edges { node { key callers { key } } } } }';

    const first = await server.gql(query);
    calls.length = 0;
    const second = await server.gql(query);
    expect(second).toEqual(first);
    expect(calls).toEqual(['revision']);

    appendFileSync(
      path.join(root, 'src/math.ts'),
      '\nexport function adder(): number {\n  return add(1, 2);\n}\n',
    );
    await server.gql('mutation { reanalyze(paths: ["src/math.ts"]) { revision } }');
    calls.length = 0;
    const third = await server.gql<{ symbols: { totalCount: number } }>(query);
    expect(calls).toContain('findNodes');
    expect(third.data?.symbols.totalCount).toBe(
      (first.data as { symbols: { totalCount: number } }).symbols.totalCount + 1,
    );
  });

  it('never caches the analysis state, which changes between revisions', async () => {
    const { store, calls } = countingStore();
    const server = await startServer(copyFixture('incremental'), {}, { store });
    await server.gql('{ analysis { state } stats { files } }');
    calls.length = 0;
    await server.gql('{ analysis { state } stats { files } }');
    expect(calls).toContain('stats');
  });
});
