import type { Logger } from 'pino';
import type { EventsEngine, RevisionEvent } from '../events/port.ts';
import type { MemoryStore } from '../graph/memory/memory-store.ts';
import { createRevisionMark } from './revision-mark.ts';
import { MAX_SNAPSHOT_BYTES, SnapshotError, writeSnapshot } from './snapshot-file.ts';

export interface SnapshotKeeperOptions {
  /** The snapshot file (see cache-location.ts). */
  readonly file: string;
  /** The analyzed root's real path, recorded in the snapshot. */
  readonly root: string;
  readonly store: MemoryStore;
  readonly events: EventsEngine;
  readonly logger: Logger;
  /** Whether analysis has settled (the first analysis done, no update running): only then is a snapshot written. */
  settled(): boolean;
  /** The analyzer's layout fingerprint, stored with the graph. */
  layout(): string | undefined;
  /** The revision log a loaded snapshot held: kept on in the next one. */
  readonly history?: readonly RevisionEvent[];
  /**
   * The snapshot loaded at start: its revision, and its layout (undefined when it cannot be
   * reused: another codenav version wrote it). Not written again unless the layout differs, so
   * that a layout or version change while down is recorded even when the graph did not change
   * (else every later start would resolve every file again).
   */
  readonly written?: { readonly revision: number; readonly layout: string | undefined };
  /** Called at close, after the last write: lets go of the snapshot's lock. */
  release?(): Promise<void>;
  /** Quiet time after the latest revision before writing. @default 2000 ms */
  readonly debounceMs?: number;
  /** The largest snapshot written (see {@link writeSnapshot}). @default {@link MAX_SNAPSHOT_BYTES} */
  readonly maxBytes?: number;
}

export interface SnapshotKeeper {
  /** Write once things are quiet (at once with `0`). */
  schedule(delayMs?: number): void;
  /** Stops listening; writes what is not written yet when analysis has settled; releases the lock. */
  close(): Promise<void>;
}

/** Revisions kept in a snapshot for resuming clients: at most this many… */
const LOG_EVENTS = 1000;
/** …holding at most this many changes together (the first analysis' batches are large). */
const LOG_CHANGES = 20_000;

/**
 * What a snapshot refused as too large took: its records (nodes, edges, and the changes of its
 * log) and the bytes they packed to.
 */
interface Refusal {
  readonly records: number;
  readonly bytes: number;
}

/**
 * Keeps the snapshot of the embedded store current: after the first analysis, and after
 * revisions once they settle (debounced), it captures the graph (a consistent picture: records
 * are never mutated) and writes it atomically. Packing yields to the event loop between
 * chunks, so queries go on while it writes. A failure to write is a warning, never fatal.
 */
export function createSnapshotKeeper(options: SnapshotKeeperOptions): SnapshotKeeper {
  const { logger } = options;
  const debounceMs = options.debounceMs ?? 2000;
  const log: RevisionEvent[] = [...(options.history ?? [])];
  let written = options.written ?? { revision: -1, layout: undefined };
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | undefined;
  let closed = false;
  let warned: string | undefined;
  // A graph too large to write is not packed again (seconds and hundreds of MB on a large one) on
  // every settle: only once its records shrank enough that, at the bytes per record it packed to,
  // it would fit.
  let refused: Refusal | undefined;
  const maxBytes = options.maxBytes ?? MAX_SNAPSHOT_BYTES;
  const controller = new AbortController();
  const mark = createRevisionMark(options.file);

  const trimLog = () => {
    let changes = 0;
    let keep = 0;
    for (let at = log.length - 1; at >= 0 && keep < LOG_EVENTS; at -= 1) {
      changes += log[at]!.changes.length;
      if (changes > LOG_CHANGES) break;
      keep += 1;
    }
    log.splice(0, log.length - keep);
  };

  const write = async () => {
    const captured = options.store.capture();
    const layout = options.layout();
    if (captured.revision === written.revision && layout === written.layout) return;
    const started = performance.now();
    trimLog();
    // Only revisions the captured graph holds.
    const kept = log.filter((event) => event.revision <= captured.revision);
    const records =
      captured.nodes.length +
      captured.edges.length +
      kept.reduce((sum, event) => sum + event.changes.length, 0);
    if (refused !== undefined) {
      const estimated = Math.round((refused.bytes / Math.max(refused.records, 1)) * records);
      if (estimated > maxBytes) {
        logger.debug(
          { file: options.file, revision: captured.revision, estimated, maxBytes },
          'snapshot not written: still too large (not packed again)',
        );
        return;
      }
    }
    try {
      const bytes = await writeSnapshot(
        options.file,
        { root: options.root, ...captured, log: kept, layout },
        maxBytes,
      );
      written = { revision: captured.revision, layout };
      warned = undefined;
      refused = undefined;
      logger.debug(
        {
          file: options.file,
          revision: written.revision,
          bytes,
          ms: Math.round(performance.now() - started),
        },
        'snapshot written',
      );
    } catch (error) {
      if (error instanceof SnapshotError && error.problem === 'too-large' && error.bytes !== undefined)
        refused = { records, bytes: error.bytes };
      const message = `cannot write the snapshot ${options.file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): going on without it`;
      // One line per distinct problem, not one per revision.
      if (message !== warned) logger.warn(message);
      warned = message;
    }
  };

  const fire = () => {
    timer = undefined;
    if (closed) return;
    if (writing || !options.settled()) {
      schedule();
      return;
    }
    writing = write().finally(() => {
      writing = undefined;
    });
  };

  const schedule = (delayMs = debounceMs) => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(fire, delayMs);
    timer.unref();
  };

  void (async () => {
    try {
      for await (const event of options.events.subscribe({ signal: controller.signal })) {
        mark.record(event.revision);
        log.push(event);
        if (log.length > 2 * LOG_EVENTS) trimLog();
        schedule();
      }
    } catch (error) {
      if (!closed) logger.warn({ err: error }, 'snapshot: stopped following revisions');
    }
  })();

  return {
    schedule,
    async close() {
      closed = true;
      controller.abort();
      if (timer) clearTimeout(timer);
      timer = undefined;
      await writing;
      if (options.settled()) await write();
      await mark.flush();
      await options.release?.();
    },
  };
}
