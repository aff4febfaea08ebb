import { createApp } from './app.ts';
import type { ServeConfig } from './config.ts';

/**
 * `codenav serve`: listen at once, analyze in the background, stop cleanly on SIGINT/SIGTERM.
 * Resolves with the exit code once stopped.
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
  const signalled = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
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

  await signalled;
  await app.stop();
  return 0;
}
