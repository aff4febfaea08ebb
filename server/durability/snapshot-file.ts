/**
 * The snapshot file: the embedded store's graph, its revision, the recent revision log, and
 * the analyzed root it belongs to, written atomically and read back with every check.
 *
 * Layout (all integers little-endian):
 * ```
 * "CODENAV-SNAPSHOT\n"   magic, 17 bytes
 * uint32                 length of the header
 * header                 JSON: { format, codenav, root, revision, nodes, edges, log, layout, bodyBytes, checksum, … }
 * body                   msgpackr values one after another: { n: GraphNode[] } | { e: GraphEdge[] } | { l: RevisionEvent[] }
 * ```
 * `checksum` is the SHA-256 of the header's other fields (as JSON) and the body's SHA-256: a bit
 * flipped in the header's revision would otherwise reuse revision numbers. The body is packed in chunks with a turn of the event
 * loop between them, so that writing a large graph never holds up queries for long.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { Packr, Unpackr } from 'msgpackr';
import type { RevisionEvent } from '../events/port.ts';
import type { GraphEdge, GraphNode } from '../model/index.ts';
import { packageRoot } from '../package-root.ts';
import { type ReadRefusal, readRegularFile } from '../util/read-regular-file.ts';

/** Bumped whenever the layout or the meaning of what it holds changes: older files are not read. */
export const SNAPSHOT_FORMAT = 2;

/**
 * The codenav running, as a snapshot records the one that wrote it: its version, and, run from a
 * build (`dist/`), that build's id (`0.1.0+3f2a…`, from `dist/build.json`) and the version of
 * the TypeScript it analyzes with (`@ts-morph/common`'s, resolved as installed). Two builds of
 * one version (a clone updated and built again), or one build over another TypeScript, may
 * analyze differently: neither reuses the other's records.
 */
export const CODENAV_VERSION: string =
  (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version +
  buildSuffix();

function buildSuffix(): string {
  const dist = path.join(packageRoot, 'dist');
  if (!fileURLToPath(import.meta.url).startsWith(dist + path.sep)) return '';
  try {
    const { id } = JSON.parse(readFileSync(path.join(dist, 'build.json'), 'utf8')) as { id?: unknown };
    if (typeof id !== 'string' || !/^[0-9a-f]{1,64}$/.test(id)) return '';
    const morph = createRequire(import.meta.url).resolve('ts-morph/package.json');
    const common = createRequire(morph).resolve('@ts-morph/common/package.json');
    const { version } = JSON.parse(readFileSync(common, 'utf8')) as { version?: unknown };
    return `+${id}${typeof version === 'string' ? `.tsm${version}` : ''}`;
  } catch {
    return '';
  }
}

const MAGIC = Buffer.from('CODENAV-SNAPSHOT\n', 'latin1');
/**
 * The largest snapshot file read: 30 times the largest graph measured (effect's, 17.7 MB), and
 * at most an eighth of the heap (its records take several times their packed size, and the store
 * indexes them): a larger file would fill the heap, and a heap that fills ends the process.
 */
export const MAX_SNAPSHOT_BYTES = Math.min(
  512 * 1024 * 1024,
  Math.floor(getHeapStatistics().heap_size_limit / 8),
);
/** Records per packed chunk: about 5–10 ms of packing each. */
const CHUNK = 4000;

/** What a snapshot holds. */
export interface Snapshot {
  /** The real path of the analyzed root. */
  readonly root: string;
  readonly revision: number;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** The latest revisions, oldest first, for clients resuming across a restart. */
  readonly log: readonly RevisionEvent[];
  /**
   * The analyzer's layout fingerprint: records made under another layout are not reused. Absent
   * from a decoded snapshot that another codenav version wrote: its analyzer may have made other
   * records from the same text, so none is reused either.
   */
  readonly layout?: string;
  /** The codenav version that wrote it. @default {@link CODENAV_VERSION} when encoding */
  readonly writtenBy?: string;
}

/** Why a snapshot could not be used. */
export type SnapshotProblem =
  | 'missing'
  | 'unreadable'
  /** Not a regular file of this user's that only this user can write (see {@link readSnapshotFile}). */
  | 'untrusted'
  | 'too-large'
  | 'truncated'
  | 'corrupted'
  | 'foreign-version'
  | 'other-root';

export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
  /** For a `too-large` refusal to write: the bytes the snapshot took (kept out of the message). */
  readonly bytes: number | undefined;
  constructor(
    readonly problem: SnapshotProblem,
    message: string,
    options?: ErrorOptions & { readonly bytes?: number },
  ) {
    super(message, options);
    this.bytes = options?.bytes;
  }
}

