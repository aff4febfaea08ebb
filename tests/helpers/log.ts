import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

/** A logger that keeps what the server writes, as lines of JSON, and tells when a line comes. */
export function capturedLogger(): {
  logger: Logger;
  lines: string[];
  /** Resolves with the first line that contains `text` (one already written, or the next). */
  until(text: string): Promise<string>;
} {
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        for (const waiter of waiters) waiter();
        done();
      },
    }),
  );
  return {
    logger,
    lines,
    until: (text) =>
      new Promise((resolve) => {
        const check = () => {
          const line = lines.find((l) => l.includes(text));
          if (line === undefined) return;
          waiters.delete(check);
          resolve(line);
        };
        waiters.add(check);
        check();
      }),
  };
}
