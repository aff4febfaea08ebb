import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * One HTTP request with exactly the headers given, `Host` included (fetch does not let a
 * test set `Host`, which is what a DNS-rebinding page sends).
 */
export function rawRequest(
  serverUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const url = new URL(serverUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** What became of a WebSocket handshake: open, or refused with an HTTP status and body. */
export type Handshake =
  | { readonly open: true; readonly socket: WebSocket }
  | {
      readonly open: false;
      readonly status: number;
      readonly body: string;
      readonly headers: Record<string, string | string[] | undefined>;
    };

/** Opens a `graphql-transport-ws` WebSocket to `/graphql` with the given headers (Origin, Host, …). */
export function openWebSocket(serverUrl: string, headers: Record<string, string> = {}): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${serverUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', {
      headers,
    });
    socket.once('open', () => resolve({ open: true, socket }));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({ open: false, status: response.statusCode ?? 0, body, headers: response.headers }),
      );
    });
    socket.once('error', reject);
  });
}

/** A graphql-ws conversation on a raw socket: the messages received, and the close. */
export class RawSession {
  readonly messages: Record<string, any>[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly #waiters = new Set<() => void>();

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)));
      for (const waiter of this.#waiters) waiter();
    });
    this.closed = new Promise((resolve) => {
      socket.once('close', (code, reason) => {
        resolve({ code, reason: String(reason) });
        for (const waiter of this.#waiters) waiter();
      });
    });
  }

  send(message: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Resolves with the first message that matches, or rejects when the socket closes first. */
  until(predicate: (message: Record<string, any>) => boolean): Promise<Record<string, any>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.messages.find(predicate);
        if (found) {
          this.#waiters.delete(check);
          resolve(found);
        } else if (this.socket.readyState === WebSocket.CLOSED) {
          this.#waiters.delete(check);
          reject(new Error(`closed before the message came; received ${JSON.stringify(this.messages)}`));
        }
      };
      this.#waiters.add(check);
      check();
    });
  }

  /** `connection_init` (with params), then the server's answer: `connection_ack`, or the close. */
  async init(payload?: Record<string, unknown>): Promise<'ack' | { code: number; reason: string }> {
    this.send(payload ? { type: 'connection_init', payload } : { type: 'connection_init' });
    return Promise.race([
      this.until((m) => m.type === 'connection_ack').then(() => 'ack' as const),
      this.closed,
    ]);
  }
}