interface Header {
  readonly format: number;
  readonly codenav: string;
  readonly root: string;
  readonly revision: number;
  readonly nodes: number;
  readonly edges: number;
  readonly log: number;
  readonly layout?: string;
  readonly bodyBytes: number;
  readonly checksum: string;
  readonly writtenAt: string;
}

/** The file's bytes, packed a chunk at a time (yielding to the event loop between chunks). */
export async function encodeSnapshot(snapshot: Snapshot): Promise<Buffer[]> {
  const packr = new Packr({ useRecords: true, moreTypes: false });
  const chunks: Buffer[] = [];
  const hash = createHash('sha256');
  let bodyBytes = 0;
  const push = (value: unknown) => {
    const bytes = packr.pack(value);
    // pack() reuses its buffer: keep a copy.
    const copy = Buffer.from(bytes);
    chunks.push(copy);
    hash.update(copy);
    bodyBytes += copy.length;
  };
  for (let at = 0; at < snapshot.nodes.length; at += CHUNK) {
    push({ n: snapshot.nodes.slice(at, at + CHUNK) });
    await nextTurn();
  }
  for (let at = 0; at < snapshot.edges.length; at += CHUNK) {
    push({ e: snapshot.edges.slice(at, at + CHUNK) });
    await nextTurn();
  }
  push({ l: snapshot.log });
  const fields: Omit<Header, 'checksum'> = {
    format: SNAPSHOT_FORMAT,
    codenav: snapshot.writtenBy ?? CODENAV_VERSION,
    root: snapshot.root,
    revision: snapshot.revision,
    nodes: snapshot.nodes.length,
    edges: snapshot.edges.length,
    log: snapshot.log.length,
    layout: snapshot.layout,
    bodyBytes,
    writtenAt: new Date().toISOString(),
  };
  const header: Header = { ...fields, checksum: checksumOf(fields, hash.digest('hex')) };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  return [MAGIC, length, headerBytes, ...chunks];
}

/**
 * Reads a snapshot file's bytes, if it can be trusted: a regular file (not a symlink, FIFO or
 * device: a FIFO would block the start, `/dev/zero` would fill the memory), owned by this user
 * and not writable by every user (another user could plant a graph that passes every check), and
 * at most `maxBytes`. The files beside it (its lock, its revision mark) are read the same way.
 * @throws {@link SnapshotError} naming the problem; never anything else.
 */
export async function readSnapshotFile(file: string, maxBytes = MAX_SNAPSHOT_BYTES): Promise<Buffer> {
  const uid = process.getuid?.();
  let read: Buffer | ReadRefusal;
  try {
    read = await readRegularFile(file, {
      maxBytes,
      accept: (stat) => {
        if (uid !== undefined && stat.uid !== uid)
          return { code: 'UNTRUSTED', reason: `it belongs to another user (uid ${stat.uid})` };
        if ((stat.mode & 0o002) !== 0)
          return {
            code: 'UNTRUSTED',
            reason: `every user can write it (mode ${(stat.mode & 0o777).toString(8)}; codenav writes it 600)`,
          };
        return undefined;
      },
    });
  } catch (error) {
    throw new SnapshotError('unreadable', `it cannot be read (${(error as Error).message})`);
  }
  if (Buffer.isBuffer(read)) return read;
  switch (read.code) {
    case 'ENOENT':
      throw new SnapshotError('missing', 'there is none yet');
    case 'ELOOP':
      throw new SnapshotError('untrusted', 'it is a symbolic link, not a file codenav wrote');
    case 'NOT_A_FILE':
      throw new SnapshotError('untrusted', 'it is not a regular file');
    case 'UNTRUSTED':
      throw new SnapshotError('untrusted', read.reason ?? 'it is not a file codenav wrote');
    case 'TOO_LARGE':
      throw new SnapshotError(
        'too-large',
        `it has ${read.size} bytes, more than the ${maxBytes} it may have`,
      );
    default:
      throw new SnapshotError('unreadable', `it cannot be read (${read.code})`);
  }
}

