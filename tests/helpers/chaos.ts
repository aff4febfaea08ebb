/**
 * Tools for the resume chaos test: a seeded random source, a TCP proxy that cuts a client's
 * connection where a test says (mid-message, or with revisions the server sent still in
 * flight), and a `graphChanged` client over graphql-ws or SSE that resumes with `since` = the
 * last revision it saw, as the design promises a client can.
 */
import { once } from 'node:events';
import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import WebSocket from 'ws';
import { within } from './within.ts';

/**
 * How long a client may take to let go of its connection: ws waits up to 30 s for the server's
 * answer to a clean close before it drops the socket.
 */
const DROP_MS = 40_000;
/** How long the proxy may take to close once it has cut every connection. */
const PROXY_CLOSE_MS = 10_000;

/** mulberry32: a small, fast seeded generator; the same seed gives the same run of choices. */
export function seededRandom(seed: number): {
  next(): number;
  int(below: number): number;
  pick<T>(items: readonly T[]): T;
} {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number): number => Math.floor(next() * below);
  return { next, int, pick: (items) => items[int(items.length)]! };
}

/** Where a subscription payload starts in the bytes a server sends (graphql-ws frame or SSE event). */
const NEXT_MARKERS = ['"type":"next"', 'event: next'];

interface Pair {
  readonly client: Socket;
  readonly upstream: Socket;
  /** The end of what the client sent last, so that a pattern split across two reads is found. */
  sentTail: string;
  /** What the client sent since its sending was paused, kept back in order. */
  paused: Buffer[] | undefined;
}

/** How much of what a client sent is kept to find a pattern across reads. */
const SENT_TAIL = 256;

/**
 * A TCP proxy in front of the server for one client. Bytes flow unchanged until the test says:
 * - {@link cutMidMessage}: the next subscription payload from the server is passed on only in
 *   part, then both sides are destroyed (the client never sees a whole message);
 * - {@link hold}: what the server sends is kept back, and the next {@link cut} drops it (the
 *   server has sent revisions the client never gets).
 */
export class ChaosProxy {
  readonly #server: Server;
  readonly #pairs = new Set<Pair>();
  #cutAfter: number | undefined;
  #holding = false;
  #blocked = false;
  #blockOn: { readonly pattern: string; readonly reached: () => void } | undefined;
  #pauseOn: { readonly pattern: string; readonly reached: () => void } | undefined;
  /** Cuts made mid-message so far. */
  cutsMidMessage = 0;
  port = 0;

  /** @param targetPorts Where each new connection goes, in turn (servers of one project, as they are now). */
  constructor(targetPorts: () => readonly number[]) {
    let connections = 0;
    this.#server = createServer((client) => {
      if (this.#blocked) {
        client.destroy();
        return;
      }
      const ports = targetPorts();
      const upstream = netConnect(ports[connections++ % ports.length]!, '127.0.0.1');
      const pair: Pair = { client, upstream, sentTail: '', paused: undefined };
      this.#pairs.add(pair);
      const destroy = (): void => {
        this.#pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('data', (data: Buffer) => this.#fromClient(pair, data));
      upstream.on('data', (data: Buffer) => this.#fromServer(pair, data, destroy));
      client.on('end', () => upstream.end());
      upstream.on('end', () => client.end());
      client.on('error', destroy);
      upstream.on('error', destroy);
      client.on('close', destroy);
      upstream.on('close', destroy);
    });
  }

