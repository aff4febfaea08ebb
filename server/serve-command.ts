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
  let server: Awaited<ReturnType<typeof app.start>>;
  try {
    server = await app.start();
  } catch (error) {
    await app.stop().catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new Error(`port ${config.port} on ${config.host} is in use: choose another with --port`);
    if (code === 'EADDRNOTAVAIL')
      throw new Error(`cannot bind ${config.host}: no such address on this machine`);
    throw error;
  }
  process.stdout.write(`codenav listening on ${server.url}\n`);

  // Until a signal, or a failure that ends the server (another writer of this project).
  const failure = await new Promise<Error | undefined>((resolve) => {
    const stop = () => resolve(undefined);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    void app.failure.then(resolve);
  });
  await app.stop();
  if (failure) throw failure;
  return 0;
}
