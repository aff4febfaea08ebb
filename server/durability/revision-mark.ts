/**
 * The revision mark: the latest revision a server published, in a small file beside its
 * snapshot (`<file>.revision`). The snapshot keeper records each revision as its subscription
 * hears it, just after it was published (clients may see it first), and writes it at once, not
 * waiting for revisions to settle. The snapshot itself is written only once they settle, so a
 * server killed in between (kill -9, a crash) leaves a snapshot behind what clients saw; the mark
 * tells the next server where numbering must continue, so that no number is used twice for
 * different revisions. A kill in the moment between a publish and its mark's write can still
 * lose that one revision's mark.
 *
 * @remarks
 * Written without fsync: it survives the death of the process (the page cache does), not a
 * power loss, like the rest of a run's unsaved state.
 */
import { rename, writeFile } from 'node:fs/promises';
import { readSnapshotFile } from './snapshot-file.ts';

/** The mark file of a snapshot file. */
function revisionMarkFor(file: string): string {
  return `${file}.revision`;
}

/** The revision recorded beside a snapshot file; undefined when there is none (or it is unreadable). */
export async function readRevisionMark(file: string): Promise<number | undefined> {
  try {
    // Read like the snapshot: a FIFO or a device planted here must not hold up the start.
    const text = (await readSnapshotFile(revisionMarkFor(file), 64)).toString('utf8');
    const revision = /^\d{1,15}\n?$/.test(text) ? Number.parseInt(text, 10) : Number.NaN;
    return Number.isSafeInteger(revision) && revision > 0 ? revision : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Records a snapshot file's latest published revision: whole (a temporary file renamed over it),
 * the latest of overlapping calls last, never lower than an earlier one of this writer.
 */
export function createRevisionMark(file: string): {
  record(revision: number): void;
  /** Resolves once what was recorded is written. */
  flush(): Promise<void>;
} {
  const target = revisionMarkFor(file);
  // Named like the snapshot's temporaries, so a later snapshot write removes it if this process dies.
  const temporary = `${file}.${process.pid}.revision.tmp`;
  let wanted = 0;
  let written = 0;
  let writing: Promise<void> | undefined;
  const drain = async () => {
    while (written < wanted) {
      const next = wanted;
      try {
        await writeFile(temporary, `${next}\n`, { mode: 0o600 });
        await rename(temporary, target);
      } catch {
        // The cache folder cannot be written: the snapshot's write says so, once.
        return;
      } finally {
        written = next;
      }
    }
  };
  const kick = () => {
    if (writing !== undefined || written >= wanted) return;
    writing = drain().finally(() => {
      writing = undefined;
      kick();
    });
  };
  return {
    record(revision) {
      if (revision <= wanted) return;
      wanted = revision;
      kick();
    },
    async flush() {
      while (writing) await writing;
    },
  };
}
