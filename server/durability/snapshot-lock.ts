/**
 * One keeper per snapshot: a lock file beside it, held for the life of the server that loads and
 * writes it. A second server on the same root meanwhile keeps no snapshot (as with --no-cache):
 * two of them would each continue the same revision numbers with different revisions, and the
 * file would hold whichever wrote last, so a client resuming from one server's revision could be
 * replayed the other's.
 *
 * A lock outlives a server killed with kill -9. It is taken over when its process is gone; when
 * its pid is this process's but no server of this process wrote it (a container restarted: its
 * server is pid 1 again); and when its holder stopped refreshing it (another host, or a pid
 * reused by an unrelated process): the holder touches it every {@link REFRESH_MS}.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { isProcessAlive, readSnapshotFile } from './snapshot-file.ts';

/** The outcome of a claim: held (release it at stop), or refused because another server holds it. */
export type SnapshotLockClaim =
  | { readonly held: true; release(): Promise<void> }
  | { readonly held: false; readonly holder: string };

/** How often a holder touches its lock. */
const REFRESH_MS = 10_000;
/** A lock untouched for this long has no live holder. */
const STALE_MS = 6 * REFRESH_MS;
/** Tokens of the locks servers of this process hold. */
const heldHere = new Set<string>();

interface LockContent {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
  readonly since: string;
}

/**
 * Claims the lock of a snapshot file (`<file>.lock`). A lock of no live server is taken over
 * (see above). A lock that cannot be made for another reason (the cache folder cannot be
 * written) counts as held: the snapshot's own write then fails with its own warning.
 */
export async function claimSnapshotLock(file: string): Promise<SnapshotLockClaim> {
  const lock = `${file}.lock`;
  const mine: LockContent = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(8).toString('hex'),
    since: new Date().toISOString(),
  };
  let refresh: NodeJS.Timeout | undefined;
  const hold = (): SnapshotLockClaim => {
    heldHere.add(mine.token);
    refresh = setInterval(() => {
      const now = new Date();
      utimes(lock, now, now).catch(() => undefined);
    }, REFRESH_MS);
    refresh.unref();
    return { held: true, release };
  };
  const release = async () => {
    clearInterval(refresh);
    heldHere.delete(mine.token);
    // Only if it is still ours: a lock taken over after a pause is another server's.
    const current = await readLock(lock);
    if (current?.token === mine.token) await unlink(lock).catch(() => undefined);
  };
  // Written whole beside it, then linked into place (which fails if it exists): a lock is never
  // seen half-written, so a reader never takes a live one for a dead one.
  const draft = `${file}.${process.pid}.${mine.token}.tmp`;
  // Where a dead lock is moved to be taken over; named like a temporary, so that a later snapshot
  // write removes it if this process dies meanwhile.
  const aside = `${file}.${process.pid}.stale${mine.token}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(draft, JSON.stringify(mine), { mode: 0o600, flag: 'wx' });
  } catch {
    return { held: true, release: async () => {} };
  }
  try {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        await link(draft, lock);
        return hold();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
          return { held: true, release: async () => {} };
      }
      const holder = await readLock(lock);
      if (holder !== undefined && (await isLive(lock, holder, mine))) {
        return {
          held: false,
          holder: `process ${holder.pid} on ${holder.host}, since ${holder.since} (if it is no codenav server, delete ${lock})`,
        };
      }
      // Its process is gone (or it is no lock codenav wrote): take it over, once. Moved aside
      // first, not deleted: another server starting now may have judged it dead too and already
      // put its own lock in its place, which a delete would remove (both would then hold it). A
      // rename moves one file to one server, which then checks it moved the lock it judged.
      try {
        await rename(lock, aside);
      } catch {
        continue; // Another server moved it first: link again, and see whose lock is there now.
      }
      const moved = await readLock(aside);
      // Another server's new lock: put it back (unless a third server took the place meanwhile).
      if (moved?.token !== holder?.token) await link(aside, lock).catch(() => undefined);
      await unlink(aside).catch(() => undefined);
    }
    return { held: false, holder: `another process that took ${lock} meanwhile` };
  } finally {
    await unlink(draft).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
  }
}

/** Whether a lock's holder may still be a running server. */
async function isLive(lock: string, holder: LockContent, mine: LockContent): Promise<boolean> {
  if (holder.host === mine.host) {
    if (holder.pid === mine.pid) return heldHere.has(holder.token);
    if (!isProcessAlive(holder.pid)) return false;
  }
  const touched = await stat(lock).then(
    (info) => info.mtimeMs,
    () => 0,
  );
  return Date.now() - touched < STALE_MS;
}

async function readLock(lock: string): Promise<LockContent | undefined> {
  try {
    // Read like the snapshot: a FIFO or a device planted here must not hold up the start.
    const content = JSON.parse((await readSnapshotFile(lock, 4096)).toString('utf8')) as Partial<LockContent>;
    if (
      typeof content.pid === 'number' &&
      typeof content.host === 'string' &&
      typeof content.token === 'string'
    )
      return { pid: content.pid, host: content.host, token: content.token, since: String(content.since) };
  } catch {
    // Unreadable, or not JSON: no lock codenav wrote.
  }
  return undefined;
}
