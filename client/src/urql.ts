/**
 * The urql client and its exchanges: queries over HTTP (`/graphql` on the page's own origin),
 * subscriptions over one graphql-ws WebSocket that reconnects forever.
 *
 * graphql-ws re-sends a subscription's first `subscribe` message after each reconnect. The live
 * stream (live/live-stream.ts) does not rely on that for `graphChanged`: it ends the
 * subscription when the socket closes and subscribes anew, with the last revision it applied,
 * once the socket is back (tests/live/web-ui-resume.test.ts).
 */
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { fetchNoticingToken } from './token-needed.ts';

export interface Clients {
  readonly client: Client;
  readonly ws: WsClient;
}

/** `ws://HOST/graphql` (or `wss://`) for the page at `location`. */
export function webSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}

export interface ClientsOptions {
  /** The WebSocket class; the browser's by default (Node 20 has none: tests pass `ws`'s). */
  readonly webSocketImpl?: unknown;
}

export function createClients(
  location: Pick<Location, 'protocol' | 'host'> = window.location,
  options: ClientsOptions = {},
): Clients {
  const ws = createWsClient({
    url: webSocketUrl(location),
    ...(options.webSocketImpl === undefined ? {} : { webSocketImpl: options.webSocketImpl }),
    // Connect at once and stay connected: the live stream lives on this socket.
    lazy: false,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    // Quick at first (a restarting server is back in a second or two), then every 3 s at most.
    retryWait: (retries) =>
      new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** retries, 3000) + Math.random() * 250)),
    keepAlive: 10_000,
    // The connection state is shown in the page; the console stays quiet.
    onNonLazyError: () => {},
  });
  const client = new Client({
    // The page's own origin, spelled out: the same request in a browser, and a URL outside one.
    url: `${location.protocol}//${location.host}/graphql`,
    fetch: fetchNoticingToken(),
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  return { client, ws };
}
