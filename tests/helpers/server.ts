import pino from 'pino';
import { type App, type AppParts, createApp } from '../../server/app.ts';
import { type ServeConfig, serveConfig } from '../../server/config.ts';
import { within } from './within.ts';

/** An app under test that answers GraphQL operations. */
export interface GraphqlTarget {
  readonly app: App;
  /** POST a GraphQL operation; returns the parsed body. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{
    data?: T;
    errors?: { message: string; path?: readonly (string | number)[]; extensions?: { code?: string } }[];
  }>;
  stop(): Promise<void>;
}

export interface TestServer extends GraphqlTarget {
  readonly url: string;
}

const servers: GraphqlTarget[] = [];

/**
 * The longest a server's stop may take before a test fails, naming it: under the hook timeout
 * (60 s), so that a stop that hangs in clean-up says so rather than "Hook timed out".
 */
const STOP_MS = 45_000;

/** Stops `app`, failing with `name` when that does not finish in {@link STOP_MS}. */
function stopWithin(name: string, app: App): () => Promise<void> {
  return () => within(`stopping ${name}`, STOP_MS, app.stop());
}

/** The app for a project as the tests run it: port 0, no watching, silent. */
function createTestApp(dir: string, config: Partial<ServeConfig>, parts: AppParts): Promise<App> {
  return createApp(serveConfig(dir, { port: 0, watch: false, logLevel: 'silent', ...config }), {
    logger: pino({ level: 'silent' }),
    ...parts,
  });
}

/** `gql` over a `fetch`: the network's, or Yoga's in-process one. */
function postGraphql(
  fetcher: (url: string, init: RequestInit) => Promise<Response>,
  url: string,
): GraphqlTarget['gql'] {
  return async (query, variables, headers) => {
    const response = await fetcher(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return response.json() as never;
  };
}

/** A real codenav server on port 0 for a project; stopped by {@link stopServers}. */
export async function startServer(
  dir: string,
  config: Partial<ServeConfig> = {},
  parts: AppParts = {},
  options: { waitForAnalysis?: boolean } = {},
): Promise<TestServer> {
  const app = await createTestApp(dir, config, parts);
  const running = await app.start();
  if (options.waitForAnalysis !== false) await app.indexer?.ready;
  const server: TestServer = {
    url: running.url,
    app,
    gql: postGraphql(fetch, `${running.url}/graphql`),
    stop: stopWithin(`the server at ${running.url} (role ${config.role ?? 'all'})`, app),
  };
  servers.push(server);
  return server;
}

/**
 * An app for a project that answers GraphQL in-process, through Yoga's `fetch`: no socket and
 * no HTTP server, for tests of what the API answers (protocol, server, live and end-to-end
 * tests use {@link startServer}). The first analysis has been applied; stopped by
 * {@link stopServers}.
 */
export async function startInProcess(
  dir: string,
  config: Partial<ServeConfig> = {},
  parts: AppParts = {},
): Promise<GraphqlTarget> {
  const app = await createTestApp(dir, config, parts);
  app.indexer?.start();
  await app.indexer?.ready;
  const yoga = await app.graphql();
  const target: GraphqlTarget = {
    app,
    gql: postGraphql(async (url, init) => yoga.fetch(url, init), 'http://codenav.test/graphql'),
    stop: stopWithin(`the in-process app for ${dir}`, app),
  };
  servers.push(target);
  return target;
}

export async function stopServers(): Promise<void> {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
}

/** The codes of a response's errors. */
export function errorCodes(body: { errors?: { extensions?: { code?: string } }[] }): (string | undefined)[] {
  return (body.errors ?? []).map((e) => e.extensions?.code);
}