  async listen(): Promise<void> {
    this.#server.listen(0, '127.0.0.1');
    await once(this.#server, 'listening');
    const address = this.#server.address();
    if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
    this.port = address.port;
  }

  /** Cuts the next payload `offset` bytes after its start (at least one byte of it passes). */
  cutMidMessage(offset: number): void {
    this.#cutAfter = offset;
  }

  /** Cuts every connection and refuses new ones (the server is unreachable) until {@link unblock}. */
  block(): void {
    this.#blocked = true;
    this.cut();
  }

  unblock(): void {
    this.#blocked = false;
  }

  /**
   * The next time a client sends `pattern`, what it sent then is not passed on, and the proxy
   * blocks (see {@link block}): the server never sees that command, nor anything after it,
   * until {@link unblock}. Resolves when that happens.
   */
  blockWhenSent(pattern: string): Promise<void> {
    if (pattern.length > SENT_TAIL) throw new Error(`a pattern is at most ${SENT_TAIL} characters`);
    return new Promise((reached) => {
      this.#blockOn = { pattern, reached };
    });
  }

  /** Keeps back what the server sends, until {@link cut} drops it. */
  hold(): void {
    this.#holding = true;
  }

  /** Destroys every connection now, dropping whatever was held back. */
  cut(): void {
    this.#holding = false;
    for (const { client, upstream } of [...this.#pairs]) {
      client.destroy();
      upstream.destroy();
    }
    this.#pairs.clear();
  }

  async close(): Promise<void> {
    this.cut();
    const closed = once(this.#server, 'close');
    this.#server.close();
    await within(`the chaos proxy on port ${this.port} closing`, PROXY_CLOSE_MS, closed);
  }

  /**
   * The next time a client sends `pattern`, that connection's sending pauses: what it sent then,
   * and everything after, is kept back (in order) until {@link resumeSending}; the server's
   * answers still pass. Resolves when that happens.
   */
  pauseWhenSent(pattern: string): Promise<void> {
    if (pattern.length > SENT_TAIL) throw new Error(`a pattern is at most ${SENT_TAIL} characters`);
    return new Promise((reached) => {
      this.#pauseOn = { pattern, reached };
    });
  }

  /** What paused connections sent since they paused, as text. */
  sentWhilePaused(): string {
    return [...this.#pairs].map((pair) => Buffer.concat(pair.paused ?? []).toString('latin1')).join('');
  }

  /** Passes on what paused connections kept back, and everything from now on. */
  resumeSending(): void {
    for (const pair of this.#pairs) {
      const paused = pair.paused ?? [];
      pair.paused = undefined;
      for (const data of paused) pair.upstream.write(data);
    }
  }

  #fromClient(pair: Pair, data: Buffer): void {
    if (pair.paused !== undefined) {
      pair.paused.push(data);
      return;
    }
    const watch = [this.#blockOn, this.#pauseOn];
    if (watch.some((on) => on !== undefined)) {
      const text = pair.sentTail + data.toString('latin1');
      pair.sentTail = text.slice(-SENT_TAIL);
      const blockOn = this.#blockOn;
      if (blockOn !== undefined && text.includes(blockOn.pattern)) {
        this.#blockOn = undefined;
        this.block();
        blockOn.reached();
        return;
      }
      const pauseOn = this.#pauseOn;
      if (pauseOn !== undefined && text.includes(pauseOn.pattern)) {
        this.#pauseOn = undefined;
        pair.paused = [data];
        pauseOn.reached();
        return;
      }
    }
    pair.upstream.write(data);
  }

  #fromServer(pair: Pair, data: Buffer, destroy: () => void): void {
    if (this.#holding) return; // dropped by the cut that ends the hold
    if (this.#cutAfter !== undefined) {
      const text = data.toString('latin1');
      const starts = NEXT_MARKERS.map((marker) => text.indexOf(marker)).filter((at) => at >= 0);
      if (starts.length > 0) {
        const end = Math.min(...starts) + this.#cutAfter;
        if (end < data.length) {
          this.#cutAfter = undefined;
          this.cutsMidMessage += 1;
          pair.client.write(data.subarray(0, end), destroy);
          return;
        }
      }
    }
    pair.client.write(data);
  }
}

export interface ChaosRevision {
  revision: number;
  files: string[];
  timestamp: number;
  changes: { op: string; key: string; kind: string; properties: unknown }[];
  semantic: { kind: string; key: string; previousKey: string | null; breaking: boolean; message: string }[];
}

export const CHAOS_QUERY = `subscription($since: Int, $kinds: [GraphElementKind!]) {
  graphChanged(since: $since, kinds: $kinds) {
    revision files timestamp
    changes { op key kind properties }
    semantic { kind key previousKey breaking message }
  }
}`;

type Outcome =
  /** The test ended it (drop): stay offline until resumed. */
  | 'dropped'
  /** The connection broke or the server ended it: resume at once. */
  | 'lost'
  /** EVENTS_UNAVAILABLE: the log cannot be read now; resume a little later. */
  | 'unavailable'
  /** Any other error: recorded as a failure, the client stops. */
  | 'failed';

interface Connection {
  /** Ends it from the client's side (a clean close, or a reset). */
  end(abrupt: boolean): void;
  readonly outcome: Promise<Outcome>;
}

/**
 * A `graphChanged` client that keeps every revision it receives (duplicates included, to be
 * found), and on any loss of its connection subscribes again with `since` = the last revision
 * it saw.
 */
export class ResumingClient {
  readonly items: ChaosRevision[] = [];
  /** Errors other than EVENTS_UNAVAILABLE, and, for a reference client, any loss at all. */
  readonly failures: string[] = [];
  /** Times the server said EVENTS_UNAVAILABLE. */
  unavailable = 0;
  /** Connections made. */
  connections = 0;
  /** What the current connection has done, for a timeout's message. */
  phase = 'idle';
  #wanted = false;
  /** Resolves when the client is dropped: it stops waiting to retry. */
  #dropped: Promise<void> = new Promise(() => {});
  #markDropped = (): void => {};
  #current: Connection | undefined;
  #loop: Promise<void> | undefined;
  readonly #waiters = new Set<() => void>();

  /**
   * @param reference A client that must never lose its subscription: any loss is a failure.
   * @param whenUnavailable Resolves when it is worth trying again after EVENTS_UNAVAILABLE.
   */
  constructor(
    readonly name: string,
    readonly transport: 'ws' | 'sse',
    private readonly port: () => number,
    private readonly since: number,
    private readonly options: {
      reference?: boolean;
      whenUnavailable?: () => Promise<void>;
      /** Its connections' proxy: an abrupt drop cuts it there (TCP gone without a goodbye). */
      proxy?: ChaosProxy;
      /** Only changes of these kinds (and revisions that have some). */
      kinds?: readonly string[];
    } = {},
  ) {}

  get online(): boolean {
    return this.#wanted;
  }

  lastSeen(): number {
    return this.items.at(-1)?.revision ?? this.since;
  }

  /** Subscribes (again) with `since` = the last revision seen, and stays subscribed. */
  resume(): void {
    if (this.#wanted) return;
    this.#wanted = true;
    this.#dropped = new Promise((resolve) => {
      this.#markDropped = resolve;
    });
    const previous = this.#loop ?? Promise.resolve();
    this.#loop = previous.then(() => this.#run());
  }

  /** Ends the connection now and stays offline until {@link resume}. */
  async drop(abrupt: boolean): Promise<void> {
    this.#wanted = false;
    this.#markDropped();
    this.#current?.end(abrupt);
    const phase = this.phase;
    await within(`${this.name} dropping its connection (${phase})`, DROP_MS, this.#loop ?? Promise.resolve());
  }

  /** Resolves once the client has seen `revision` (or has stopped on a failure). */
  until(revision: number, timeoutMs = 20_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.lastSeen() >= revision || this.failures.length > 0) {
          this.#waiters.delete(check);
          clearTimeout(timer);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(
          new Error(
            `${this.name} did not reach revision ${revision} in ${timeoutMs} ms: it saw up to ${this.lastSeen()} (online: ${this.#wanted}, ${this.connections} connections, ${this.unavailable} EVENTS_UNAVAILABLE, ${this.phase})`,
          ),
        );
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }

  async #run(): Promise<void> {
    let retries = 0;
    while (this.#wanted && this.failures.length === 0) {
      this.connections += 1;
      if (this.options.reference && this.connections > 1)
        this.failures.push(`${this.name}: a reference client lost its subscription`);
      const connection = this.transport === 'ws' ? this.#openWs() : this.#openSse();
      this.#current = connection;
      const outcome = await connection.outcome;
      this.#current = undefined;
      if (outcome === 'unavailable') {
        this.unavailable += 1;
        retries += 1;
        const dropped = this.#dropped;
        await Promise.race([this.options.whenUnavailable?.(), dropped]);
        // A client's back-off before trying again (the server said "retry"): not a wait for an event.
        await Promise.race([
          new Promise((resolve) => setTimeout(resolve, Math.min(20 * retries, 200))),
          dropped,
        ]);
      } else retries = 0;
      if (outcome === 'failed') break;
    }
    this.#notify();
  }

  #variables(since: number): Record<string, unknown> {
    return this.options.kinds ? { since, kinds: this.options.kinds } : { since };
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }

  /** A payload: a revision, or errors (the subscription ends). */
  #payload(payload: {
    data?: { graphChanged?: ChaosRevision } | null;
    errors?: unknown[];
  }): Outcome | undefined {
    if (payload.errors !== undefined && payload.errors.length > 0) return this.#errors(payload.errors);
    const revision = payload.data?.graphChanged;
    if (revision) {
      this.items.push(revision);
      this.#notify();
    }
    return undefined;
  }