/**
 * Decodes and checks a snapshot file's bytes.
 * @throws {@link SnapshotError} naming the problem; never anything else.
 */
export function decodeSnapshot(bytes: Buffer, expectedRoot: string): Snapshot {
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    if (bytes.length < MAGIC.length && MAGIC.subarray(0, bytes.length).equals(bytes))
      throw new SnapshotError('truncated', `the file ends after ${bytes.length} bytes`);
    throw new SnapshotError('corrupted', 'not a codenav snapshot (no magic bytes)');
  }
  const headerLength = bytes.readUInt32LE(MAGIC.length);
  const bodyStart = MAGIC.length + 4 + headerLength;
  if (bodyStart > bytes.length) throw new SnapshotError('truncated', 'the file ends inside its header');
  let header: Header;
  try {
    header = JSON.parse(bytes.subarray(MAGIC.length + 4, bodyStart).toString('utf8')) as Header;
  } catch (error) {
    throw new SnapshotError('corrupted', 'its header is not JSON', { cause: error });
  }
  if (typeof header !== 'object' || header === null || typeof header.format !== 'number')
    throw new SnapshotError('corrupted', 'its header has no format version');
  if (header.format !== SNAPSHOT_FORMAT)
    throw new SnapshotError(
      'foreign-version',
      `format ${String(header.format)}, this codenav reads format ${SNAPSHOT_FORMAT}`,
    );
  if (header.root !== expectedRoot)
    throw new SnapshotError('other-root', `it is the snapshot of ${JSON.stringify(header.root)}`);
  if (!Number.isSafeInteger(header.revision) || header.revision < 0)
    throw new SnapshotError('corrupted', 'its header has no valid revision');
  const body = bytes.subarray(bodyStart);
  if (body.length < header.bodyBytes)
    throw new SnapshotError('truncated', `the body has ${body.length} of ${header.bodyBytes} bytes`);
  const { checksum, ...fields } = header;
  if (
    body.length > header.bodyBytes ||
    checksumOf(fields, createHash('sha256').update(body).digest('hex')) !== checksum
  )
    throw new SnapshotError('corrupted', 'its checksum does not match its contents');

  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  let log: RevisionEvent[] = [];
  try {
    for (const chunk of new Unpackr({ useRecords: true, moreTypes: false }).unpackMultiple(body) as {
      n?: GraphNode[];
      e?: GraphEdge[];
      l?: RevisionEvent[];
    }[]) {
      if (chunk.n) for (const node of chunk.n) nodes.push(node);
      else if (chunk.e) for (const edge of chunk.e) edges.push(edge);
      else if (chunk.l) log = chunk.l;
    }
  } catch (error) {
    throw new SnapshotError('corrupted', 'its body cannot be decoded', { cause: error });
  }
  if (nodes.length !== header.nodes || edges.length !== header.edges)
    throw new SnapshotError('corrupted', 'its counts do not match its header');
  // The graph is checked when the store is seeded; the log is replayed to clients as it is.
  const logProblem = checkLog(log, header.revision);
  if (logProblem !== undefined) throw new SnapshotError('corrupted', `its revision log ${logProblem}`);
  return {
    root: header.root,
    revision: header.revision,
    nodes,
    edges,
    log: replayable(log, header.revision),
    ...(typeof header.layout === 'string' && header.codenav === CODENAV_VERSION
      ? { layout: header.layout }
      : {}),
    writtenBy: String(header.codenav),
  };
}

/**
 * What is wrong with a snapshot's revision log, if anything: it must hold revision events in
 * strictly increasing order, none above the snapshot's revision (what the in-process log is
 * seeded with: a revision above it would restart the log, one out of order would replay wrongly).
 */
