import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app.ts';
import { serveConfig } from '../../server/config.ts';
import { snapshotFileFor } from '../../server/durability/cache-location.ts';
import {
  CODENAV_VERSION,
  decodeSnapshot,
  encodeSnapshot,
  MAX_SNAPSHOT_BYTES,
  SNAPSHOT_FORMAT,
} from '../../server/durability/snapshot-file.ts';
import { claimSnapshotLock } from '../../server/durability/snapshot-lock.ts';
import { copyFixture, removeCopies, tempDir } from '../helpers/fixtures.ts';
import { capturedLogger } from '../helpers/log.ts';
import { startServer, stopServers } from '../helpers/server.ts';
import { subscribeWs } from '../helpers/subscriptions.ts';

const STATS = '{ analysis { state phase } stats { revision files symbols edges } }';

let root: string;
let good: Buffer;
let baseline: unknown;

/** Starts a server on `dir` with `cacheDir`, waits for its analysis; returns its warnings, infos and stats. */
async function serve(dir: string, cacheDir: string) {
  const log = capturedLogger();
  const server = await startServer(dir, { cacheDir }, { logger: log.logger });
  const { data } = await server.gql<{ analysis: { state: string }; stats: { revision: number } }>(STATS);
  await server.stop();
  const lines = log.lines.map((line) => JSON.parse(line) as { level: number; msg: string });
  const warnings = lines.filter((line) => line.level === 40).map((line) => line.msg);
  const infos = lines.filter((line) => line.level === 30).map((line) => line.msg);
  return { warnings, infos, data: data! };
}

/** A cache folder holding `bytes` as the snapshot of `dir`. */
function cacheWith(dir: string, bytes: Buffer | string): { cache: string; file: string } {
  const cache = tempDir('codenav-cache-');
  const file = snapshotFileFor(cache, realpathSync(dir));
  writeFileSync(file, bytes);
  return { cache, file };
}

beforeAll(async () => {
  root = copyFixture('incremental');
  const cache = tempDir('codenav-cache-');
  const first = await serve(root, cache);
  baseline = first.data.stats;
  good = readFileSync(snapshotFileFor(cache, realpathSync(root)));
}, 60_000);
afterEach(stopServers);
afterAll(removeCopies);

describe('a revision mark without a usable snapshot', () => {
  it('numbers the fresh graph after the mark, and a client resuming from the mark is told to re-query', async () => {
    const dir = copyFixture('incremental');
    const { cache, file } = cacheWith(dir, 'hello');
    writeFileSync(`${file}.revision`, '7\n', { mode: 0o600 });
    const server = await startServer(dir, { cacheDir: cache });
    const { data } = await server.gql<{ stats: { revision: number } }>(STATS);
    // Revision 8 is left out: the fresh graph's first revision does not follow 7.
    expect(data!.stats.revision).toBe(9);
    for (const since of [7, 3]) {
      const client = subscribeWs(server.url, { since });
      await expect.poll(() => client.errors.length).toBe(1);
      expect(JSON.stringify(client.errors[0])).toContain('REVISION_EXPIRED');
      await client.close();
    }
    const current = subscribeWs(server.url, { since: 9 });
    appendFileSync(path.join(dir, 'src/math.ts'), '\nexport const marked = 1;\n');
    await server.app.indexer!.reanalyze(['src/math.ts']);
    const [next] = await current.until((items) => items.length >= 1);
    expect(next!.revision).toBe(10);
    await current.close();
  });
});

