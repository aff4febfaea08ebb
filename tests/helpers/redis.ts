/**
 * Real `redis-server` processes for tests: started on a free port, stopped, killed and
 * restarted on the same port, and all stopped after the test file (afterAll).
 *
 * A missing `redis-server` fails the test loudly: CI installs it (apt-get install redis-server),
 * and a skipped Redis suite would hide exactly the reconnect and loss behaviour it checks.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import { afterAll } from 'vitest';
import { within } from './within.ts';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Starts it again on the same port (after stop or kill); resolves when it answers PING. */
  start(): Promise<void>;
  /** Stops it gracefully (SIGTERM); resolves when the process has exited. */
  stop(): Promise<void>;
  /** Kills it (SIGKILL), as a crash would; resolves when the process has exited. */
  kill(): Promise<void>;
}

/** How long a stopped or killed redis-server may take to exit (it takes milliseconds). */
const EXIT_MS = 10_000;

const servers = new Set<RedisServer>();
const children = new Set<ChildProcess>();

// Should the test process die first, take its servers along.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

afterAll(async () => {
  await stopAllRedisServers();
});

/** Stops every server started in this file. */
export async function stopAllRedisServers(): Promise<void> {
  await Promise.all([...servers].map((server) => server.stop()));
  servers.clear();
}

/** A TCP port nothing listens on (right now). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no TCP port was assigned');
  return address.port;
}

/**
 * Starts `redis-server` on `port` (a free one by default) and waits until it answers PING.
 * With `dataDir`, it keeps its data there (append-only file), so a stop and start keeps the
 * log, as a Redis with persistence does; without, a restart comes back empty.
 */
export async function startRedis(options: { port?: number; dataDir?: string } = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  let child: ChildProcess | undefined;

  const launch = async (): Promise<void> => {
    const redis = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--save',
        '',
        '--bind',
        '127.0.0.1',
        ...(options.dataDir === undefined
          ? ['--appendonly', 'no']
          : ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', options.dataDir]),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // Keep the last of its log, to say why it would not start.
    let output = '';
    const keep = (data: Buffer): void => {
      output = (output + data.toString()).slice(-2000);
    };
    redis.stdout?.on('data', keep);
    redis.stderr?.on('data', keep);
    child = redis;
    children.add(redis);
    redis.once('exit', () => children.delete(redis));
    const failed = new Promise<never>((_, reject) => {
      redis.once('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'ENOENT'
            ? new Error(
                'redis-server is not installed: the Redis tests need a real server (apt-get install -y redis-server)',
              )
            : error,
        );
      });
      redis.once('exit', (code) =>
        reject(new Error(`redis-server on port ${port} exited with ${code}:\n${output}`)),
      );
    });
    failed.catch(() => {});
    await Promise.race([waitForPong(port, 10_000), failed]);
  };

  const end = async (signal: NodeJS.Signals): Promise<void> => {
    const redis = child;
    child = undefined;
    if (redis === undefined || redis.exitCode !== null || redis.signalCode !== null) return;
    const exited = once(redis, 'exit');
    redis.kill(signal);
    try {
      await within(`redis-server on port ${port} exiting on ${signal}`, EXIT_MS, exited);
    } catch (error) {
      // Not left running for the next test: a kill ends it whatever it is doing.
      redis.kill('SIGKILL');
      throw error;
    }
  };

  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    port,
    start: launch,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
  servers.add(server);
  await launch();
  return server;
}

/** Resolves when something on `port` answers PING with PONG; rejects after `timeoutMs`. */
async function waitForPong(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await answersPing(port)) return;
    if (Date.now() > deadline)
      throw new Error(`redis-server on port ${port} did not answer PING in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      reply += data.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}
