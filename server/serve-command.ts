import { createApp } from './app.ts';
import type { ServeConfig } from './config.ts';

/**
 * `codenav serve`: listen at once, analyze in the background, stop cleanly on SIGINT/SIGTERM.
 * Resolves with the exit code once stopped; rejects (exit 1, one line) when the app fails.
 */
export async function runServe(config: ServeConfig): Promise<number> {
  const app = await createApp(config);
  // A rejection nobody awaited (a Redis client closing, say) is logged, never fatal.
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(
      `codenav serve: unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}\n`,
    );
  });
  // Caught from the start: a signal that arrives while the GraphQL server still loads (after the
  // line below) stops cleanly once the start has finished.
  // Also a failure that ends the server (another process is the writer of this project).
  const stopped = new Promise<Error | undefined>((resolve) => {
    process.once('SIGINT', () => resolve(undefined));
    process.once('SIGTERM', () => resolve(undefined));
    void app.failure.then(resolve);
  });
  try {
    // The line as soon as the port is bound: a client may connect at once (/graphql waits for
    // the GraphQL server to load).
    await app.start({
      onListening: (server) => process.stdout.write(`codenav listening on ${server.url}\n`),
    });
  } catch (error) {
    await app.stop().catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new Error(`port ${config.port} on ${config.host} is in use: choose another with --port`);
    if (code === 'EADDRNOTAVAIL')
      throw new Error(`cannot bind ${config.host}: no such address on this machine`);
    throw error;
  }

  const failure = await stopped;
  await app.stop();
  if (failure) throw failure;
  return 0;
}
