import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeCopies, tempDir } from '../helpers/fixtures.ts';
import { startServer, stopServers } from '../helpers/server.ts';
import { subscribeWs } from '../helpers/subscriptions.ts';

afterAll(async () => {
  await stopServers();
  removeCopies();
});

interface Progress {
  state: string;
  phase: string;
  filesDone: number;
  filesTotal: number;
}

const PROGRESS = 'subscription { analysisProgress { state phase filesDone filesTotal } }';

describe('analysisProgress', () => {
  it('reports the first analysis file by file, then each update, over graphql-ws', async () => {
    const root = tempDir('codenav-progress-');
    mkdirSync(path.join(root, 'src'));
    for (let i = 0; i < 150; i++) {
      const body = Array.from(
        { length: 30 },
        (_, j) => `export function f${i}_${j}(x: number): number {\n  return x + ${j};\n}\n`,
      );
      writeFileSync(path.join(root, 'src', `m${i}.ts`), body.join(''));
    }
    const server = await startServer(root, {}, {}, { waitForAnalysis: false });
    const progress = subscribeWs<Progress>(server.url, {}, PROGRESS);
    const first = await progress.until((items) => items.some((p) => p.state === 'READY'), 60_000);
    const resolving = first.filter((p) => p.phase === 'RESOLVING');
    expect(resolving.length).toBeGreaterThan(0);
    expect(resolving.every((p) => p.filesTotal === 150)).toBe(true);
    const done = resolving.map((p) => p.filesDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(first.at(-1)).toMatchObject({ state: 'READY', phase: 'DONE', filesDone: 150, filesTotal: 150 });

    const seen = first.length;
    appendFileSync(path.join(root, 'src/m0.ts'), '\nexport const late = 1;\n');
    await server.gql('mutation { reanalyze(paths: ["src/m0.ts"]) { revision } }');
    const all = await progress.until((items) => items.slice(seen).some((p) => p.state === 'READY'));
    const update = all.slice(seen);
    expect(update[0]).toMatchObject({ state: 'RUNNING', phase: 'UPDATING' });
    expect(update.at(-1)).toMatchObject({ state: 'READY', phase: 'DONE' });
    await progress.close();
  }, 90_000);
});
