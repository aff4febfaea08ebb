import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { claimSnapshotLock, type SnapshotLockClaim } from '../../server/durability/snapshot-lock.ts';
import { removeCopies, tempDir } from '../helpers/fixtures.ts';

type Held = Extract<SnapshotLockClaim, { held: true }>;

/**
 * Holds the lock's age check (its `stat`, once done) of two claims: the first waits for the
 * second to arrive, the second waits for `open()`. Both then judge the same lock dead before either takes it
 * over, and the first takes it over while the second waits.
 */
const gate = vi.hoisted(() => {
  const make = () => {
    let arrived!: () => void;
    let opened!: () => void;
    const second = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const open = new Promise<void>((resolve) => {
      opened = resolve;
    });
    return { second, arrived, open, opened, calls: 0 };
  };
  let state = make();
  return {
    active: false,
    reset(): void {
      state = make();
    },
    async wait(): Promise<void> {
      state.calls += 1;
      if (state.calls === 1) await state.second;
      else if (state.calls === 2) {
        state.arrived();
        await state.open;
      }
    },
    open: () => state.opened(),
  };
});

/**
 * Steps run inside the lock's own file operations, to force an interleaving: `moved` after a
 * rename moved the lock out of its place (its place is empty in that instant), `removing` just
 * before an unlink of the lock.
 */
const steps = vi.hoisted(() => ({
  moved: undefined as (() => Promise<void>) | undefined,
  removing: undefined as (() => Promise<void>) | undefined,
}));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const stat: typeof actual.stat = (async (file: Parameters<typeof actual.stat>[0], options?: never) => {
    const result = await actual.stat(file, options);
    if (gate.active && String(file).endsWith('.lock')) await gate.wait();
    return result;
  }) as typeof actual.stat;
  const rename: typeof actual.rename = async (from, to) => {
    await actual.rename(from, to);
    if (String(from).endsWith('.lock')) await steps.moved?.();
  };
  const unlink: typeof actual.unlink = async (file) => {
    if (String(file).endsWith('.lock')) {
      const step = steps.removing;
      steps.removing = undefined;
      await step?.();
    }
    await actual.unlink(file);
  };
  const overrides = { stat, rename, unlink };
  return { ...actual, ...overrides, default: { ...actual, ...overrides } };
});

afterEach(() => {
  gate.active = false;
  gate.reset();
  steps.moved = undefined;
  steps.removing = undefined;
});
afterAll(removeCopies);

/** A snapshot file whose lock is another host's, untouched for two minutes: dead. */
function withDeadLock(token = 'earlier'): string {
  const file = path.join(tempDir('codenav-cache-'), 'x.snapshot');
  writeFileSync(`${file}.lock`, JSON.stringify({ pid: 1, host: 'elsewhere', token, since: 'then' }));
  const old = new Date(Date.now() - 2 * 60_000);
  utimesSync(`${file}.lock`, old, old);
  return file;
}

const heldOf = (claims: SnapshotLockClaim[]) => claims.filter((claim): claim is Held => claim.held);

