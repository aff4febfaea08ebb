/**
 * The revision mark of a Memgraph writer: Memgraph keeps the graph, so there is no snapshot,
 * but a Memgraph that comes back empty (restarted without persistence) has lost its revision
 * too. Without Redis nothing else remembers how far the numbering went, so the writer records
 * every revision it publishes in `<project id>.memgraph.revision` in the cache folder (the same
 * small file as a snapshot's mark, see revision-mark.ts), and the next start numbers after it.
 *
 * @remarks
 * Its own file, not the snapshot's mark: a memory-store server of the same root would take a
 * Memgraph writer's numbers for revisions its snapshot missed. No lock: two writers of one root
 * would each raise the mark, and numbers then only jump further, never back.
 */
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { Logger } from 'pino';
import type { EventsEngine } from '../events/port.ts';
import { cacheOutsideRoot, snapshotFileFor } from './cache-location.ts';
import { createRevisionMark, readRevisionMark } from './revision-mark.ts';

export interface MemgraphMark {
  /** The latest revision an earlier writer of this root published, when the mark holds one. */
  readonly published: number | undefined;
  /** Records every revision `events` delivers from now on, until closed. */
  follow(events: EventsEngine): void;
  /** Stops following, once what was recorded is written. */
  close(): Promise<void>;
}

/**
 * Opens the Memgraph mark of an analyzed root in a cache folder: undefined, with a warning, when
 * the cache folder is inside the root (codenav never writes there) or cannot be created.
 */
export async function openMemgraphMark(
  cacheDir: string,
  root: string,
  logger: Logger,
): Promise<MemgraphMark | undefined> {
  const cache = cacheOutsideRoot(cacheDir, root, 'no revision mark', logger);
  if (cache === undefined) return undefined;
  try {
    await mkdir(cache, { recursive: true, mode: 0o700 });
  } catch (error) {
    logger.warn(
      `cannot create the cache folder ${cacheDir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): no revision mark is kept, and a Memgraph that comes back empty numbers from 1`,
    );
    return undefined;
  }
  const file = snapshotFileFor(cache, root).replace(/\.snapshot$/, '.memgraph');
  const published = await readRevisionMark(file);
  const mark = createRevisionMark(file);
  const controller = new AbortController();
  let following: Promise<void> | undefined;
  return {
    published,
    follow(events) {
      following ??= (async () => {
        try {
          for await (const event of events.subscribe({ signal: controller.signal }))
            mark.record(event.revision);
        } catch (error) {
          if (!controller.signal.aborted)
            logger.warn({ err: error }, `revision mark ${path.basename(file)}: stopped following revisions`);
        }
      })();
    },
    async close() {
      controller.abort();
      await following;
      await mark.flush();
    },
  };
}
