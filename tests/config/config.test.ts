/**
 * Parsing argv and the environment into a Config: defaults, where each value may come from,
 * every flag's message when it is wrong, and the combinations refused. (Token, public-read,
 * allowed-hosts and the WebSocket caps have their own cases in tests/api/serve-flags.test.ts.)
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type AnalyzeConfig,
  HELP,
  parseConfig,
  projectIdFor,
  type ServeConfig,
  serveConfig,
  UsageError,
} from '../../server/config.ts';
import { removeCopies, tempDir } from '../helpers/fixtures.ts';

const dir = tempDir();
const TOKEN = 'a-token-of-32-characters-0123456';

afterAll(removeCopies);

function serve(argv: readonly string[] = [], env: NodeJS.ProcessEnv = {}): ServeConfig {
  return parseConfig(['serve', dir, ...argv], env) as ServeConfig;
}

/** The UsageError message `parse` throws. */
function usageError(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError, got a config');
}

describe('codenav serve: defaults', () => {
  it('serves the directory on 127.0.0.1:4000 from memory, watching, with the defaults embedding gets', () => {
    const config = serve();
    // The defaults --help states.
    expect([config.port, config.host, config.store, config.role, config.logLevel]).toEqual([
      4000,
      '127.0.0.1',
      'memory',
      'all',
      'info',
    ]);
    expect([config.watch, config.publicRead, config.maxConnections, config.maxSubscriptions]).toEqual([
      true,
      false,
      1000,
      100,
    ]);
    // The CLI and `serveConfig` (tests, benchmarks, embedding) start from the same defaults.
    // …but the snapshot: the CLI keeps one in the user's cache folder, embedding none.
    expect(config).toEqual({
      ...serveConfig(dir),
      memgraphUri: undefined,
      redisUrl: undefined,
      token: undefined,
      cacheDir: path.join(homedir(), '.cache', 'codenav'),
    });
  });

  it('names the project after its folder and a hash of its real path, the same through a symlink', () => {
    const project = path.join(dir, 'My Project!');
    mkdirSync(project);
    const link = path.join(dir, 'link');
    symlinkSync(project, link);
    const id = projectIdFor(project);
    expect(id).toMatch(/^My-Project--[0-9a-f]{12}$/);
    expect(projectIdFor(link)).toBe(id);
    expect(projectIdFor(dir)).not.toBe(id);
  });

  it('resolves the directory to an absolute path, . by default', () => {
    expect((parseConfig(['serve'], {}) as ServeConfig).dir).toBe(process.cwd());
  });
});

describe('codenav serve: where values come from', () => {
  it('reads every flag from CODENAV_<NAME> when the flag is absent', () => {
    const config = serve([], {
      CODENAV_PORT: '0',
      CODENAV_HOST: 'localhost',
      CODENAV_STORE: 'memgraph',
      CODENAV_MEMGRAPH_URI: 'bolt://db:7687',
      CODENAV_REDIS_URL: 'redis://cache:6379',
      CODENAV_PROJECT_ID: 'shop',
      CODENAV_NO_WATCH: 'true',
      CODENAV_ROLE: 'api',
      CODENAV_TOKEN: TOKEN,
      CODENAV_PUBLIC_READ: '1',
      CODENAV_CORS_ORIGIN: 'https://a.example, https://b.example',
      CODENAV_ALLOWED_HOSTS: 'Code.Example',
      CODENAV_MAX_CONNECTIONS: '5',
      CODENAV_MAX_SUBSCRIPTIONS: '6',
      CODENAV_LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      port: 0,
      host: 'localhost',
      store: 'memgraph',
      memgraphUri: 'bolt://db:7687',
      redisUrl: 'redis://cache:6379',
      projectId: 'shop',
      watch: false,
      role: 'api',
      token: TOKEN,
      publicRead: true,
      corsOrigins: ['https://a.example', 'https://b.example'],
      allowedHosts: ['code.example'],
      maxConnections: 5,
      maxSubscriptions: 6,
      logLevel: 'debug',
    });
  });

  it('prefers the flag to the environment, and CODENAV_ names to the common ones', () => {
    const env = {
      CODENAV_PORT: '5000',
      MEMGRAPH_URI: 'bolt://common:7687',
      CODENAV_MEMGRAPH_URI: 'bolt://ours:7687',
      REDIS_URL: 'redis://common:6379',
    };
    const config = serve(['--port', '6000', '--store', 'memgraph'], env);
    expect(config).toMatchObject({
      port: 6000,
      memgraphUri: 'bolt://ours:7687',
      redisUrl: 'redis://common:6379',
    });
    expect(serve(['--redis-url', 'redis://flag:1'], env).redisUrl).toBe('redis://flag:1');
  });

  it('treats an empty variable as unset, and only 1, true or yes as a yes for switches', () => {
    expect(serve([], { CODENAV_PORT: '', CODENAV_STORE: '' })).toMatchObject({ port: 4000, store: 'memory' });
    expect(serve([], { CODENAV_NO_WATCH: 'no' }).watch).toBe(true);
    expect(serve([], { CODENAV_NO_WATCH: 'YES' }).watch).toBe(false);
    expect(serve(['--no-watch']).watch).toBe(false);
  });

  it('accepts every log level and port 0 and 65535', () => {
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) {
      expect(serve(['--log-level', level]).logLevel).toBe(level);
    }
    expect(serve(['--port', '0']).port).toBe(0);
    expect(serve(['--port', '65535']).port).toBe(65535);
  });
});

