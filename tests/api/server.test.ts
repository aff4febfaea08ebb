import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killCommands, listeningUrl, spawnCodenav, spawnServe } from '../helpers/cli.ts';
import { countingStore } from '../helpers/counting-store.ts';
import { copyFixture, fixturePath, removeCopies, tempDir } from '../helpers/fixtures.ts';
import { errorCodes, startServer, stopServers } from '../helpers/server.ts';

afterAll(async () => {
  killCommands();
  await stopServers();
  removeCopies();
});

type Data = Record<string, any>;
const TOKEN = 'test-token-0123456789';

/** A project big enough that its analysis takes seconds. */
function bigProject(files: number): string {
  const dir = tempDir('codenav-big-');
  mkdirSync(path.join(dir, 'src'));
  for (let i = 0; i < files; i++) {
    const previous = i > 0 ? `import { f${i - 1}_0 } from './m${i - 1}';\n` : '';
    const body = Array.from(
      { length: 40 },
      (_, j) =>
        `export function f${i}_${j}(x: number): number {\n  return ${i > 0 && j === 0 ? `f${i - 1}_0(x)` : 'x'} + ${j};\n}\n`,
    ).join('');
    writeFileSync(path.join(dir, 'src', `m${i}.ts`), previous + body);
  }
  return dir;
}

describe('serving while analysis runs', () => {
  it('answers /healthz at once and queries see the graph so far while analysis is RUNNING', async () => {
    const server = await startServer(bigProject(400), {}, {}, { waitForAnalysis: false });
    const started = performance.now();
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(500);
    const during = await server.gql<Data>('{ analysis { state } stats { files } }');
    expect(during.data?.analysis.state).toBe('RUNNING');
    await expect
      .poll(async () => (await server.gql<Data>('{ stats { files } analysis { state } }')).data, {
        timeout: 60_000,
      })
      .toMatchObject({ stats: { files: 400 }, analysis: { state: 'READY' } });
  }, 90_000);

  it('reports each component in /readyz', async () => {
    const server = await startServer(fixturePath('incremental'));
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ready',
      components: { store: { state: 'ready' }, pubsub: { state: 'ready' }, analysis: { state: 'READY' } },
    });
    expect((await fetch(`${server.url}/readyz`, { method: 'HEAD' })).status).toBe(200);
  });

  it('answers other methods than GET and HEAD on /healthz and /readyz with 405', async () => {
    const server = await startServer(fixturePath('incremental'));
    for (const pathname of ['/healthz', '/readyz']) {
      const response = await fetch(`${server.url}${pathname}`, { method: 'POST', body: '{}' });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      expect(await response.json()).toEqual({
        errors: [
          { message: `${pathname} answers GET and HEAD only`, extensions: { code: 'METHOD_NOT_ALLOWED' } },
        ],
      });
    }
  });
});

describe('mutations and CORS', () => {
  it('re-analyzes paths on request, and needs the token when one is set', async () => {
    const root = copyFixture('incremental');
    const open = await startServer(root);
    writeFileSync(path.join(root, 'src/extra.ts'), 'export const extra = 1;\n');
    const done = await open.gql<Data>('mutation { reanalyze(paths: ["src/extra.ts"]) { revision changes } }');
    expect(done.data?.reanalyze.changes).toBe(3);
    expect((await open.gql<Data>('{ file(path: "src/extra.ts") { path } }')).data?.file.path).toBe(
      'src/extra.ts',
    );

    const guarded = await startServer(copyFixture('incremental'), { token: TOKEN });
    const refused = await guarded.gql('mutation { reanalyze(paths: ["src/math.ts"]) { revision } }');
    expect(errorCodes(refused)).toEqual(['UNAUTHENTICATED']);
    const allowed = await guarded.gql<Data>(
      'mutation { reanalyze(paths: ["src/math.ts"]) { revision changes } }',
      undefined,
      {
        authorization: `Bearer ${TOKEN}`,
      },
    );
    expect(allowed.data?.reanalyze.changes).toBe(0);
    const traversal = await guarded.gql(
      'mutation { reanalyze(paths: ["../outside.ts"]) { revision } }',
      undefined,
      {
        authorization: `Bearer ${TOKEN}`,
      },
    );
    expect(errorCodes(traversal)).toEqual(['BAD_USER_INPUT']);
  });

  it('keeps CORS off unless origins are configured', async () => {
    const closed = await startServer(fixturePath('incremental'));
    const preflight = (url: string) =>
      fetch(`${url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
      });
    expect((await preflight(closed.url)).headers.get('access-control-allow-origin')).toBeNull();
    const open = await startServer(fixturePath('incremental'), { corsOrigins: ['https://app.example'] });
    expect((await preflight(open.url)).headers.get('access-control-allow-origin')).toBe(
      'https://app.example',
    );
  });
});

describe('batching', () => {
  it('answers a page of 50 symbols with their callers and files in a handful of store calls', async () => {
    const { store: counting, calls } = countingStore();
    const server = await startServer(bigProject(5), {}, { store: counting });
    calls.length = 0;
    const { data } = await server.gql<Data>(
      '{ symbols(first: 50) { edges { node { key file { path } callers { key file { path } } } } } }',
    );
    expect(data?.symbols.edges).toHaveLength(50);
    expect(data?.symbols.edges.some((e: Data) => e.node.callers.length > 0)).toBe(true);
    // degreeStats (the cost estimate), findNodes, then one getNodes for files, one getEdges for
    // callers, one getNodes for them.
    expect(calls.length).toBeLessThanOrEqual(7);
    expect(calls.filter((c) => c === 'getEdges')).toHaveLength(1);
  });
});

describe('codenav serve', () => {
  it('prints the real port, serves, and exits 0 on SIGTERM', async () => {
    const run = spawnServe(fixturePath('incremental'), '--log-level', 'silent');
    const url = await listeningUrl(run);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 30_000);

  it('refuses bad flags with exit code 2 and one clear line', async () => {
    const run = spawnCodenav(['serve', '--port', 'x']);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toBe('codenav serve: --port must be 0..65535, got "x"\n');
    const api = spawnCodenav(['serve', '--role', 'api']);
    expect(await api.exited).toBe(2);
    expect(api.stderr()).toMatch(/--role api needs --store memgraph and --redis-url/);
    const blank = spawnCodenav(['serve', '--token', '']);
    expect(await blank.exited).toBe(2);
    expect(blank.stderr()).toBe('codenav serve: --token is empty: give a secret of at least 16 characters\n');
  });

  it('exits 1 with one line when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const run = spawnCodenav(['serve', fixturePath('incremental'), '--port', String(port), '--no-watch']);
    expect(await run.exited).toBe(1);
    expect(run.stderr().trim().split('\n').at(-1)).toBe(
      `codenav serve: port ${port} on 127.0.0.1 is in use: choose another with --port`,
    );
    blocker.close();
  }, 30_000);
});
