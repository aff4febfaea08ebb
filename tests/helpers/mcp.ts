/**
 * MCP clients for tests: the SDK's own client over stdio (spawning the built CLI) or over
 * Streamable HTTP, and waits driven by the `codenav://revision` subscription, never by sleeps.
 */
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

/** A raw POST to an MCP endpoint with the headers Streamable HTTP asks of a client, and `headers`. */
export function postMcp(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body,
  });
}

const CLI = fileURLToPath(new URL('../../bin/codenav.mjs', import.meta.url));

/** A connected client and the resource updates it has been sent. */
export interface McpTestClient {
  readonly client: Client;
  /** Resolves with the next `notifications/resources/updated` (for a subscribed resource). */
  nextUpdate(): Promise<string>;
  /** The revision resource, parsed. */
  revision(): Promise<{
    revision: number;
    analysis: { state: string; pass?: string; filesDone?: number; filesTotal?: number };
  }>;
  /** Subscribes to `codenav://revision` and resolves once the analysis is READY. */
  untilAnalysed(): Promise<void>;
  /** A tool's answer. */
  call(name: string, args: Record<string, unknown>): Promise<ToolAnswer>;
  close(): Promise<void>;
}

export interface ToolAnswer {
  readonly isError?: boolean;
  readonly text: string;
  readonly structured: Record<string, unknown> | undefined;
}

const clients: McpTestClient[] = [];

/** `codenav mcp DIR ARGS…` from the built CLI, over its stdin and stdout. */
export async function connectStdio(dir: string, args: readonly string[] = []): Promise<McpTestClient> {
  const stderr: string[] = [];
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', dir, '--log-level', 'warn', ...args],
    // The SDK passes on only a few variables by default: CODENAV_NO_CACHE (vitest.config.ts) too,
    // or the server keeps a snapshot in the user's own cache folder.
    env: { ...(process.env as Record<string, string>) },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  return track(transport, () => stderr.join(''));
}

/** An MCP session over Streamable HTTP at `url` (…/mcp). */
export async function connectHttp(url: string, headers: Record<string, string> = {}): Promise<McpTestClient> {
  return track(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
}

async function track(
  transport: StdioClientTransport | StreamableHTTPClientTransport,
  log: () => string = () => '',
): Promise<McpTestClient> {
  const client = new Client({ name: 'codenav-tests', version: '1.0.0' });
  const updates: string[] = [];
  let waiting: ((uri: string) => void) | undefined;
  client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => {
    const uri = notification.params.uri;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve(uri);
    } else updates.push(uri);
  });
  try {
    await client.connect(transport);
  } catch (error) {
    throw new Error(`could not connect: ${(error as Error).message}\n${log()}`);
  }
  const nextUpdate = () => {
    const queued = updates.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise<string>((resolve) => {
      waiting = resolve;
    });
  };
  const revision = async () => {
    const result = await client.readResource({ uri: 'codenav://revision' });
    const content = result.contents[0] as { text: string };
    return JSON.parse(content.text) as Awaited<ReturnType<McpTestClient['revision']>>;
  };
  const test: McpTestClient = {
    client,
    nextUpdate,
    revision,
    async untilAnalysed() {
      await client.subscribeResource({ uri: 'codenav://revision' });
      while ((await revision()).analysis.state !== 'READY') await nextUpdate();
      // Updates that came before READY are of no interest to the test.
      updates.length = 0;
    },
    async call(name, args) {
      const result = await client.callTool({ name, arguments: args });
      const content = result.content as { type: string; text: string }[];
      return {
        isError: result.isError as boolean | undefined,
        text: content.map((c) => c.text).join('\n'),
        structured: result.structuredContent as Record<string, unknown> | undefined,
      };
    },
    close: () => client.close(),
  };
  clients.push(test);
  return test;
}

export async function closeMcpClients(): Promise<void> {
  await Promise.all(clients.splice(0).map((c) => c.close().catch(() => undefined)));
}

/** The keys of a list of records in a tool's structured content. */
export function keysOf(value: unknown): string[] {
  return (value as { key: string }[]).map((item) => item.key);
}
