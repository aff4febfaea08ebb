import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { Logger } from 'pino';
import { createMemoryStore, type MemoryStore } from '../graph/memory/memory-store.ts';
import { isInside, snapshotFileFor } from './cache-location.ts';
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
}

/**
 * Finds the snapshot slot of an analyzed root in a cache folder and loads what is there.
 * A snapshot that cannot be used (missing, unreadable, truncated, corrupted, of another format
 * or another root) is one warning line: the caller then analyzes from scratch. Returns
 * undefined (with a warning) when the cache folder is inside the analyzed root (codenav never
 * writes there), or when another server keeps this root's snapshot (it holds the lock).
 */
export async function openSnapshotSlot(
  cacheDir: string,
  dir: string,
  logger: Logger,
): Promise<SnapshotSlot | undefined> {
  const root = realpathSync.native(dir);
  const cache = realOrResolved(cacheDir);
  if (isInside(cache, root)) {
    logger.warn(
      `the cache folder ${cacheDir} is inside the analyzed root: no snapshot is kept (codenav never writes in the root; set --cache-dir elsewhere)`,
    );
    return undefined;
  }
  const file = snapshotFileFor(cache, root);
  const lock = await claimSnapshotLock(file);
  if (!lock.held) {
    logger.warn(
      `another codenav server keeps the snapshot of this root (${lock.holder}): this one keeps none, and analyzes from scratch`,
    );
    return undefined;
  }
  const { release } = lock;
  try {
    const bytes = await readSnapshotFile(file);
    const snapshot = decodeSnapshot(bytes, root);
    if (snapshot.writtenBy !== CODENAV_VERSION)
      logger.info(
        `snapshot ${file} was written by codenav ${snapshot.writtenBy} (this is ${CODENAV_VERSION}): it answers until verified, and every file is resolved again`,
      );
    return { file, root, release, loaded: { snapshot, bytes } };
  } catch (error) {
    const reason = error instanceof SnapshotError ? `${error.problem}: ${error.message}` : String(error);
    logger.warn(`snapshot ${file} not used (${reason}): analyzing from scratch`);
    return { file, root, release };
  }
}

/** The real path of a folder, or of its nearest existing ancestor joined with the rest. */
function realOrResolved(dir: string): string {
  const absolute = path.resolve(dir);
  let existing = absolute;
  for (;;) {
    try {
      return path.join(realpathSync.native(existing), path.relative(existing, absolute));
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return absolute;
      existing = parent;
    }
  }
}

/**
 * The embedded store for a start: holding the slot's snapshot when there is one that makes a
 * valid graph (else empty, with a warning), and the snapshot it holds.
 */
export function memoryStoreFrom(
  slot: SnapshotSlot | undefined,
  logger: Logger,
): { store: MemoryStore; loaded?: SnapshotSlot['loaded'] } {
  const loaded = slot?.loaded;
  if (!loaded) return { store: createMemoryStore() };
  try {
    return { store: createMemoryStore(loaded.snapshot), loaded };
  } catch (error) {
    logger.warn(
      `snapshot ${slot.file} not used (corrupted: ${(error as Error).message.slice(0, 200)}): analyzing from scratch`,
    );
    return { store: createMemoryStore() };
  }
}
