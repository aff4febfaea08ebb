import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, realpathSync, renameSync, rmdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { snapshotFileFor } from '../../server/durability/cache-location.ts';
import { decodeSnapshot } from '../../server/durability/snapshot-file.ts';
import { copyFixture, removeCopies, tempDir } from '../helpers/fixtures.ts';
import { opLines, type Revision, subscribeWs } from '../helpers/subscriptions.ts';
import { editIncremental } from './edits.ts';

const CLI = fileURLToPath(new URL('../../bin/codenav.mjs', import.meta.url));
const STATUS = '{ analysis { state phase } stats { revision files symbols edges } }';

interface Status {
  analysis: { state: string; phase: string };
  stats: { revision: number; files: number; symbols: number; edges: number };
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(removeCopies);

/** `codenav serve` in its own process, keeping its snapshot in `cacheDir`. */
async function serve(root: string, cacheDir: string) {
  const env = { ...process.env };
  delete env.CODENAV_NO_CACHE;
  const child = spawn(
    process.execPath,
    [CLI, 'serve', root, '--port', '0', '--no-watch', '--cache-dir', cacheDir, '--log-level', 'warn'],
    { stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /listening on (\S+)\n/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`codenav serve exited (${code}): ${stderr}`)));
  });
  const status = async (): Promise<Status> => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: STATUS }),
    });
    return ((await response.json()) as { data: Status }).data;
  };
  return {
    url,
    status,
    stderr: () => stderr,
    async ready(): Promise<Status> {
      await expect
        .poll(async () => (await status()).analysis.state, { timeout: 60_000, interval: 100 })
        .toBe('READY');
      return status();
    },
    async gql<T>(query: string): Promise<T> {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return ((await response.json()) as { data: T }).data;
    },
    async kill(): Promise<void> {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    async stop(): Promise<number | null> {
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    },
  };
}