describe('codenav serve: each flag says what is wrong with its value', () => {
  it.each([
    [['--port', 'abc'], '--port must be 0..65535, got "abc"'],
    [['--port', '65536'], '--port must be 0..65535, got "65536"'],
    [['--port=-1'], '--port must be 0..65535, got "-1"'],
    [['--port', '80.5'], '--port must be 0..65535, got "80.5"'],
    [['--store', 'neo4j'], '--store must be one of memory, memgraph, got "neo4j"'],
    [['--role', 'writer'], '--role must be one of all, api, indexer, got "writer"'],
    [
      ['--log-level', 'loud'],
      '--log-level must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    ],
    [['--memgraph-uri', 'http://db:7687'], '--memgraph-uri must be a bolt:// URI, got "http://db:7687"'],
    [['--redis-url', 'localhost:6379'], '--redis-url must be a redis:// URL, got "localhost:6379"'],
    [
      ['--project-id=-shop'],
      `--project-id must be 1..64 letters, digits, '.', '_' or '-' (starting with a letter or digit), got "-shop"`,
    ],
    [
      ['--project-id', 'shop{1}'],
      `--project-id must be 1..64 letters, digits, '.', '_' or '-' (starting with a letter or digit), got "shop{1}"`,
    ],
    [['--max-connections', '0'], '--max-connections must be a whole number of at least 1, got "0"'],
    [['--max-subscriptions', '1e3'], '--max-subscriptions must be a whole number of at least 1, got "1e3"'],
    [['--token', 'short'], '--token must be at least 16 characters (got 5); e.g. openssl rand -hex 24'],
    [['--prot', '1'], "codenav serve: unknown option '--prot' (see codenav serve --help)"],
    [['--port'], "codenav serve: option '--port <value>' argument missing (see codenav serve --help)"],
  ])('%j: %s', (argv, message) => {
    expect(usageError(() => serve(argv))).toBe(message);
  });

  it('says the same of a value from the environment', () => {
    expect(usageError(() => serve([], { CODENAV_PORT: 'x' }))).toBe('--port must be 0..65535, got "x"');
    expect(usageError(() => serve([], { REDIS_URL: 'nope' }))).toBe(
      '--redis-url must be a redis:// URL, got "nope"',
    );
  });

  it('cuts a long project id short in the message', () => {
    const message = usageError(() => serve(['--project-id', `${'x'.repeat(200)} y`]));
    expect(message).toContain(`got "${'x'.repeat(80)}"`);
    expect(message).not.toContain('x'.repeat(81));
  });

  it('refuses a directory that is missing, a file, or more than one', () => {
    const file = path.join(dir, 'file.txt');
    writeFileSync(file, '');
    expect(usageError(() => parseConfig(['serve', path.join(dir, 'nope')], {}))).toBe(
      `codenav serve: no such directory: ${path.join(dir, 'nope')}`,
    );
    expect(usageError(() => parseConfig(['serve', file], {}))).toBe(
      `codenav serve: not a directory: ${file}`,
    );
    expect(usageError(() => parseConfig(['serve', dir, dir], {}))).toBe(
      'codenav serve: expected one directory, got 2',
    );
  });
});

describe('codenav serve: combinations refused', () => {
  it.each([
    [['--store', 'memgraph'], '--store memgraph needs --memgraph-uri (or MEMGRAPH_URI)'],
    [
      ['--role', 'api'],
      '--role api needs --store memgraph and --redis-url: it reads a shared graph and learns of revisions through Redis',
    ],
    [
      ['--role', 'api', '--store', 'memgraph', '--memgraph-uri', 'bolt://db:7687'],
      '--role api needs --store memgraph and --redis-url: it reads a shared graph and learns of revisions through Redis',
    ],
    [
      ['--role', 'api', '--redis-url', 'redis://cache:6379'],
      '--role api needs --store memgraph and --redis-url: it reads a shared graph and learns of revisions through Redis',
    ],
    [['--role', 'indexer'], '--role indexer needs --store memgraph: API processes read the graph it writes'],
    [
      ['--host', '0.0.0.0'],
      '--host 0.0.0.0 is reachable from other machines: set --token (or CODENAV_TOKEN) to protect it',
    ],
    [['--public-read'], '--public-read needs --token: without a token every request is open already'],
  ])('%j: %s', (argv, message) => {
    expect(usageError(() => serve(argv))).toBe(message);
  });

  it('accepts each role with what it needs, and a public host with a token', () => {
    const shared = ['--store', 'memgraph', '--memgraph-uri', 'bolt://db:7687'];
    expect(serve(['--role', 'indexer', ...shared]).role).toBe('indexer');
    expect(serve(['--role', 'api', ...shared, '--redis-url', 'redis://cache:6379']).role).toBe('api');
    expect(serve(['--host', '0.0.0.0', '--token', TOKEN]).host).toBe('0.0.0.0');
    for (const host of ['localhost', '::1', '127.0.0.2']) expect(serve(['--host', host]).host).toBe(host);
  });
});

describe('codenav analyze, help and version', () => {
  it('reads the directory and --out or -o', () => {
    expect(parseConfig(['analyze', dir, '--out', 'graph.json'], {})).toEqual({
      command: 'analyze',
      dir,
      out: 'graph.json',
    } satisfies AnalyzeConfig);
    expect(parseConfig(['analyze', dir, '-o', '-'], {})).toMatchObject({ out: '-' });
    expect(parseConfig(['analyze', dir], {})).toMatchObject({ out: undefined });
  });

  it('refuses an empty --out and serve-only flags', () => {
    expect(usageError(() => parseConfig(['analyze', dir, '--out', ''], {}))).toBe(
      'codenav analyze: --out needs a file name',
    );
    expect(usageError(() => parseConfig(['analyze', dir, '--port', '1'], {}))).toBe(
      "codenav analyze: unknown option '--port' (see codenav analyze --help)",
    );
  });

  it('refuses an --out it could not write before analyzing: a missing folder, a file for a folder, a folder for the file', () => {
    const missing = path.join(dir, 'no', 'such', 'x.json');
    expect(usageError(() => parseConfig(['analyze', dir, '--out', missing], {}))).toBe(
      `codenav analyze: cannot write --out ${missing}: no such directory: ${path.join(dir, 'no', 'such')}`,
    );
    writeFileSync(path.join(dir, 'plain-file'), '');
    expect(
      usageError(() => parseConfig(['analyze', dir, '-o', path.join(dir, 'plain-file', 'x.json')], {})),
    ).toBe(
      `codenav analyze: cannot write --out ${path.join(dir, 'plain-file', 'x.json')}: not a directory: ${path.join(dir, 'plain-file')}`,
    );
    expect(usageError(() => parseConfig(['analyze', dir, '--out', dir], {}))).toBe(
      `codenav analyze: cannot write --out ${dir}: it is a directory`,
    );
    // A new file in a writable folder, and a file that exists, are fine.
    const fresh = path.join(dir, 'graph-out.json');
    expect(parseConfig(['analyze', dir, '--out', fresh], {})).toMatchObject({ out: fresh });
    writeFileSync(fresh, '{}');
    expect(parseConfig(['analyze', dir, '--out', fresh], {})).toMatchObject({ out: fresh });
  });

  it('answers help before validating anything else, and the version', () => {
    expect(parseConfig([], {})).toEqual({ command: 'help', text: HELP });
    expect(parseConfig(['serve', '--port', 'abc', '--help'], {})).toMatchObject({ command: 'help' });
    // After `--`, --help is a directory name like any other.
    expect(usageError(() => parseConfig(['serve', '--', '--help'], {}))).toBe(
      'codenav serve: no such directory: --help',
    );
    expect(parseConfig(['-v'], {})).toEqual({ command: 'version' });
    expect(usageError(() => parseConfig(['help', 'deploy'], {}))).toBe(
      'unknown command "deploy" (expected serve, mcp, analyze or impact; see codenav --help)',
    );
    expect(usageError(() => parseConfig(['--verbose'], {}))).toBe(
      "unknown option '--verbose' (see codenav --help)",
    );
  });
});