function checkLog(log: unknown, revision: number): string | undefined {
  if (!Array.isArray(log)) return 'is not a list';
  let previous = 0;
  for (const event of log as unknown[]) {
    const candidate = event as Partial<RevisionEvent> | null;
    if (
      typeof candidate !== 'object' ||
      candidate === null ||
      !Number.isSafeInteger(candidate.revision) ||
      !Array.isArray(candidate.files) ||
      !Array.isArray(candidate.changes)
    )
      return 'holds something that is not a revision';
    const at = candidate.revision!;
    if (at <= previous || at > revision)
      return `holds revision ${at} after ${previous}, in a snapshot of revision ${revision}`;
    previous = at;
  }
  return undefined;
}

/**
 * The part of a checked log a client can be replayed from: the unbroken run of revisions that
 * ends at the snapshot's own. Before a gap, or when the last revision is missing (the keeper had
 * not heard of it yet), a replay would silently skip revisions; without them, a client resuming
 * from there is told its revision expired.
 */
function replayable(log: RevisionEvent[], revision: number): RevisionEvent[] {
  if (log.at(-1)?.revision !== revision) return [];
  let from = log.length - 1;
  while (from > 0 && log[from - 1]!.revision === log[from]!.revision - 1) from -= 1;
  return from === 0 ? log : log.slice(from);
}

/** The checksum of a header's other fields (the JSON a writer makes of them) and of its body. */
function checksumOf(fields: Omit<Header, 'checksum'>, bodyHash: string): string {
  return createHash('sha256').update(JSON.stringify(fields)).update('\n').update(bodyHash).digest('hex');
}

/**
 * Writes a snapshot atomically: into a temporary file beside `file`, flushed to disk, then
 * renamed over it. A crash at any point leaves the previous snapshot whole (and at worst a
 * stray temporary file, removed by the next write).
 * @param maxBytes the largest snapshot written: one a start would refuse to read is not written
 *   (the previous one stays). @default {@link MAX_SNAPSHOT_BYTES}
 * @returns the bytes written
 * @throws {@link SnapshotError} `too-large`, with the same message whatever the size (its writer
 *   warns once per distinct message, not once per revision) and the size in `bytes`; or the file
 *   system's error
 */
export async function writeSnapshot(
  file: string,
  snapshot: Snapshot,
  maxBytes = MAX_SNAPSHOT_BYTES,
): Promise<number> {
  const parts = await encodeSnapshot(snapshot);
  const size = parts.reduce((sum, part) => sum + part.length, 0);
  if (size > maxBytes)
    throw new SnapshotError(
      'too-large',
      `the graph takes more than the ${maxBytes} bytes a snapshot may have, which a start would not read`,
      { bytes: size },
    );
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  let bytes = 0;
  const handle = await open(temporary, 'w', 0o600);
  try {
    for (const part of parts) {
      await handle.write(part);
      bytes += part.length;
    }
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await removeStrayTemporaries(file);
  return bytes;
}

/**
 * Temporary files (`<file>.<pid>.<name>.tmp`: the snapshot's, its lock's draft, its revision
 * mark's) of writers that died mid-write (their process is gone).
 */
async function removeStrayTemporaries(file: string): Promise<void> {
  const prefix = `${path.basename(file)}.`;
  const names = await readdir(path.dirname(file)).catch(() => [] as string[]);
  for (const name of names) {
    const match = name.startsWith(prefix) ? /^(\d+)\.[0-9a-z]+\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (match && !isProcessAlive(Number(match[1])))
      await unlink(path.join(path.dirname(file), name)).catch(() => undefined);
  }
}

/**
 * Whether a process of this host is alive (one of another user's counts). A zombie is not: a
 * server killed a moment ago stays one until its parent reaps it, and its lock is already free.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/** Linux's `/proc/PID/stat` says the process has exited (state Z or X); false where it cannot tell. */
function isZombie(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  // `pid (command) state …`: the command may hold spaces and parentheses; the state follows the last `)`.
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state === 'Z' || state === 'X';
}
