import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, removeCopies } from '../helpers/fixtures.ts';
import { startRedis } from '../helpers/redis.ts';
import { addRenamedToPlus } from '../helpers/semantic.ts';
import { startServer, stopServers, type TestServer } from '../helpers/server.ts';
import { subscribeSse, subscribeWs } from '../helpers/subscriptions.ts';

afterAll(async () => {
  await stopServers();
  removeCopies();
});

interface Semantic {
  kind: string;
  key: string;
  previousKey: string | null;
  before: string | null;
  after: string | null;
  breaking: boolean;
  affected: string[];
  message: string;
}
interface Revision {
  revision: number;
  files: string[];
  semantic: Semantic[];
}

const WITH_SEMANTIC = `subscription($since: Int, $pathPrefix: String) {
  graphChanged(since: $since, pathPrefix: $pathPrefix) {
    revision files semantic { kind key previousKey before after breaking affected message }
  }
}`;

const RENAMED: Semantic = addRenamedToPlus(
  ['src/app.ts#run', 'src/calc.ts#total'],
  'Renamed function add to plus in src/math.ts; 2 dependents still use the old name.',
);

async function revisionOf(server: TestServer): Promise<number> {
  const { data } = await server.gql<{ stats: { revision: number } }>('{ stats { revision } }');
  return data!.stats.revision;
}

function renameAdd(root: string): void {
  const file = path.join(root, 'src/math.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace('export function add(', 'export function plus('));
}

describe('semantic changes reach subscribers', () => {
  it('a rename saved in the editor arrives over graphql-ws and SSE as one SYMBOL_RENAMED, breaking for its callers', async () => {
    const root = copyFixture('incremental');
    const server = await startServer(root, { watch: true });
    await server.app.watching;
    const since = await revisionOf(server);
    const all = subscribeWs<Revision>(server.url, { since }, WITH_SEMANTIC);
    const callerSide = subscribeWs<Revision>(server.url, { since, pathPrefix: 'src/app.ts' }, WITH_SEMANTIC);
    const sse = subscribeSse<Revision>(server.url, { since }, WITH_SEMANTIC);
    renameAdd(root);
    const [revision] = await all.until((items) => items.some((r) => r.semantic.length > 0));
    expect(revision!.semantic).toEqual([RENAMED]);
    expect((await sse.until((items) => items.length > 0))[0]).toEqual(revision);
    // Under the path of a caller the rename leaves behind, the rename comes too: it breaks code there.
    const [filtered] = await callerSide.until((items) => items.length > 0);
    expect(filtered!.revision).toBe(revision!.revision);
    expect(filtered!.semantic).toEqual([RENAMED]);

    const { data, errors } = await server.gql<{ semanticChanges: (Semantic & { revision: number })[] }>(
      `query($since: Int!, $pathPrefix: String) { semanticChanges(since: $since, pathPrefix: $pathPrefix) {
        revision kind key previousKey before after breaking affected message } }`,
      { since, pathPrefix: 'src/math' },
    );
    expect(errors).toBeUndefined();
    expect(data!.semanticChanges).toEqual([{ ...RENAMED, revision: revision!.revision }]);
    const underPrefix = async (pathPrefix: string) =>
      (
        await server.gql<{ semanticChanges: { key: string }[] }>(
          'query($since: Int!, $pathPrefix: String) { semanticChanges(since: $since, pathPrefix: $pathPrefix) { key } }',
          { since, pathPrefix },
        )
      ).data!.semanticChanges;
    expect(await underPrefix('src/calc')).toEqual([{ key: RENAMED.key }]);
    expect(await underPrefix('src/factory')).toEqual([]);
    const later = await server.gql<{ semanticChanges: unknown[] }>(
      'query($since: Int!) { semanticChanges(since: $since) { key } }',
      { since: revision!.revision },
    );
    expect(later.data!.semanticChanges).toEqual([]);
    const ahead = await server.gql('query { semanticChanges(since: 1000000) { key } }');
    expect(ahead.errors?.[0]?.extensions?.code).toBe('REVISION_EXPIRED');
    await all.close();
    await callerSide.close();
    await sse.close();
  });

  it('a broken import and a syntax error arrive as CALLS_BROKEN, and their fixes as CALLS_RESTORED with the same callers', async () => {
    const root = copyFixture('incremental');
    const server = await startServer(root, { watch: true });
    await server.app.watching;
    const since = await revisionOf(server);
    const feed = subscribeWs<Revision>(server.url, { since }, WITH_SEMANTIC);
    const edit = (file: string, from: string, to: string) => {
      const at = path.join(root, file);
      const text = readFileSync(at, 'utf8');
      expect(text).toContain(from);
      writeFileSync(at, text.replace(from, to));
    };
    /** The semantic changes of the next revision that has some. */
    let seen = 0;
    const next = async () => {
      const items = await feed.until((list) => list.slice(seen).some((r) => r.semantic.length > 0));
      const index = items.findIndex((r, i) => i >= seen && r.semantic.length > 0);
      seen = index + 1;
      return items[index]!.semantic.map((c) => ({
        kind: c.kind,
        key: c.key,
        breaking: c.breaking,
        affected: c.affected,
        message: c.message,
      }));
    };
    const add = (kind: string, breaking: boolean, message: string) => ({
      kind,
      key: 'src/math.ts#add',
      breaking,
      affected: ['src/calc.ts#total'],
      message,
    });

    edit('src/calc.ts', "from './math'", "from './maths'");
    expect(await next()).toEqual([
      add('CALLS_BROKEN', true, '1 call to add (src/math.ts) no longer resolves: from src/calc.ts#total.'),
    ]);
    edit('src/calc.ts', "from './maths'", "from './math'");
    expect(await next()).toEqual([
      add('CALLS_RESTORED', false, '1 call to add (src/math.ts) resolves again: from src/calc.ts#total.'),
    ]);

    // `make(` left open: `make` is called with what follows, and `.start()` calls nothing known.
    const start = (kind: string, breaking: boolean, verb: string) => ({
      kind,
      key: 'src/factory.ts#Engine.start',
      breaking,
      affected: ['src/app.ts#run'],
      message: `1 call to Engine.start (src/factory.ts) ${verb}: from src/app.ts#run.`,
    });
    edit('src/app.ts', 'make().start();', 'make(.start();');
    expect(await next()).toEqual([start('CALLS_BROKEN', true, 'no longer resolves')]);
    edit('src/app.ts', 'make(.start();', 'make().start();');
    expect(await next()).toEqual([start('CALLS_RESTORED', false, 'resolves again')]);
    await feed.close();
  });

  it('over Redis, a client resuming with since gets the semantic changes it missed', async () => {
    const redis = await startRedis();
    const root = copyFixture('incremental');
    const server = await startServer(root, { redisUrl: redis.url });
    await expect
      .poll(
        async () => ((await (await fetch(`${server.url}/readyz`)).json()) as any).components.pubsub.state,
        {
          timeout: 20_000,
        },
      )
      .toBe('ready');
    const since = await revisionOf(server);
    renameAdd(root);
    const { data } = await server.gql<{ reanalyze: { revision: number } }>(
      'mutation { reanalyze(paths: ["src/math.ts"]) { revision } }',
    );
    const replay = subscribeWs<Revision>(server.url, { since }, WITH_SEMANTIC);
    const items = await replay.until((list) => list.some((r) => r.revision === data!.reanalyze.revision));
    expect(items.find((r) => r.revision === data!.reanalyze.revision)!.semantic).toEqual([RENAMED]);
    await replay.close();
  });
});
