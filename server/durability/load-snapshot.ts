import { realpathSync } from 'node:fs';
import type { Logger } from 'pino';
import type { RevisionEvent } from '../events/port.ts';
import { createMemoryStore, type MemoryStore } from '../graph/memory/memory-store.ts';
import { cacheOutsideRoot, snapshotFileFor } from './cache-location.ts';
import { readRevisionMark } from './revision-mark.ts';
import {
  CODENAV_VERSION,
  decodeSnapshot,
  readSnapshotFile,
  type Snapshot,
  SnapshotError,
} from './snapshot-file.ts';
import { claimSnapshotLock } from './snapshot-lock.ts';

/** Where a root's snapshot goes, and the one found there if it can be used. */
export interface SnapshotSlot {
  /** The snapshot file. */
  readonly file: string;
  /** The analyzed root's real path. */
  readonly root: string;
  /** Lets go of the snapshot's lock (see snapshot-lock.ts): at stop, after the last write. */
  release(): Promise<void>;
  /**
   * The snapshot found, checked, with its file's bytes: the analysis worker decodes its own copy
   * from them (see docs/ARCHITECTURE.md, Durability: why two decodes, one per thread).
   */
  readonly loaded?: { readonly snapshot: Snapshot; readonly bytes: Uint8Array };
  /**
   * The latest revision published by an earlier server of this root (see snapshot-keeper.ts),
   * when above the snapshot's: revisions after the snapshot was written (the keeper waits for
   * them to settle) that a kill -9 kept out of it. Numbering continues after it.
   */
  readonly published?: number;
}

/**
 * Finds the snapshot slot of an analyzed root in a cache folder and loads what is there.
 * A snapshot that cannot be used (unreadable, truncated, corrupted, of another format or another
 * root) is one warning line, and none yet one info line: the caller then analyzes from scratch. Returns
 * undefined (with a warning) when the cache folder is inside the analyzed root (codenav never
 * writes there), or when another server keeps this root's snapshot (it holds the lock).
 */
export async function openSnapshotSlot(
  cacheDir: string,
  dir: string,
  logger: Logger,
): Promise<SnapshotSlot | undefined> {
  const root = realpathSync.native(dir);
  const cache = cacheOutsideRoot(cacheDir, root, 'no snapshot', logger);
  if (cache === undefined) return undefined;
  const file = snapshotFileFor(cache, root);
  const lock = await claimSnapshotLock(file);
  if (!lock.held) {
    logger.warn(
      `another codenav server keeps the snapshot of this root (${lock.holder}): this one keeps none, and analyzes from scratch`,
    );
    return undefined;
  }
  const { release } = lock;
  const published = await readRevisionMark(file);
  try {
    const bytes = await readSnapshotFile(file);
    const snapshot = decodeSnapshot(bytes, root);
    if (snapshot.writtenBy !== CODENAV_VERSION)
      logger.info(
        `snapshot ${file} was written by codenav ${snapshot.writtenBy} (this is ${CODENAV_VERSION}): it answers until verified, and every file is resolved again`,
      );
    return {
      file,
      root,
      release,
      loaded: { snapshot, bytes },
      ...(published !== undefined && published > snapshot.revision ? { published } : {}),
    };
  } catch (error) {
    // None yet is how every root starts (and after a cache is cleared): nothing to warn about.
    if (error instanceof SnapshotError && error.problem === 'missing')
      logger.info(`no snapshot yet (${file}): analyzing from scratch`);
    else {
      const reason = error instanceof SnapshotError ? `${error.problem}: ${error.message}` : String(error);
      logger.warn(`snapshot ${file} not used (${reason}): analyzing from scratch`);
    }
    return { file, root, release, ...(published !== undefined ? { published } : {}) };
  }
}

/**
 * The embedded store for a start: holding the slot's snapshot when there is one that makes a
 * valid graph (else empty, with a warning), the snapshot it holds, and the revision log to seed
 * the in-process events with. Revision numbers continue after the snapshot's, or after the
 * latest an earlier server published when that is later (then none of the snapshot's revisions
 * can be replayed: those after it are lost, and a client resuming from before it is told so);
 * without a usable snapshot, a number after the latest published is left out (a fresh graph).
 */
export function memoryStoreFrom(
  slot: SnapshotSlot | undefined,
  logger: Logger,
): {
  store: MemoryStore;
  loaded?: SnapshotSlot['loaded'];
  history?: { readonly revision: number; readonly events: readonly RevisionEvent[] };
} {
  const published = slot?.published ?? 0;
  const empty = () => {
    if (published === 0) return { store: createMemoryStore() };
    // A fresh graph, analyzed anew: its first revision does not follow the earlier graph's, and a
    // client at `published` would take that first batch for what changed since. So one number is
    // left out: the log continues from `published + 1`, which no revision has, and a client at
    // `published` or before is told to re-query (REVISION_EXPIRED).
    const floor = published + 1;
    logger.info(
      `revision numbers continue after ${floor} (the latest published before was ${published}; clients resuming from it must re-query)`,
    );
    return {
      store: createMemoryStore({ revision: floor, nodes: [], edges: [] }),
      history: { revision: floor, events: [] },
    };
  };
  const loaded = slot?.loaded;
  if (!loaded) return empty();
  const { snapshot } = loaded;
  const revision = Math.max(snapshot.revision, published);
  try {
    const store = createMemoryStore({ ...snapshot, revision });
    if (revision > snapshot.revision)
      logger.warn(
        `snapshot ${slot.file} holds revision ${snapshot.revision}, but revisions up to ${revision} were published after it (the server stopped before writing them): numbering continues after ${revision}, and clients resuming from before it must re-query`,
      );
    return {
      store,
      loaded,
      history: { revision, events: revision > snapshot.revision ? [] : snapshot.log },
    };
  } catch (error) {
    logger.warn(
      `snapshot ${slot.file} not used (corrupted: ${(error as Error).message.slice(0, 200)}): analyzing from scratch`,
    );
    return empty();
  }
}
