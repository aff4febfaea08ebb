/**
 * A snapshot names the build that wrote it, not only the version: a clone updated and built
 * again is another analyzer under the same version, and must not reuse the old one's records.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { snapshotFileFor } from '../../server/durability/cache-location.ts';
import { CODENAV_VERSION, decodeSnapshot } from '../../server/durability/snapshot-file.ts';
import { killCommands, listeningUrl, spawnCodenav } from '../helpers/cli.ts';
import { copyFixture, removeCopies, tempDir } from '../helpers/fixtures.ts';

afterAll(() => {
  killCommands();
  removeCopies();
});

const read = (relative: string) => JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8'));

describe('the build a snapshot was written by', () => {
  it('is the version, the build id of dist/ and the TypeScript it analyzes with, when codenav runs from its build', async () => {
    const { version } = read('../../package.json') as { version: string };
    const { id } = read('../../dist/build.json') as { id: string };
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    const root = realpathSync(copyFixture('incremental'));
    const cache = tempDir('codenav-cache-');
    // The test run turns snapshots off for every server it starts (CODENAV_NO_CACHE): on for this one.
    const env = { ...process.env };
    delete env.CODENAV_NO_CACHE;
    const run = spawnCodenav(
      ['serve', root, '--port', '0', '--no-watch', '--cache-dir', cache, '--log-level', 'warn'],
      { env },
    );
    const url = await listeningUrl(run);
    await expect
      .poll(
        async () => {
          const response = await fetch(`${url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ analysis { state } }' }),
          });
          return ((await response.json()) as { data?: { analysis: { state: string } } }).data?.analysis.state;
        },
        { timeout: 60_000, interval: 100 },
      )
      .toBe('READY');
    // The snapshot is written at the latest when the server stops.
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const snapshot = decodeSnapshot(readFileSync(snapshotFileFor(cache, root)), root);
    // And the TypeScript it analyzes with (ts-morph's copy), as installed.
    const { version: common } = read('../../node_modules/@ts-morph/common/package.json') as {
      version: string;
    };
    expect(snapshot.writtenBy).toBe(`${version}+${id}.tsm${common}`);
    // Run from its sources (as here), codenav is the version alone: never mistaken for a build.
    expect(CODENAV_VERSION).toBe(version);
  });
});
