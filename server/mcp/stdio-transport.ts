/**
 * MCP over stdin/stdout with bounded messages, in place of the SDK's `StdioServerTransport`:
 * that one closes the whole session (and `codenav mcp` exited 0, saying nothing) when a message
 * passes 10 MiB, and leaves a line that is not JSON unanswered. Here a message over the limit is
 * skipped and answered (a tool call with a tool error, so the model reads why), bad JSON gets the
 * protocol's parse error, and the session goes on.
 */
import type { Readable, Writable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { type JSONRPCMessage, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../util/json-depth.ts';

interface StdioTransportOptions {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly logger: Logger;
  /** Longest message (one line) taken, in bytes. @default 1 MiB, as a POST to `/mcp` */
  readonly maxMessageBytes?: number;
}

type Id = string | number | null;

/** Bytes of an over-long message kept at each end, to find its `id` and `method`. */
const EDGE_BYTES = 512;

/** A top-level `"id"` at the end of a message (where the SDK's clients write it) or at its start. */
const ID_AT_END = /"id"\s*:\s*(-?\d{1,16}|"(?:[^"\\]|\\.){0,200}")\s*\}\s*$/;
const ID_AT_START =
  /^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*(-?\d{1,16}|"(?:[^"\\]|\\.){0,200}")/;

export class BoundedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  readonly #options: StdioTransportOptions;
  readonly #max: number;
  /** The line read so far (when under the limit). */
  #chunks: Buffer[] = [];
  #bytes = 0;
  /** Reading past the end of an over-long line: its start and its last bytes. */
  #oversize: { head: string; tail: string; bytes: number } | undefined;
  #closed = false;

  constructor(options: StdioTransportOptions) {
    this.#options = options;
    this.#max = options.maxMessageBytes ?? 1024 * 1024;
  }

  async start(): Promise<void> {
    this.#options.stdin.on('data', this.#onData);
    this.#options.stdin.on('error', this.#onError);
    this.#options.stdout.on('error', this.#onOutputError);
  }

  send(message: JSONRPCMessage): Promise<void> {
    // Nobody to tell once the session is over (the client may have closed our stdout).
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const { stdout } = this.#options;
      if (stdout.write(`${JSON.stringify(message)}\n`)) return resolve();
      const settle = () => {
        stdout.off('drain', settle);
        stdout.off('close', settle);
        resolve();
      };
      stdout.once('drain', settle);
      stdout.once('close', settle);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#options.stdin.off('data', this.#onData);
    this.#options.stdin.off('error', this.#onError);
    if (this.#options.stdin.listenerCount('data') === 0) this.#options.stdin.pause();
    this.#chunks = [];
    this.onclose?.();
  }

  readonly #onError = (error: Error) => this.onerror?.(error);

  /**
   * The client closed our stdout (EPIPE): the session is over, as when it closes our stdin. Left
   * unhandled, the stream's error crashed the process with a stack trace.
   */
  readonly #onOutputError = (error: NodeJS.ErrnoException) => {
    if (this.#closed) return;
    this.#options.logger.info({ code: error.code }, 'the MCP client closed its end of stdout: session over');
    void this.close();
  };

  readonly #onData = (chunk: Buffer) => {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(10, start);
      const piece = chunk.subarray(start, newline === -1 ? chunk.length : newline);
      this.#append(piece);
      if (newline === -1) return;
      this.#endLine();
      start = newline + 1;
    }
  };

  #append(piece: Buffer): void {
    if (this.#oversize) {
      this.#oversize.tail = (this.#oversize.tail + piece.toString('latin1')).slice(-EDGE_BYTES);
      this.#oversize.bytes += piece.length;
    } else if (this.#bytes + piece.length > this.#max) {
      const line = Buffer.concat([...this.#chunks, piece]);
      this.#oversize = {
        head: line.subarray(0, EDGE_BYTES).toString('latin1'),
        tail: line.subarray(-EDGE_BYTES).toString('latin1'),
        bytes: line.length,
      };
      this.#chunks = [];
      this.#bytes = 0;
    } else {
      this.#chunks.push(piece);
      this.#bytes += piece.length;
    }
  }

  #endLine(): void {
    if (this.#oversize) {
      const oversize = this.#oversize;
      this.#oversize = undefined;
      this.#refuseOversize(oversize);
      return;
    }
    const line = Buffer.concat(this.#chunks).toString('utf8').replace(/\r$/, '');
    this.#chunks = [];
    this.#bytes = 0;
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      this.#error(null, -32700, 'Parse error: the message is not JSON');
      return;
    }
    if (nestedDeeperThan(parsed, MAX_JSON_DEPTH)) {
      this.#error(
        idOf(parsed),
        -32600,
        `Invalid Request: the message nests more than ${MAX_JSON_DEPTH} levels deep`,
      );
      return;
    }
    const message = JSONRPCMessageSchema.safeParse(parsed);
    if (!message.success) {
      this.#error(idOf(parsed), -32600, 'Invalid Request: not a JSON-RPC 2.0 message');
      return;
    }
    this.onmessage?.(message.data);
  }

  /** Answers a message too long to read: a tool call with a tool error, anything else with a protocol error. */
  #refuseOversize(oversize: { head: string; tail: string; bytes: number }): void {
    const found = ID_AT_END.exec(oversize.tail) ?? ID_AT_START.exec(oversize.head);
    const id = found ? idOfText(found[1]!) : null;
    const text = `the message is ${oversize.bytes} bytes, over the limit of ${this.#max}: send smaller arguments`;
    this.#options.logger.warn(
      { bytes: oversize.bytes, limit: this.#max },
      'MCP message over the limit, skipped',
    );
    if (id !== null && /"method"\s*:\s*"tools\/call"/.test(oversize.head))
      void this.send({
        jsonrpc: '2.0',
        id,
        result: { content: [{ type: 'text', text: `MCP error -32600: ${text}` }], isError: true },
      });
    else this.#error(id, -32600, `Invalid Request: ${text}`);
  }

  #error(id: Id, code: number, message: string): void {
    // The SDK's types have no response with a null id (the answer to a message whose id is unknown).
    void this.send({ jsonrpc: '2.0', id, error: { code, message } } as unknown as JSONRPCMessage);
  }
}

/** An id as found by a scan of a message's text: what looked like a string may be no valid JSON (`"\x"`). */
function idOfText(text: string): Id {
  try {
    return idOf({ id: JSON.parse(text) });
  } catch {
    return null;
  }
}

function idOf(value: unknown): Id {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  const { id } = value as { id: unknown };
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}