describe('a restart with a snapshot', () => {
  it('answers from the snapshot at once, then verifies without a new revision when nothing changed', async () => {
    const root = copyFixture('incremental');
    const cache = tempDir('codenav-cache-');
    const first = await serve(root, cache);
    const before = await first.ready();
    expect(await first.stop()).toBe(0);

    const second = await serve(root, cache);
    // The first answer: the snapshot's graph, while verification runs.
    const answer = await second.status();
    expect(answer.analysis).toEqual({ state: 'RUNNING', phase: 'VERIFYING' });
    expect(answer.stats).toEqual(before.stats);
    expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
    const after = await second.ready();
    expect(after.stats).toEqual(before.stats);
    expect(await second.stop()).toBe(0);
    expect(second.stderr()).toBe('');
  }, 120_000);

  it('applies what changed while it was down as one revision, and a resuming client gets it', async () => {
    const root = copyFixture('incremental');
    const cache = tempDir('codenav-cache-');
    const first = await serve(root, cache);
    const live = subscribeWs<Revision>(first.url, { since: 0 });
    const before = await first.ready();
    const seen = await live.until((items) => items.at(-1)?.revision === before.stats.revision);
    await live.close();
    expect(await first.stop()).toBe(0);

    // While it is down: an edit, an addition, a deletion.
    editIncremental(root);

    const second = await serve(root, cache);
    // Resuming where it left off, and from before the last revision it saw.
    const resumed = subscribeWs<Revision>(second.url, { since: before.stats.revision });
    const replayed = subscribeWs<Revision>(second.url, { since: before.stats.revision - 1 });
    const after = await second.ready();
    expect(after.stats.revision).toBe(before.stats.revision + 1);
    expect(after.stats.files).toBe(before.stats.files);
    const [revision] = await resumed.until((items) => items.length >= 1);
    expect(revision!.revision).toBe(before.stats.revision + 1);
    expect(revision!.files).toEqual(['src/calc.ts', 'src/extra.ts', 'src/math.ts']);
    expect(opLines(revision!)).toEqual(
      expect.arrayContaining([
        'NODE_REMOVED src/calc.ts',
        'NODE_ADDED src/extra.ts',
        'NODE_ADDED src/math.ts#sub',
        'NODE_ADDED src/extra.ts#five',
      ]),
    );
    const again = await replayed.until((items) => items.length >= 2);
    expect(again.map((r) => r.revision)).toEqual([before.stats.revision, before.stats.revision + 1]);
    expect(again[0]).toEqual(seen.at(-1));
    await resumed.close();
    await replayed.close();
    expect(await second.stop()).toBe(0);

    // A third start: nothing changed since, the revision stays.
    const third = await serve(root, cache);
    expect((await third.ready()).stats).toEqual(after.stats);
    expect(await third.stop()).toBe(0);
  }, 180_000);

  it('after kill -9, numbering continues after the last revision clients saw, which the snapshot missed', async () => {
    const root = copyFixture('incremental');
    const cache = tempDir('codenav-cache-');
    const file = snapshotFileFor(cache, realpathSync(root));
    const first = await serve(root, cache);
    await first.ready();
    await expect.poll(() => snapshotRevision(file, root), { timeout: 20_000 }).toBe(1);

    // Two revisions, then killed before the keeper writes them. It waits for 2 s of quiet, which
    // a loaded machine may let pass before the kill: a folder in the snapshot's place keeps its
    // write from landing (the revision mark beside it is still written), whatever the timing.
    const aside = `${file}.aside`;
    renameSync(file, aside);
    mkdirSync(file);
    const reanalyze = 'mutation { reanalyze(paths: ["src/math.ts"]) { revision } }';
    const math = path.join(root, 'src/math.ts');
    appendFileSync(math, '\nexport const one = 1;\n');
    expect(await first.gql(reanalyze)).toEqual({ reanalyze: { revision: 2 } });
    appendFileSync(math, '\nexport const two = 2;\n');
    expect(await first.gql(reanalyze)).toEqual({ reanalyze: { revision: 3 } });
    await expect
      .poll(() => readFileSync(`${file}.revision`, 'utf8'), { timeout: 20_000, interval: 50 })
      .toBe('3\n');
    // Killed once the keeper has tried, as after a kill within its quiet time.
    await expect
      .poll(() => first.stderr(), { timeout: 20_000, interval: 50 })
      .toMatch(/cannot write the snapshot/);
    await first.kill();
    rmdirSync(file);
    renameSync(aside, file);
    expect(snapshotRevision(file, root)).toBe(1);

    const second = await serve(root, cache);
    const after = await second.ready();
    // Not 2 again: a client that saw revision 2 would resume from it and silently miss `two`.
    expect(after.stats.revision).toBe(4);
    const behind = subscribeWs<Revision>(second.url, { since: 2 });
    await expect(behind.until(() => false, 10_000)).rejects.toThrow(/REVISION_EXPIRED/);
    const current = subscribeWs<Revision>(second.url, { since: 3 });
    const [next] = await current.until((items) => items.length >= 1);
    expect(next!.revision).toBe(4);
    expect(opLines(next!)).toEqual(
      expect.arrayContaining(['NODE_ADDED src/math.ts#one', 'NODE_ADDED src/math.ts#two']),
    );
    await behind.close();
    await current.close();
    appendFileSync(math, '\nexport const three = 3;\n');
    expect(await second.gql(reanalyze)).toEqual({ reanalyze: { revision: 5 } });
    expect(await second.stop()).toBe(0);

    // Stopped cleanly: the next start replays what it kept, never across the lost revisions.
    const third = await serve(root, cache);
    const lost = subscribeWs<Revision>(third.url, { since: 2 });
    await expect(lost.until(() => false, 10_000)).rejects.toThrow(/REVISION_EXPIRED/);
    const kept = subscribeWs<Revision>(third.url, { since: 3 });
    expect((await kept.until((items) => items.length >= 2)).map((r) => r.revision)).toEqual([4, 5]);
    await lost.close();
    await kept.close();
    expect((await third.ready()).stats.revision).toBe(5);
    expect(await third.stop()).toBe(0);
  }, 120_000);
});

/** The revision of the snapshot of `root` in `file`, or undefined while there is none. */
function snapshotRevision(file: string, root: string): number | undefined {
  try {
    return decodeSnapshot(readFileSync(file), realpathSync(root)).revision;
  } catch {
    return undefined;
  }
}
