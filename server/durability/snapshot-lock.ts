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
 *
 * @remarks
 * The file system has no "replace this file if it is still that one". So the lock's place is
 * emptied only by its holder's release, and filled only by a link (which fails if it is taken),
 * or by a takeover's rename of a fresh lock over the dead one (its place is never empty then, so
 * no third server can link its own lock into it in between). A takeover (and a release) first
 * wins the right to replace (or remove) what is in the lock's place: by linking a takeover marker
 * named after that lock's identity (see {@link winRight}), which only one server can do. With
 * the right, it looks again: the same lock still there cannot change until it acts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { link, lstat, mkdir, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { isProcessAlive, readSnapshotFile, SnapshotError } from './snapshot-file.ts';

/** The outcome of a claim: held (release it at stop), or refused because another server holds it. */
export type SnapshotLockClaim =
  | { readonly held: true; release(): Promise<void> }
  | { readonly held: false; readonly holder: string };

/**
 * What a claim gives when no lock can be made (the cache folder cannot be written): the snapshot
 * write fails later and says so, so the server goes on as if it held it.
 */
const UNLOCKED: SnapshotLockClaim = { held: true, release: async () => {} };

/** How often a holder touches its lock. */
const REFRESH_MS = 10_000;
/** A lock (or a takeover marker) untouched for this long has no live holder. */
const STALE_MS = 6 * REFRESH_MS;
/** Links nested through markers of servers that died in the middle of a takeover, at most. */
const MAX_CHAIN = 8;
/** Tokens of this process's claims (from their start until they are let go) and releases. */
const aliveHere = new Set<string>();

interface LockContent {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
  readonly since: string;
}

/** What is in a lock's (or a marker's) place. */
interface Occupant {
  /** What tells it from any other: a codenav lock's token, else its inode. */
  readonly id: string;
  /** Its content, when codenav wrote it. */
  readonly content?: LockContent;
}

/**
 * Claims the lock of a snapshot file (`<file>.lock`). A lock of no live server is taken over
 * (see above). A lock that cannot be made for another reason (the cache folder cannot be
 * written) counts as held: the snapshot's own write then fails with its own warning.
 */
export async function claimSnapshotLock(file: string): Promise<SnapshotLockClaim> {
  const lock = `${file}.lock`;
  const mine = contentOf(randomBytes(8).toString('hex'));
  // Written whole beside it, then linked (or renamed) into place: a lock is never seen
  // half-written, so a reader never takes a live one for a dead one.
  const draft = draftOf(file, mine.token);
  try {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(draft, JSON.stringify(mine), { mode: 0o600, flag: 'wx' });
  } catch {
    return UNLOCKED;
  }
  aliveHere.add(mine.token);
  let refresh: NodeJS.Timeout | undefined;
  const hold = (): SnapshotLockClaim => {
    refresh = setInterval(() => {
      const now = new Date();
      utimes(lock, now, now).catch(() => undefined);
    }, REFRESH_MS);
    refresh.unref();
    return {
      held: true,
      release: async () => {
        clearInterval(refresh);
        // From here on it is no live server's lock: a server starting now may take it over.
        aliveHere.delete(mine.token);
        await releaseLock(file, mine.token);
      },
    };
  };
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await link(draft, lock);
        return hold();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return UNLOCKED;
      }
      const found = await look(lock);
      if (found === undefined) continue; // Let go meanwhile: link again.
      if (await isLive(lock, found)) {
        const holder = found.content!;
        return {
          held: false,
          holder: `process ${holder.pid} on ${holder.host}, since ${holder.since} (if it is no codenav server, delete ${lock})`,
        };
      }
      // Its process is gone (or it is no lock codenav wrote): replace it with ours, if ours is
      // the one server with the right to.
      const right = await winRight(file, found.id, draft);
      if (right === undefined)
        return {
          held: false,
          holder: `another codenav server replacing or letting go of ${lock} at this moment`,
        };
      try {
        const now = await look(lock);
        if (now?.id === found.id && !(await isLive(lock, now))) {
          await rename(draft, lock);
          return hold();
        }
      } finally {
        await removeMarkers(right);
      }
      // Another server replaced it first (or it came back to life): look at the new one.
    }
    return { held: false, holder: `another process that took ${lock} meanwhile` };
  } catch {
    return UNLOCKED;
  } finally {
    if (refresh === undefined) aliveHere.delete(mine.token);
    await unlink(draft).catch(() => undefined);
  }
}

