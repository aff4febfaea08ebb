import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface Revision {
  revision: number;
  files: string[];
  changes: { op: string; key: string; kind: string }[];
}

/** What a subscription has received so far, and a way to wait for more. */
export interface Received<T> {
  readonly items: T[];
  readonly errors: unknown[];
  /** Resolves once `predicate` holds for the items received (polling each arrival). */
  until(predicate: (items: T[]) => boolean, timeoutMs?: number): Promise<T[]>;
  close(): Promise<void>;
}

const GRAPH_CHANGED = `subscription($since: Int, $pathPrefix: String, $kinds: [GraphElementKind!]) {
  graphChanged(since: $since, pathPrefix: $pathPrefix, kinds: $kinds) { revision files changes { op key kind } }
}`;

function collector<T>(
  close: () => Promise<void>,
): Received<T> & { push(item: T): void; fail(error: unknown): void } {
  const items: T[] = [];
  const errors: unknown[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  return {
    items,
    errors,
    push(item) {
      items.push(item);
      notify();
    },
    fail(error) {
      errors.push(error);
      notify();
    },
    until(predicate, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (predicate(items)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(items);
          } else if (errors.length > 0) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`subscription failed: ${JSON.stringify(errors)}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out; received ${JSON.stringify(items)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close,
  };
}

/** `graphChanged` (or another subscription: its root field's values) over graphql-ws. */
export function subscribeWs<T = Revision>(
  serverUrl: string,
  variables: Record<string, unknown> = {},
  query = GRAPH_CHANGED,
): Received<T> {
  const client = createClient({
    url: `${serverUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
  const received = collector<T>(() => client.dispose() as Promise<void>);
  client.subscribe<Record<string, T>>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) received.fail(result.errors);
        else if (result.data) received.push(Object.values(result.data)[0]!);
      },
      error: (error) => received.fail(error),
      complete: () => {},
    },
  );
  return received;
}

/** `graphChanged` over Server-Sent Events (Yoga's `Accept: text/event-stream`). */
export function subscribeSse<T = Revision>(
  serverUrl: string,
  variables: Record<string, unknown> = {},
  query = GRAPH_CHANGED,
): Received<T> {
  const controller = new AbortController();
  const received = collector<T>(async () => controller.abort());
  void (async () => {
    try {
      const response = await fetch(`${serverUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query, variables }),
        signal: controller.signal,
      });
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trim())
            .join('');
          if (message.startsWith('event: next') && data) {
            const result = JSON.parse(data) as { data?: Record<string, T>; errors?: unknown[] };
            if (result.errors) received.fail(result.errors);
            else if (result.data) received.push(Object.values(result.data)[0]!);
          }
          end = buffer.indexOf('\n\n');
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) received.fail(error);
    }
  })();
  return received;
}

/** `OP key` lines of a revision's changes, sorted. */
export function opLines(revision: Revision): string[] {
  return revision.changes.map((c) => `${c.op} ${c.key}`).sort();
}
