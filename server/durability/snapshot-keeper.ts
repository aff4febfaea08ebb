import type { Logger } from 'pino';
import type { EventsEngine, RevisionEvent } from '../events/port.ts';
import type { MemoryStore } from '../graph/memory/memory-store.ts';
import { createRevisionMark } from './revision-mark.ts';
import { writeSnapshot } from './snapshot-file.ts';

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
    try {
      trimLog();
      const bytes = await writeSnapshot(options.file, {
        root: options.root,
        ...captured,
        // Only revisions the captured graph holds.
        log: log.filter((event) => event.revision <= captured.revision),
        layout,
      });
      written = { revision: captured.revision, layout };
      warned = undefined;
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