/**
 * Removes the lock `token` holds, only with the right to (as for a takeover): a lock another
 * server took over meanwhile (this one paused long enough to seem dead) is never removed, and
 * no server can take it over between the look and the unlink.
 */
async function releaseLock(file: string, token: string): Promise<void> {
  const lock = `${file}.lock`;
  const releasing = contentOf(randomBytes(8).toString('hex'));
  const draft = draftOf(file, releasing.token);
  aliveHere.add(releasing.token);
  try {
    await writeFile(draft, JSON.stringify(releasing), { mode: 0o600, flag: 'wx' });
    // None: another server is taking it over at this moment (it holds it then).
    const right = await winRight(file, `token:${token}`, draft);
    if (right === undefined) return;
    try {
      if ((await look(lock))?.id === `token:${token}`) await unlink(lock);
    } finally {
      await removeMarkers(right);
    }
  } catch {
    // The cache folder went away or cannot be written: nothing left to let go of.
  } finally {
    aliveHere.delete(releasing.token);
    await unlink(draft).catch(() => undefined);
  }
}

/**
 * Wins the one right to replace (or remove) the lock with identity `id`: by linking `draft` as
 * that identity's takeover marker (`<file>.lock.<hash of id>.takeover`), which fails when
 * another server's is there. A marker is written by a live server for the few milliseconds a
 * takeover takes; one whose server died is passed over by the same rule, one level down: the
 * right to what that server was doing goes to the one server that links the marker named after
 * *its* token. Markers are never removed while the right they stand for matters (see
 * {@link removeMarkers}).
 * @returns the markers to remove once done, this server's own last; undefined when a live server
 *   has the right
 * @throws the file system's error when a marker cannot be made for another reason
 */
async function winRight(file: string, id: string, draft: string, depth = 0): Promise<string[] | undefined> {
  if (depth >= MAX_CHAIN) return undefined;
  const marker = `${file}.lock.${createHash('sha256').update(id).digest('hex').slice(0, 16)}.takeover`;
  try {
    await link(draft, marker);
    return [marker];
  } catch (error) {
    // The cache folder cannot be written: as when the lock itself cannot be made.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const found = await look(marker);
  // Its server finished meanwhile: try again.
  if (found === undefined) return winRight(file, id, draft, depth + 1);
  if (await isLive(marker, found)) return undefined;
  const deeper = await winRight(file, found.id, draft, depth + 1);
  return deeper && [marker, ...deeper];
}

/**
 * Removes the markers of a right, in order: each while this server still holds the one after it
 * (the right to it), its own last, so none is removed that another server has linked since.
 */
async function removeMarkers(markers: readonly string[]): Promise<void> {
  for (const marker of markers) await unlink(marker).catch(() => undefined);
}

/** Whether a lock's (or a marker's) holder may still be a running server. */
async function isLive(place: string, found: Occupant): Promise<boolean> {
  const holder = found.content;
  if (holder === undefined) return false;
  if (holder.host === hostname()) {
    if (holder.pid === process.pid) return aliveHere.has(holder.token);
    if (!isProcessAlive(holder.pid)) return false;
  }
  const touched = await stat(place).then(
    (info) => info.mtimeMs,
    () => 0,
  );
  return Date.now() - touched < STALE_MS;
}

/** What is in `place`; undefined when nothing is. */
async function look(place: string): Promise<Occupant | undefined> {
  try {
    // Read like the snapshot: a FIFO or a device planted here must not hold up the start.
    const content = JSON.parse(
      (await readSnapshotFile(place, 4096)).toString('utf8'),
    ) as Partial<LockContent>;
    if (
      typeof content.pid === 'number' &&
      typeof content.host === 'string' &&
      typeof content.token === 'string'
    ) {
      const { pid, host, token } = content;
      return { id: `token:${token}`, content: { pid, host, token, since: String(content.since) } };
    }
  } catch (error) {
    if (error instanceof SnapshotError && error.problem === 'missing') return undefined;
    // Unreadable, or not JSON: no lock codenav wrote.
  }
  try {
    const info = await lstat(place);
    return { id: `inode:${info.dev}:${info.ino}` };
  } catch {
    return undefined;
  }
}

function contentOf(token: string): LockContent {
  return { pid: process.pid, host: hostname(), token, since: new Date().toISOString() };
}

/** Named like the snapshot's temporaries, so a later snapshot write removes it if this process dies. */
function draftOf(file: string, token: string): string {
  return `${file}.${process.pid}.${token}.tmp`;
}
