import pino from 'pino';
import { type App, type AppParts, createApp } from '../../server/app.ts';
import { type ServeConfig, serveConfig } from '../../server/config.ts';

export interface TestServer {
  readonly url: string;
  readonly app: App;
  /** POST a GraphQL operation; returns the parsed body. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
  stop(): Promise<void>;
}

const servers: TestServer[] = [];

/** A real codenav server on port 0 for a project; stopped by {@link stopServers}. */
export async function startServer(
  dir: string,
  config: Partial<ServeConfig> = {},
  parts: AppParts = {},
  options: { waitForAnalysis?: boolean } = {},
): Promise<TestServer> {
  const app = await createApp(serveConfig(dir, { port: 0, watch: false, logLevel: 'silent', ...config }), {
    logger: pino({ level: 'silent' }),
    ...parts,
  });
  const running = await app.start();
  if (options.waitForAnalysis !== false) await app.indexer?.ready;
  const server: TestServer = {
    url: running.url,
    app,
    async gql(query, variables, headers) {
      const response = await fetch(`${running.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return response.json() as never;
    },
    stop: () => app.stop(),
  };
  servers.push(server);
  return server;
}

export async function stopServers(): Promise<void> {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
}

/** The codes of a response's errors. */
export function errorCodes(body: { errors?: { extensions?: { code?: string } }[] }): (string | undefined)[] {
  return (body.errors ?? []).map((e) => e.extensions?.code);
}
