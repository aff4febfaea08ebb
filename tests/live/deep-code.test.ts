/**
 * Code nested deeper than a recursive walk survives, through the whole server (analysis in its
 * worker thread): at start, and while watching, saved together with a legitimate edit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeCopies, tempDir } from '../helpers/fixtures.ts';
import { startServer, stopServers, type TestServer } from '../helpers/server.ts';
import { subscribeWs } from '../helpers/subscriptions.ts';

afterAll(async () => {
  await stopServers();
  removeCopies();
});

type Data = Record<string, any>;

/** `"a" + "a" + …`: 20,000 terms, nested on the left. */
const concat = `export const long = ${Array(20_000).fill('"a"').join(' + ')};\n`;
/** 50,000 nested parentheses: deeper than TypeScript's recursive parser goes. */
const parens = `export const p = ${'('.repeat(50_000)}1${')'.repeat(50_000)};\n`;

function project(files: Record<string, string>): string {
  const root = tempDir('codenav-deep-');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

const legitimate = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, include: ['src'] }),
  'src/util.ts': 'export function twice(n: number) { return n * 2; }\n',
  'src/main.ts': "import { twice } from './util';\nexport const four = () => twice(2);\n",
};

const QUERY = `{
  analysis { state message }
  deep: file(path: "src/deep.ts") { diagnostics { code } }
  long: file(path: "src/long.ts") { symbols { key } }
  four: codeNode(key: "src/main.ts#four") { ... on CodeSymbol { callees { key } } }
}`;

describe('deeply nested code', () => {
  it('starts READY with the whole graph: a file too deep for TypeScript is a diagnostic, the others are analyzed', async () => {
    const server = await startServer(
      project({ ...legitimate, 'src/deep.ts': parens, 'src/long.ts': concat }),
    );
    const { data, errors } = await server.gql<Data>(QUERY);
    expect(errors).toBeUndefined();
    expect(data?.analysis).toEqual({ state: 'READY', message: null });
    expect(data?.deep.diagnostics).toEqual([{ code: 'ANALYSIS_FAILED' }]);
    expect(data?.long.symbols).toEqual([{ key: 'src/long.ts#long' }]);
    expect(data?.four.callees).toEqual([{ key: 'src/util.ts#twice' }]);
  });

  it('while watching, applies a legitimate edit saved at the same moment as a too deep file', async () => {
    const root = project(legitimate);
    const server: TestServer = await startServer(root, { watch: true });
    await server.app.watching;
    const since = (await server.gql<Data>('{ stats { revision } }')).data!.stats.revision;
    const client = subscribeWs(server.url, { since });
    writeFileSync(path.join(root, 'src/deep.ts'), parens);
    writeFileSync(path.join(root, 'src/long.ts'), concat);
    writeFileSync(path.join(root, 'src/util.ts'), 'export function twice(n: number) { return n + n; }\n');
    const files = (items: { files: string[] }[]) => new Set(items.flatMap((r) => r.files));
    const items = await client.until((list) => files(list).size === 3);
    expect([...files(items)].sort()).toEqual(['src/deep.ts', 'src/long.ts', 'src/util.ts']);
    const changes = items.flatMap((r) => r.changes.map((c) => `${c.op} ${c.key}`));
    expect(changes).toEqual(
      expect.arrayContaining([
        'NODE_UPDATED src/util.ts#twice',
        'NODE_ADDED src/deep.ts',
        'NODE_ADDED src/long.ts#long',
      ]),
    );
    const { data } = await server.gql<Data>(QUERY);
    expect(data?.analysis.state).toBe('READY');
    expect(data?.deep.diagnostics).toEqual([{ code: 'ANALYSIS_FAILED' }]);
    expect(data?.long.symbols).toEqual([{ key: 'src/long.ts#long' }]);
    await client.close();
  });
});