  #errors(errors: unknown[]): Outcome {
    const codes = errors.map((error) => (error as { extensions?: { code?: string } }).extensions?.code);
    if (codes.every((code) => code === 'EVENTS_UNAVAILABLE')) {
      if (this.options.reference)
        this.failures.push(`${this.name}: EVENTS_UNAVAILABLE on a reference client`);
      return 'unavailable';
    }
    this.failures.push(`${this.name} (since ${this.lastSeen()}): ${JSON.stringify(errors)}`);
    return 'failed';
  }

  #openWs(): Connection {
    const socket = new WebSocket(`ws://127.0.0.1:${this.port()}/graphql`, 'graphql-transport-ws');
    let decided: Outcome | undefined;
    let ended = false;
    const outcome = new Promise<Outcome>((resolve) => {
      socket.on('close', () => resolve(decided ?? (ended ? 'dropped' : 'lost')));
      socket.on('error', () => {});
    });
    const since = this.lastSeen();
    this.phase = `ws connecting, since ${since}`;
    socket.on('open', () => {
      this.phase = `ws open, since ${since}`;
      socket.send(JSON.stringify({ type: 'connection_init' }));
    });
    socket.on('message', (data) => {
      if (decided !== undefined || ended) return;
      const message = JSON.parse(String(data)) as { type: string; payload?: never };
      this.phase = `ws got ${message.type}, since ${since}`;
      if (message.type === 'connection_ack') {
        socket.send(
          JSON.stringify({
            id: 'g',
            type: 'subscribe',
            payload: { query: CHAOS_QUERY, variables: this.#variables(since) },
          }),
        );
      } else if (message.type === 'ping') {
        socket.send(JSON.stringify({ type: 'pong' }));
      } else if (message.type === 'next') {
        decided = this.#payload(message.payload!);
      } else if (message.type === 'error') {
        decided = this.#errors(message.payload!);
      } else if (message.type === 'complete') {
        decided = 'lost';
      }
      if (decided !== undefined) socket.close(1000);
    });
    return {
      end: (abrupt) => {
        ended = true;
        // The proxy's cut resets the TCP connection under the client; the socket is ended here
        // too, in case it was still connecting when the cut came.
        if (abrupt) {
          this.options.proxy?.cut();
          socket.terminate();
        } else socket.close(1000);
      },
      outcome,
    };
  }

  #openSse(): Connection {
    const controller = new AbortController();
    let ended = false;
    const since = this.lastSeen();
    const outcome = (async (): Promise<Outcome> => {
      try {
        const response = await fetch(`http://127.0.0.1:${this.port()}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
          body: JSON.stringify({ query: CHAOS_QUERY, variables: this.#variables(since) }),
          signal: controller.signal,
        });
        if (!response.ok || response.body === null) {
          this.failures.push(`${this.name}: HTTP ${response.status} ${await response.text()}`);
          return 'failed';
        }
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          // An event is whole only at its blank line: a message cut short is not one.
          for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = event
              .split('\n')
              .filter((line) => line.startsWith('data:'))
              .map((line) => line.slice(5).trim())
              .join('');
            if (event.startsWith('event: complete')) return ended ? 'dropped' : 'lost';
            if (!event.startsWith('event: next') || !data) continue;
            const decided = this.#payload(JSON.parse(data));
            if (decided !== undefined) {
              controller.abort();
              return decided;
            }
          }
        }
        return ended ? 'dropped' : 'lost';
      } catch {
        return ended ? 'dropped' : 'lost';
      }
    })();
    return {
      end: (abrupt) => {
        ended = true;
        if (abrupt) this.options.proxy?.cut();
        controller.abort();
      },
      outcome,
    };
  }
}
