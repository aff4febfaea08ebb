import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { claimSnapshotLock, type SnapshotLockClaim } from '../../server/durability/snapshot-lock.ts';
import { removeCopies, tempDir } from '../helpers/fixtures.ts';

/**
 * Holds the lock's age check (its `stat`, once done) of two claims: the first waits for the
 * second to arrive, the second waits for `open()`. Both then judge the same lock dead before either takes it
 * over, and the first takes it over while the second waits.
 */
const gate = vi.hoisted(() => {
  let arrived!: () => void;
  let opened!: () => void;
  const second = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const open = new Promise<void>((resolve) => {
    opened = resolve;
  });
  let calls = 0;
  return {
    active: false,
    async wait(): Promise<void> {
      calls += 1;
      if (calls === 1) await second;
      else if (calls === 2) {
        arrived();
        await open;
      }
    },
    open: () => opened(),
  };
});

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const stat: typeof actual.stat = (async (file: Parameters<typeof actual.stat>[0], options?: never) => {
    const result = await actual.stat(file, options);
    if (gate.active && String(file).endsWith('.lock')) await gate.wait();
    return result;
  }) as typeof actual.stat;
  return { ...actual, default: { ...actual, stat }, stat };
});

afterAll(removeCopies);

describe('the snapshot lock', () => {
  it('two servers taking over one dead lock together: exactly one holds it', async () => {
    const file = path.join(tempDir('codenav-cache-'), 'x.snapshot');
    // Another host's lock, untouched for two minutes: dead.
    writeFileSync(
      `${file}.lock`,
      JSON.stringify({ pid: 1, host: 'elsewhere', token: 'earlier', since: 'then' }),
    );
    const old = new Date(Date.now() - 2 * 60_000);
    utimesSync(`${file}.lock`, old, old);

    gate.active = true;
    const claims = [claimSnapshotLock(file), claimSnapshotLock(file)];
    // The first judged it dead and took it over while the second, which judged it dead too, waited.
    const first = await Promise.race(claims);
    expect(first.held).toBe(true);
    gate.open();
    const both = await Promise.all(claims);
    gate.active = false;

    const held = both.filter((claim): claim is Extract<SnapshotLockClaim, { held: true }> => claim.held);
    expect(held).toHaveLength(1);
    expect(both.find((claim) => !claim.held)).toMatchObject({
      holder: expect.stringContaining(`process ${process.pid} on `),
    });
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    expect(readdirSync(path.dirname(file))).toEqual(['x.snapshot.lock']);
    await held[0]!.release();
    expect(readdirSync(path.dirname(file))).toEqual([]);
  });
});
