/**
 * The one way codenav reads a file it does not trust (analyzed code, the API's sources, a
 * snapshot in a cache folder): a regular file only, opened without following a last link and
 * without blocking (a FIFO in a file's place would wait for a writer forever), and never more
 * than a bound, however much it grows while it is read. The analyzer reads synchronously (a
 * ts-morph host), the others asynchronously: the checks are shared, only the calls differ.
 */
import * as fs from 'node:fs';

/**
 * Why a file was not read: a system error's code (`ENOENT`, `ELOOP` for a last link, …) or
 * `EISDIR` (a folder), `NOT_A_FILE` (a FIFO, a device, a socket), `OUTSIDE` (its real path, or
 * where the opened descriptor leads, fails {@link ReadRegularFileOptions.inside}), `TOO_LARGE`
 * (`size` bytes, or more), or what {@link ReadRegularFileOptions.accept} returned.
 */
export interface ReadRefusal {
  readonly code: string;
  readonly size?: number;
  /** What is wrong with it, from the check that refused it ({@link ReadRegularFileOptions.accept}). */
  readonly reason?: string;
}

export interface ReadRegularFileOptions {
  /** Most bytes read: a file with more is refused as `TOO_LARGE`. */
  readonly maxBytes: number;
  /**
   * When given, the file's real path (after every link) is opened only when it passes, and the
   * opened descriptor must still lead somewhere that passes (Linux): a folder on the way swapped
   * for a link after the look leads nowhere. When not given, the path is opened as written.
   */
  readonly inside?: (realPath: string) => boolean;
  /** A further check of the opened regular file, before its bytes are read: a refusal, or none. */
  readonly accept?: (stat: fs.Stats) => ReadRefusal | undefined;
}

/** Read-only, no last link followed, and no waiting for a FIFO's writer. */
const FLAGS = fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK;

/** The bytes of a regular file, or why they were not read. Errors other than the system's are thrown. */
export function readRegularFileSync(file: string, options: ReadRegularFileOptions): Buffer | ReadRefusal {
  let fd: number;
  try {
    let opened = file;
    if (options.inside) {
      opened = fs.realpathSync.native(file);
      if (!options.inside(opened)) return { code: 'OUTSIDE' };
    }
    fd = fs.openSync(opened, FLAGS);
  } catch (error) {
    return refusalOf(error);
  }
  try {
    const stat = fs.fstatSync(fd);
    const refusal =
      refuseStat(stat, options) ??
      refuseOpened(openedPathSync(fd, options), options) ??
      tooLarge(stat, options);
    if (refusal) return refusal;
    let buffer: Buffer = Buffer.allocUnsafe(stat.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const bigger = grow(buffer, length, options.maxBytes);
        if (!Buffer.isBuffer(bigger)) return bigger;
        buffer = bigger;
      }
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) return buffer.subarray(0, length);
      length += read;
    }
  } catch (error) {
    return refusalOf(error);
  } finally {
    fs.closeSync(fd);
  }
}

/** {@link readRegularFileSync}, without holding up the event loop. */
export async function readRegularFile(
  file: string,
  options: ReadRegularFileOptions,
): Promise<Buffer | ReadRefusal> {
  let handle: fs.promises.FileHandle;
  try {
    let opened = file;
    if (options.inside) {
      opened = await fs.promises.realpath(file);
      if (!options.inside(opened)) return { code: 'OUTSIDE' };
    }
    handle = await fs.promises.open(opened, FLAGS);
  } catch (error) {
    return refusalOf(error);
  }
  try {
    const stat = await handle.stat();
    const refusal =
      refuseStat(stat, options) ??
      refuseOpened(options.inside && (await openedPath(handle.fd)), options) ??
      tooLarge(stat, options);
    if (refusal) return refusal;
    let buffer: Buffer = Buffer.allocUnsafe(stat.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const bigger = grow(buffer, length, options.maxBytes);
        if (!Buffer.isBuffer(bigger)) return bigger;
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) return buffer.subarray(0, length);
      length += bytesRead;
    }
  } catch (error) {
    return refusalOf(error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function refuseStat(stat: fs.Stats, options: ReadRegularFileOptions): ReadRefusal | undefined {
  if (!stat.isFile()) return { code: stat.isDirectory() ? 'EISDIR' : 'NOT_A_FILE' };
  return options.accept?.(stat);
}

function refuseOpened(opened: string | undefined, options: ReadRegularFileOptions): ReadRefusal | undefined {
  return opened !== undefined && options.inside && !options.inside(opened) ? { code: 'OUTSIDE' } : undefined;
}

function tooLarge(stat: fs.Stats, options: ReadRegularFileOptions): ReadRefusal | undefined {
  return stat.size > options.maxBytes ? { code: 'TOO_LARGE', size: stat.size } : undefined;
}

/** A larger buffer for a file that grew while it was read, or `TOO_LARGE` once it has more than the bound. */
function grow(buffer: Buffer, length: number, maxBytes: number): Buffer | ReadRefusal {
  if (length > maxBytes) return { code: 'TOO_LARGE', size: length };
  const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
  buffer.copy(bigger, 0, 0, length);
  return bigger;
}

/** Where an open descriptor really points (Linux); undefined where the system cannot tell. */
function openedPathSync(fd: number, options: ReadRegularFileOptions): string | undefined {
  if (!options.inside) return undefined;
  try {
    return fs.readlinkSync(`/proc/self/fd/${fd}`);
  } catch (error) {
    refusalOf(error);
    return undefined;
  }
}

async function openedPath(fd: number): Promise<string | undefined> {
  try {
    return await fs.promises.readlink(`/proc/self/fd/${fd}`);
  } catch (error) {
    refusalOf(error);
    return undefined;
  }
}

/**
 * A system error's code as a refusal. Anything else is thrown on: a stack overflowing in the
 * middle of a call is no answer of the file system, nor is a check's own error.
 */
function refusalOf(error: unknown): ReadRefusal {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (!(error instanceof Error) || typeof (error as NodeJS.ErrnoException).syscall !== 'string' || !code)
    throw error;
  return { code };
}