describe('the snapshot lock', () => {
  it('two servers taking over one dead lock together: exactly one holds it', async () => {
    const file = withDeadLock();
    gate.active = true;
    const claims = [claimSnapshotLock(file), claimSnapshotLock(file)];
    // The first judged it dead and took it over while the second, which judged it dead too, waited.
    const first = await Promise.race(claims);
    expect(first.held).toBe(true);
    gate.open();
    const both = await Promise.all(claims);
    gate.active = false;

    const held = heldOf(both);
    expect(held).toHaveLength(1);
    expect(both.find((claim) => !claim.held)).toMatchObject({
      holder: expect.stringContaining(`process ${process.pid} on `),
    });
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    expect(readdirSync(path.dirname(file))).toEqual(['x.snapshot.lock']);
    await held[0]!.release();
    expect(readdirSync(path.dirname(file))).toEqual([]);
  });

  it('a third server starting in the middle of two takeovers does not make a second holder', async () => {
    const file = withDeadLock();
    // Whenever a takeover leaves the lock's place empty, a third server claims it in that instant.
    const thirds: SnapshotLockClaim[] = [];
    steps.moved = async () => {
      thirds.push(await claimSnapshotLock(file));
    };
    gate.active = true;
    const claims = [claimSnapshotLock(file), claimSnapshotLock(file)];
    await Promise.race(claims);
    gate.open();
    const both = await Promise.all(claims);
    gate.active = false;
    steps.moved = undefined;
    // No takeover emptied the place: the third server comes now.
    if (thirds.length === 0) thirds.push(await claimSnapshotLock(file));

    const held = heldOf([...both, ...thirds]);
    expect(held).toHaveLength(1);
    // The lock in place is the one holder's: its release removes it.
    await held[0]!.release();
    expect(readdirSync(path.dirname(file))).toEqual([]);
  });

  it('a server stopping while another takes its lock over never removes the other one', async () => {
    const file = path.join(tempDir('codenav-cache-'), 'x.snapshot');
    const stopping = await claimSnapshotLock(file);
    expect(stopping.held).toBe(true);
    // The stopping server's lock is no live server's once it lets go: a server starting in that
    // instant, just before the lock is removed, may take it over.
    const starting: SnapshotLockClaim[] = [];
    steps.removing = async () => {
      starting.push(await claimSnapshotLock(file));
    };
    if (stopping.held) await stopping.release();
    expect(starting).toHaveLength(1);

    // Whoever holds the lock has it in place; and once it is let go, the next server gets it.
    const held = heldOf(starting);
    expect(existsSync(`${file}.lock`)).toBe(held.length === 1);
    for (const claim of held) await claim.release();
    const next = await claimSnapshotLock(file);
    expect(next.held).toBe(true);
    expect(readdirSync(path.dirname(file))).toEqual(['x.snapshot.lock']);
    if (next.held) await next.release();
    expect(readdirSync(path.dirname(file))).toEqual([]);
  });

  it('a takeover left half-done by a server that was killed does not block the next one', async () => {
    const file = withDeadLock('earlier');
    // The takeover marker of the dead lock, left by a killed process (see snapshot-lock.ts).
    const id = createHash('sha256').update('token:earlier').digest('hex').slice(0, 16);
    const gone = 2 ** 22 + 12345;
    writeFileSync(
      `${file}.lock.${id}.takeover`,
      JSON.stringify({ pid: gone, host: 'elsewhere', token: 'killed', since: 'then' }),
    );
    const old = new Date(Date.now() - 2 * 60_000);
    utimesSync(`${file}.lock.${id}.takeover`, old, old);

    const claim = await claimSnapshotLock(file);
    expect(claim.held).toBe(true);
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    expect(readdirSync(path.dirname(file))).toEqual(['x.snapshot.lock']);
    if (claim.held) await claim.release();
    expect(readdirSync(path.dirname(file))).toEqual([]);
  });

  it('takes over the lock of a server killed a moment ago, while it is still a zombie', async () => {
    // `sleep 120` is the parent of `sleep 60` and never reaps it: killed, it stays a zombie.
    const parent = spawn('sh', ['-c', 'sleep 60 & echo $!; exec sleep 120'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      const [line] = await once(parent.stdout!, 'data');
      const pid = Number(String(line).trim());
      process.kill(pid, 'SIGKILL');
      const state = () => readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0];
      while (state() !== 'Z') await nextTurn();
      const file = path.join(tempDir('codenav-cache-'), 'x.snapshot');
      // Fresh: the lock of a live server would stand.
      writeFileSync(`${file}.lock`, JSON.stringify({ pid, host: hostname(), token: 'killed', since: 'now' }));

      const claim = await claimSnapshotLock(file);
      expect(claim.held).toBe(true);
      expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
      if (claim.held) await claim.release();
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