describe('a snapshot that cannot be used', () => {
  it('is written on the first analysis, and used by the next start', async () => {
    expect(decodeSnapshot(good, realpathSync(root)).revision).toBe(1);
    const { cache } = cacheWith(root, good);
    const { warnings, data } = await serve(root, cache);
    expect(warnings).toEqual([]);
    expect(data.stats).toEqual(baseline);
  });

  const cases: [string, (bytes: Buffer) => Buffer | string, RegExp][] = [
    ['truncated', (bytes) => bytes.subarray(0, Math.floor(bytes.length / 2)), /\(truncated: /],
    [
      'corrupted',
      (bytes) => {
        const copy = Buffer.from(bytes);
        copy[copy.length - 10] = copy[copy.length - 10]! ^ 0xff;
        return copy;
      },
      /\(corrupted: its checksum does not match/,
    ],
    ['not a snapshot', () => 'hello', /\(corrupted: not a codenav snapshot/],
    [
      'of a foreign version',
      (bytes) =>
        Buffer.from(bytes.toString('latin1').replace(`"format":${SNAPSHOT_FORMAT}`, '"format":9'), 'latin1'),
      /\(foreign-version: format 9/,
    ],
    [
      'with a damaged revision in its header (it would reuse revision numbers)',
      (bytes) => Buffer.from(bytes.toString('latin1').replace('"revision":1,', '"revision":0,'), 'latin1'),
      /\(corrupted: its checksum does not match/,
    ],
  ];
  for (const [name, damage, reason] of cases) {
    it(`${name}: one warning line, then a cold analysis`, async () => {
      const { cache } = cacheWith(root, damage(good));
      const { warnings, data } = await serve(root, cache);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(reason);
      expect(warnings[0]).toMatch(/analyzing from scratch$/);
      expect(data.stats).toEqual(baseline);
    });
  }

  const planted: [string, (file: string) => void, RegExp][] = [
    // Reading a FIFO would wait for a writer forever: the server would never start.
    ['a FIFO', (file) => execFileSync('mkfifo', [file]), /\(untrusted: it is not a regular file\)/],
    [
      'a symbolic link (even to a good snapshot)',
      (file) => {
        const elsewhere = path.join(tempDir('codenav-elsewhere-'), 'snapshot');
        writeFileSync(elsewhere, good);
        symlinkSync(elsewhere, file);
      },
      /\(untrusted: it is a symbolic link, not a file codenav wrote\)/,
    ],
    [
      'writable by every user',
      (file) => {
        writeFileSync(file, good);
        chmodSync(file, 0o666);
      },
      /\(untrusted: every user can write it \(mode 666; codenav writes it 600\)\)/,
    ],
    [
      'larger than any snapshot (never read into memory)',
      (file) => {
        writeFileSync(file, good);
        truncateSync(file, MAX_SNAPSHOT_BYTES + 1);
      },
      /\(too-large: it has \d+ bytes, more than the \d+ it may have\)/,
    ],
  ];
  // Only root can give a file to another user.
  if (process.getuid?.() === 0)
    planted.push([
      "another user's (a planted graph would pass every other check)",
      (file) => {
        writeFileSync(file, good);
        chownSync(file, 65534, 65534);
      },
      /\(untrusted: it belongs to another user \(uid 65534\)\)/,
    ]);
  for (const [name, plant, reason] of planted) {
    it(`${name}: one warning line, then a cold analysis`, async () => {
      const cache = tempDir('codenav-cache-');
      plant(snapshotFileFor(cache, realpathSync(root)));
      const { warnings, data } = await serve(root, cache);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(reason);
      expect(warnings[0]).toMatch(/analyzing from scratch$/);
      expect(data.stats).toEqual(baseline);
    });
  }

  it('none yet (the first start): no warning, one info line, then a cold analysis', async () => {
    const missing = await serve(root, tempDir('codenav-cache-'));
    expect(missing.warnings).toEqual([]);
    expect(missing.infos).toContainEqual(
      expect.stringMatching(/^no snapshot yet \(.*\): analyzing from scratch$/),
    );
    expect(missing.data.stats).toEqual(baseline);
  });

  it('unreadable: one warning line, then a cold analysis', async () => {
    // A folder where the file should be: it cannot be read (nor replaced).
    const cache = tempDir('codenav-cache-');
    mkdirSync(snapshotFileFor(cache, realpathSync(root)));
    const unreadable = await serve(root, cache);
    expect(unreadable.warnings[0]).toMatch(
      /\(unreadable: it cannot be read \(EISDIR\)\): analyzing from scratch$/,
    );
    expect(unreadable.data.stats).toEqual(baseline);
  });

  it('written by another codenav version answers at once, then every file is resolved again', async () => {
    const older = decodeSnapshot(good, realpathSync(root));
    expect(older.layout).toBeDefined();
    const { cache } = cacheWith(
      root,
      Buffer.concat(await encodeSnapshot({ ...older, writtenBy: '0.0.1-old' })),
    );
    const log = capturedLogger();
    const server = await startServer(
      root,
      { cacheDir: cache },
      { logger: log.logger },
      { waitForAnalysis: false },
    );
    const first = await server.gql<{ analysis: { phase: string }; stats: unknown }>(STATS);
    expect(first.data!.analysis.phase).toBe('VERIFYING');
    expect(first.data!.stats).toEqual(baseline);
    const verified = JSON.parse(await log.until('snapshot verified')) as { reused: number; revision: number };
    expect(verified).toMatchObject({ reused: 0, revision: 1 });
    expect(await log.until('written by codenav 0.0.1-old')).toContain(`(this is ${CODENAV_VERSION})`);
    await server.app.indexer!.ready;
    expect((await server.gql(STATS)).data!.stats).toEqual(baseline);
    // Rewritten as this version's (at the latest when it stops), though the graph did not
    // change: the next start reuses it.
    await server.stop();
    const rewritten = decodeSnapshot(
      readFileSync(snapshotFileFor(cache, realpathSync(root))),
      realpathSync(root),
    );
    expect(rewritten).toMatchObject({ writtenBy: CODENAV_VERSION, layout: older.layout, revision: 1 });
  });

  it("of another root is never loaded, even under this root's name", async () => {
    const other = copyFixture('incremental');
    writeFileSync(path.join(other, 'src/more.ts'), 'export const more = 1;\n');
    const { cache } = cacheWith(other, good);
    const { warnings, data } = await serve(other, cache);
    expect(warnings).toEqual([expect.stringMatching(/\(other-root: it is the snapshot of /)]);
    expect(data.stats).toMatchObject({ revision: 1, files: 6 });
  });

  it('a cache folder that cannot be written is a warning, not a failure', async () => {
    const blocker = path.join(tempDir('codenav-cache-'), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const { warnings, data } = await serve(root, blocker);
    expect(data.analysis.state).toBe('READY');
    expect(data.stats).toEqual(baseline);
    expect(warnings.at(-1)).toMatch(
      /^cannot write the snapshot .* \((ENOTDIR|EEXIST)\): going on without it$/,
    );
  });

  it('a cache folder that leads inside the analyzed root through a symlink is not used either', async () => {
    const dir = copyFixture('incremental');
    mkdirSync(path.join(dir, '.cache'));
    const before = readdirSync(dir, { recursive: true }).sort();
    const link = path.join(tempDir('codenav-link-'), 'cache');
    symlinkSync(path.join(dir, '.cache'), link);
    const { warnings, data } = await serve(dir, path.join(link, 'codenav'));
    expect(warnings).toEqual([expect.stringMatching(/is inside the analyzed root: no snapshot is kept/)]);
    expect(data.stats).toEqual(baseline);
    expect(readdirSync(dir, { recursive: true }).sort()).toEqual(before);
  });

  it.each(['.cache', '..cache'])(
    'a cache folder inside the analyzed root (%s) is not used: nothing is written there',
    async (name) => {
      const dir = copyFixture('incremental');
      const before = readdirSync(dir, { recursive: true }).sort();
      const { warnings, data } = await serve(dir, path.join(dir, name));
      expect(warnings).toEqual([expect.stringMatching(/is inside the analyzed root: no snapshot is kept/)]);
      expect(data.stats).toEqual(baseline);
      expect(readdirSync(dir, { recursive: true }).sort()).toEqual(before);
    },
  );
});

describe('two servers on one root and one cache folder', () => {
  it('only the first keeps the snapshot: the second analyzes from scratch and never overwrites it', async () => {
    const dir = copyFixture('incremental');
    const cache = tempDir('codenav-cache-');
    const file = snapshotFileFor(cache, realpathSync(dir));
    const firstLog = capturedLogger();
    const first = await startServer(dir, { cacheDir: cache }, { logger: firstLog.logger });
    await firstLog.until('snapshot written');
    const secondLog = capturedLogger();
    const second = await startServer(dir, { cacheDir: cache }, { logger: secondLog.logger });
    const warning = await secondLog.until('another codenav server keeps the snapshot of this root');
    expect(warning).toContain(`process ${process.pid} on `);

    // Each goes its own way: two revisions on the first, one on the second.
    const math = path.join(dir, 'src/math.ts');
    appendFileSync(math, '\nexport const one = 1;\n');
    await first.app.indexer!.reanalyze(['src/math.ts']);
    appendFileSync(math, '\nexport const two = 2;\n');
    expect((await first.app.indexer!.reanalyze(['src/math.ts'])).revision).toBe(3);
    expect((await second.app.indexer!.reanalyze(['src/math.ts'])).revision).toBe(2);
    await first.stop();
    await second.stop();
    // The first stopped first; the second, stopping last, would have written its revision 2 over it.
    expect(decodeSnapshot(readFileSync(file), realpathSync(dir)).revision).toBe(3);
    expect(readdirSync(cache).sort()).toEqual([path.basename(file), `${path.basename(file)}.revision`]);

    // With the first gone, the next server keeps it again.
    const thirdLog = capturedLogger();
    const third = await startServer(dir, { cacheDir: cache }, { logger: thirdLog.logger });
    expect((await third.gql<{ stats: { revision: number } }>(STATS)).data!.stats.revision).toBe(3);
    expect(thirdLog.lines.filter((line) => line.includes('"level":40'))).toEqual([]);
  });

  const plantLock = (file: string, holder: { pid: number; host?: string; token?: string }, ageMs = 0) => {
    const lock = `${file}.lock`;
    writeFileSync(lock, JSON.stringify({ host: hostname(), token: 'earlier', since: 'then', ...holder }));
    const touched = new Date(Date.now() - ageMs);
    utimesSync(lock, touched, touched);
  };
  /** Starts a server on a fresh copy with `plant` done to its snapshot's place; says whether it kept a snapshot. */
  const keepsSnapshot = async (
    plant: (file: string) => void,
    dir = copyFixture('incremental'),
    cache = tempDir('codenav-cache-'),
  ) => {
    const file = snapshotFileFor(cache, realpathSync(dir));
    plant(file);
    const { warnings } = await serve(dir, cache);
    const refused = warnings.some((line) => line.startsWith('another codenav server keeps the snapshot'));
    return { refused, kept: readdirSync(cache).includes(path.basename(file)) };
  };

  it('takes over a lock no live server holds: same pid in a restarted container, or not refreshed', async () => {
    // The server of a restarted container has its predecessor's pid (1), not its token.
    expect(await keepsSnapshot((file) => plantLock(file, { pid: process.pid }))).toEqual({
      refused: false,
      kept: true,
    });
    // A live process that does not refresh the lock (a pid reused by another program), or another host's.
    const stale = 2 * 60_000;
    expect(await keepsSnapshot((file) => plantLock(file, { pid: process.ppid }, stale))).toEqual({
      refused: false,
      kept: true,
    });
    expect(
      await keepsSnapshot((file) => plantLock(file, { pid: process.ppid, host: 'elsewhere' }, stale)),
    ).toEqual({ refused: false, kept: true });
    // While its holder refreshes it, it is respected.
    expect(await keepsSnapshot((file) => plantLock(file, { pid: process.ppid }))).toEqual({
      refused: true,
      kept: false,
    });
    expect(await keepsSnapshot((file) => plantLock(file, { pid: 1, host: 'elsewhere' }))).toEqual({
      refused: true,
      kept: false,
    });
  });

  it('a FIFO planted as its lock or its revision mark does not hold up the start', async () => {
    expect(await keepsSnapshot((file) => execFileSync('mkfifo', [`${file}.lock`]))).toEqual({
      refused: false,
      kept: true,
    });
    expect(await keepsSnapshot((file) => execFileSync('mkfifo', [`${file}.revision`]))).toEqual({
      refused: false,
      kept: true,
    });
  });

  it('a holder refreshes its lock, so a long-running server is not taken for a stopped one', async () => {
    const file = path.join(tempDir('codenav-cache-'), 'x.snapshot');
    // Only the lock's refresh interval is faked: the clock (Date, file times) stays real, and so
    // do setTimeout and the timers expect.poll waits with.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const claim = await claimSnapshotLock(file);
      expect(claim.held).toBe(true);
      const old = new Date(Date.now() - 10 * 60_000);
      utimesSync(`${file}.lock`, old, old);
      vi.advanceTimersByTime(10_000);
      await expect
        .poll(() => Date.now() - statSync(`${file}.lock`).mtimeMs, { timeout: 10_000, interval: 20 })
        .toBeLessThan(60_000);
      if (claim.held) await claim.release();
      expect(readdirSync(path.dirname(file))).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('an app that fails to start lets go of the lock: the next app of this process keeps the snapshot', async () => {
    const dir = copyFixture('incremental');
    const cache = tempDir('codenav-cache-');
    // Its events engine cannot be made (an invalid project id), after the lock was taken.
    await expect(
      createApp(
        serveConfig(dir, { cacheDir: cache, redisUrl: 'redis://127.0.0.1:1', projectId: 'not valid' }),
        { logger: capturedLogger().logger },
      ),
    ).rejects.toThrow(/projectId must be/);
    expect(await keepsSnapshot(() => {}, dir, cache)).toEqual({ refused: false, kept: true });
  });

  it('takes over the lock of a server that was killed', async () => {
    const dir = copyFixture('incremental');
    const cache = tempDir('codenav-cache-');
    const file = snapshotFileFor(cache, realpathSync(dir));
    // A lock left by a process that no longer runs.
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: gone, host: hostname(), token: 'x', since: 'then' }));
    const log = capturedLogger();
    const server = await startServer(dir, { cacheDir: cache }, { logger: log.logger });
    await log.until('snapshot written');
    expect(log.lines.join('')).not.toContain('another codenav server');
    await server.stop();
    expect(readdirSync(cache).sort()).toEqual([path.basename(file), `${path.basename(file)}.revision`]);
  });
});
