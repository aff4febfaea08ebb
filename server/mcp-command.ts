import pino from 'pino';
import { createApp } from './app.ts';
import type { McpConfig } from './config.ts';
import { BoundedStdioTransport } from './mcp/index.ts';

/**
 * `codenav mcp`: analyze and watch like `serve`, and answer MCP on stdin/stdout (logs on stderr:
 * stdout belongs to the protocol). Ends when the client closes stdin or on SIGINT/SIGTERM;
 * resolves with the exit code once stopped.
 */
export async function runMcp(config: McpConfig): Promise<number> {
  // Logs on stderr (fd 2): stdout belongs to the protocol.
  const logger = pino({ level: config.logLevel }, pino.destination(2));
  const app = await createApp({ ...config, command: 'serve' }, { logger });
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(
      `codenav mcp: unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}\n`,
    );
  });
  // Messages are bounded (1 MiB, as over HTTP): one over it is answered, not the end of the session.
  const transport = new BoundedStdioTransport({
    stdin: process.stdin,
    stdout: process.stdout,
    logger: logger.child({ component: 'mcp' }),
  });
  const stopped = new Promise<Error | undefined>((resolve) => {
    process.once('SIGINT', () => resolve(undefined));
    process.once('SIGTERM', () => resolve(undefined));
    // The client ends the session by closing our stdin.
    process.stdin.once('end', () => resolve(undefined));
    transport.onclose = () => resolve(undefined);
    void app.failure.then(resolve);
  });
  const front = await app.mcp();
  const server = front.createServer();
  // Connect before analysing: a client's initialize is answered at once, and tools answer from
  // the graph so far while the analysis runs.
  await server.connect(transport);
  app.startIndexing();

  const failure = await stopped;
  await server.close().catch(() => undefined);
  await app.stop();
  if (failure) throw failure;
  return 0;
}
