import { createHash } from 'node:crypto';
import { accessSync, constants, realpathSync, type Stats, statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A problem with how codenav was invoked: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type StoreKind = 'memory' | 'memgraph';
export type Role = 'all' | 'api' | 'indexer';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** `codenav analyze [dir] --out FILE` */
export interface AnalyzeConfig {
  readonly command: 'analyze';
  /** The analyzed root, absolute. */
  readonly dir: string;
  /** Where to write the graph JSON; `-` for stdout; undefined for the summary only. */
  readonly out?: string;
}

/** `codenav impact [dir] --base REF [--depth N] [--json]` */
export interface ImpactConfig {
  readonly command: 'impact';
  /** The analyzed root, absolute (in a git work tree). */
  readonly dir: string;
  /** The git revision to compare the work tree with. */
  readonly base: string;
  /** How far dependents are followed, 1..10. @default 3 */
  readonly depth: number;
  /** Print the DiffImpact object as JSON instead of a summary. @default false */
  readonly json: boolean;
}

/** `codenav serve [dir]`: every flag also reads `CODENAV_<NAME>` from the environment. */
export interface ServeConfig {
  readonly command: 'serve';
  /** The analyzed root, absolute. */
  readonly dir: string;
  /** @default 4000; 0 picks a free port */
  readonly port: number;
  /** @default 127.0.0.1 */
  readonly host: string;
  /** @default memory */
  readonly store: StoreKind;
  /** Bolt URI of Memgraph (`--memgraph-uri`, `CODENAV_MEMGRAPH_URI`, `MEMGRAPH_URI`). */
  readonly memgraphUri?: string;
  /** Redis URL for cross-process events (`--redis-url`, `CODENAV_REDIS_URL`, `REDIS_URL`); absent = in-process. */
  readonly redisUrl?: string;
  /**
   * Names this project's keys and channels in Redis (`--project-id`, `CODENAV_PROJECT_ID`), so
   * servers of different projects share one Redis apart, and only one writer per project is
   * allowed. Give the indexer and API processes the same id when they see the project under
   * different paths.
   * @default derived from the analyzed root's real path: `<folder name>-<12 hex of its hash>`
   */
  readonly projectId: string;
  /** Watch the files and publish revisions. @default true */
  readonly watch: boolean;
  /** @default all */
  readonly role: Role;
  /**
   * Bearer token every request needs (but `/healthz` and `/readyz`); required when binding
   * beyond loopback. At least {@link MIN_TOKEN_LENGTH} characters, no spaces.
   */
  readonly token?: string;
  /** With a token: queries and subscriptions stay open to all, only mutations need it. @default false */
  readonly publicRead: boolean;
  /** Origins allowed by CORS and for WebSockets from browsers; empty = CORS off. */
  readonly corsOrigins: readonly string[];
  /**
   * Host names served besides loopback names and IP addresses (`Host` checks against DNS
   * rebinding); a leading dot allows the domain and its subdomains.
   */
  readonly allowedHosts: readonly string[];
  /**
   * Concurrent WebSocket connections, and as many SSE streams; sockets in all are capped at
   * twice this plus 1,000, lowered to fit the open-file limit (`maxSocketsFor` in
   * http-server.ts). @default 1000
   */
  readonly maxConnections: number;
  /** Operations at once on one WebSocket connection. @default 100 */
  readonly maxSubscriptions: number;
  /** @default info */
  readonly logLevel: LogLevel;
  /**
   * Where the embedded store keeps its snapshot (`--cache-dir`, `CODENAV_CACHE_DIR`); absent with
   * `--no-cache` (and by default when embedding: see {@link serveConfig}).
   * @default `$XDG_CACHE_HOME/codenav`, else `~/.cache/codenav`
   */
  readonly cacheDir?: string;
}

/**
 * `codenav mcp [dir]`: MCP on stdio, with the options of serve that apply (store, events,
 * watching, logging); nothing listens, so the HTTP options are refused.
 */
export interface McpConfig extends Omit<ServeConfig, 'command'> {
  readonly command: 'mcp';
}

export type Config =
  | AnalyzeConfig
  | ImpactConfig
  | ServeConfig
  | McpConfig
  | { readonly command: 'help'; readonly text: string }
  | { readonly command: 'version' };

/** A serve config with every default, for embedding codenav (tests, benchmarks); no validation. */
export function serveConfig(dir: string, overrides: Partial<Omit<ServeConfig, 'command'>> = {}): ServeConfig {
  return {
    command: 'serve',
    dir,
    port: 4000,
    host: '127.0.0.1',
    store: 'memory',
    projectId: projectIdFor(dir),
    watch: true,
    role: 'all',
    publicRead: false,
    corsOrigins: [],
    allowedHosts: [],
    maxConnections: 1000,
    maxSubscriptions: 100,
    logLevel: 'info',
    ...overrides,
  };
}

const SERVE_OPTIONS = `Options of serve (each also read from CODENAV_<NAME>, e.g. CODENAV_PORT):
  --port N            port to listen on (default 4000; 0 picks a free port)
  --host HOST         interface to bind (default 127.0.0.1)
  --store KIND        memory (default) or memgraph
  --memgraph-uri URI  Memgraph Bolt URI (also MEMGRAPH_URI), e.g. bolt://localhost:7687
  --redis-url URL     Redis URL for revisions across processes (also REDIS_URL); default in-process
  --project-id ID     names this project in Redis (default: from the analyzed folder's real path);
                      give the indexer and API processes the same id when their paths differ
  --no-watch          do not watch files for changes
  --role ROLE         all (default), indexer (analyze and write) or api (serve queries only)
  --token TOKEN       bearer token every request needs but /healthz and /readyz (at least 16
                      characters; required when --host is not loopback)
  --public-read       with --token: queries and subscriptions need no token, mutations do
  --cors-origin LIST  comma-separated origins allowed by CORS and WebSockets (default: none)
  --allowed-hosts LIST  host names served besides localhost and IP addresses (.example.com: and
                      its subdomains), against DNS rebinding
  --max-connections N   concurrent WebSocket connections, and SSE streams (default 1000);
                      open sockets in all: 2N + 1000 (less under a low ulimit -n), beyond which
                      a connection is closed at once
  --max-subscriptions N operations at once on one WebSocket (default 100)
  --log-level LEVEL   fatal, error, warn, info (default), debug, trace or silent
  --cache-dir DIR     where the in-memory store keeps its snapshot, for a quick restart
                      (default $XDG_CACHE_HOME/codenav, else ~/.cache/codenav)
  --no-cache          keep no snapshot: every start analyzes from scratch`;

const EXIT_CODES = 'Exit codes: 0 ok, 1 runtime failure, 2 bad usage.';

/** `codenav --help` */
export const HELP = `codenav — a live, type-checker-resolved code graph of a TypeScript/JavaScript project

Usage:
  codenav serve [dir]              analyze dir (default .), watch it, serve the GraphQL API and web UI
  codenav mcp [dir]                analyze dir, watch it, answer MCP (Model Context Protocol) on stdio
  codenav analyze [dir] --out FILE analyze dir once and write the graph as JSON (FILE - for stdout)
  codenav impact [dir] --base REF  what the changes since the git revision REF affect, and the tests to run
  codenav help [command]           show this help, or a command's

${SERVE_OPTIONS}

Other:
  -h, --help          show this help (codenav COMMAND --help: that command's)
  -v, --version       show the version

${EXIT_CODES}`;

/** `codenav serve --help` */
const SERVE_HELP = `Usage: codenav serve [dir] [options]

Analyzes dir (default .), watches it, and serves the web UI at / and the GraphQL API at /graphql.
Prints "codenav listening on http://HOST:PORT" once the port is bound.

${SERVE_OPTIONS}
  -h, --help          show this help

${EXIT_CODES}`;

/** Options of serve that only concern listening: `codenav mcp` refuses them. */
const HTTP_ONLY_OPTIONS = [
  'port',
  'host',
  'role',
  'token',
  'public-read',
  'cors-origin',
  'allowed-hosts',
  'max-connections',
  'max-subscriptions',
] as const;

/** `codenav mcp --help` */
const MCP_HELP = `Usage: codenav mcp [dir] [options]

Analyzes dir (default .), watches it, and answers the Model Context Protocol on stdin/stdout
(tools: search_symbols, get_symbol, find_callers, find_callees, impact, import_cycles,
unused_exports, find_path, changes_since, diff_impact; resource codenav://revision). Logs go to
stderr. codenav serve answers MCP over HTTP at /mcp instead.

Options of mcp: those of serve that do not concern listening (see codenav serve --help), e.g.
  --store, --memgraph-uri, --redis-url, --project-id, --no-watch, --log-level
  -h, --help          show this help

${EXIT_CODES}`;

/** `codenav analyze --help` */
const ANALYZE_HELP = `Usage: codenav analyze [dir] [--out FILE]

Analyzes dir (default .) once and prints a summary with counts and time.

Options of analyze:
  -o, --out FILE      write the graph as JSON, { "nodes": [...], "edges": [...] }; - for stdout
  -h, --help          show this help

${EXIT_CODES}`;

/** `codenav impact --help` */
const IMPACT_HELP = `Usage: codenav impact [dir] --base REF [--depth N] [--json]

Analyzes dir (default ., in a git work tree) once and compares it with the git revision REF:
the symbols that changed (added, removed, renamed, moved, re-signed, body changed), the code
that depends on them within N steps, and the test files among or reaching them. Only the
changed files' old text is read from git; the base is not analyzed.

Options of impact:
  --base REF          the git revision to compare with (a branch, tag, commit, HEAD~1…); required
  --depth N           how far dependents are followed, 1..10 (default 3)
  --json              print the DiffImpact object as JSON
  -h, --help          show this help

${EXIT_CODES}`;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Parses argv (without `node` and the script) and the environment into one validated Config. */
export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Config {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help') {
    return { command: 'help', text: HELP };
  }
  if (command === '-v' || command === '--version') return { command: 'version' };
  if (command === 'analyze')
    return asksForHelp(rest) ? { command: 'help', text: ANALYZE_HELP } : parseAnalyze(rest);
  if (command === 'impact')
    return asksForHelp(rest) ? { command: 'help', text: IMPACT_HELP } : parseImpact(rest);
  if (command === 'serve')
    return asksForHelp(rest) ? { command: 'help', text: SERVE_HELP } : parseServe(rest, env);
  if (command === 'mcp') return asksForHelp(rest) ? { command: 'help', text: MCP_HELP } : parseMcp(rest, env);
  if (command === 'help') {
    const text = rest[0] === undefined ? HELP : COMMAND_HELP[rest[0]];
    if (text === undefined) throw unknownCommand(rest[0]!);
    return { command: 'help', text };
  }
  if (command.startsWith('-')) throw new UsageError(`unknown option '${command}' (see codenav --help)`);
  throw unknownCommand(command);
}

const COMMAND_HELP: Readonly<Record<string, string>> = {
  serve: SERVE_HELP,
  analyze: ANALYZE_HELP,
  impact: IMPACT_HELP,
  mcp: MCP_HELP,
};

function unknownCommand(command: string): UsageError {
  return new UsageError(
    `unknown command "${command}" (expected serve, mcp, analyze or impact; see codenav --help)`,
  );
}

/** `-h` or `--help` anywhere before a `--`: help wins over every other argument, as in git or npm. */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '-h' || arg === '--help');
}

function parse(
  args: readonly string[],
  options: ParseArgsConfig['options'],
  command: string,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    // parseArgs says e.g. "Unknown option '--prot'. To specify a positional argument starting with a '-', …":
    // its first sentence is the line.
    const message = (error as Error).message.split('. ')[0] ?? String(error);
    throw new UsageError(
      `${command}: ${message.charAt(0).toLowerCase()}${message.slice(1)} (see ${command} --help)`,
    );
  }
}

function directory(positionals: readonly string[], command: string): string {
  if (positionals.length > 1)
    throw new UsageError(`${command}: expected one directory, got ${positionals.length}`);
  const dir = path.resolve(positionals[0] ?? '.');
  let isDirectory = false;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`${command}: no such directory: ${positionals[0] ?? '.'}`);
  }
  if (!isDirectory) throw new UsageError(`${command}: not a directory: ${positionals[0] ?? '.'}`);
  return dir;
}

function parseImpact(args: readonly string[]): ImpactConfig {
  const { values, positionals } = parse(
    args,
    { base: { type: 'string' }, depth: { type: 'string' }, json: { type: 'boolean' } },
    'codenav impact',
  );
  const base = values.base as string | undefined;
  if (base === undefined || base === '') throw new UsageError('codenav impact: --base REF is required');
  const depthText = (values.depth as string | undefined) ?? '3';
  const depth = Number(depthText);
  if (!/^\d+$/.test(depthText) || depth < 1 || depth > 10)
    throw new UsageError(`codenav impact: --depth must be 1..10, got "${depthText}"`);
  return {
    command: 'impact',
    dir: directory(positionals, 'codenav impact'),
    base,
    depth,
    json: values.json === true,
  };
}

function parseAnalyze(args: readonly string[]): AnalyzeConfig {
  const { values, positionals } = parse(args, { out: { type: 'string', short: 'o' } }, 'codenav analyze');
  if (values.out === '') throw new UsageError('codenav analyze: --out needs a file name');
  const dir = directory(positionals, 'codenav analyze');
  const out = values.out as string | undefined;
  if (out !== undefined && out !== '-') assertWritableOutput(out);
  return { command: 'analyze', dir, out };
}

/**
 * Refuses an `--out` file that could not be written, before the analysis (minutes on a large
 * project) rather than after it: its folder must exist and be writable, and it must not be a folder.
 */
function assertWritableOutput(out: string): void {
  const fail = (why: string) => {
    throw new UsageError(`codenav analyze: cannot write --out ${out}: ${why}`);
  };
  const file = path.resolve(out);
  const folder = path.dirname(file);
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    fail(`no such directory: ${path.dirname(out)}`);
  }
  if (!isFolder) fail(`not a directory: ${path.dirname(out)}`);
  let existing: Stats | undefined;
  try {
    existing = statSync(file);
  } catch {
    // Absent: it will be created in its folder.
  }
  if (existing?.isDirectory()) fail('it is a directory');
  try {
    accessSync(existing ? file : folder, constants.W_OK);
  } catch {
    fail(existing ? 'it is not writable' : `its directory ${path.dirname(out)} is not writable`);
  }
}

/** serve's parsing without the HTTP options, from the command line or the environment. */
function parseMcp(args: readonly string[], env: NodeJS.ProcessEnv): McpConfig {
  const end = args.indexOf('--');
  for (const arg of end === -1 ? args : args.slice(0, end)) {
    const name = /^--([a-z-]+)(=|$)/.exec(arg)?.[1];
    if (name !== undefined && (HTTP_ONLY_OPTIONS as readonly string[]).includes(name))
      throw new UsageError(
        `codenav mcp: --${name} concerns HTTP; mcp answers on stdio (codenav serve answers /mcp over HTTP)`,
      );
  }
  const httpEnv = new Set(
    HTTP_ONLY_OPTIONS.map((name) => `CODENAV_${name.toUpperCase().replaceAll('-', '_')}`),
  );
  const mcpEnv = Object.fromEntries(Object.entries(env).filter(([name]) => !httpEnv.has(name)));
  return { ...parseServe(args, mcpEnv, 'codenav mcp'), command: 'mcp' };
}

function parseServe(args: readonly string[], env: NodeJS.ProcessEnv, command = 'codenav serve'): ServeConfig {
  const { values, positionals } = parse(
    args,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      store: { type: 'string' },
      'memgraph-uri': { type: 'string' },
      'redis-url': { type: 'string' },
      'project-id': { type: 'string' },
      'no-watch': { type: 'boolean' },
      role: { type: 'string' },
      token: { type: 'string' },
      'public-read': { type: 'boolean' },
      'cors-origin': { type: 'string' },
      'allowed-hosts': { type: 'string' },
      'max-connections': { type: 'string' },
      'max-subscriptions': { type: 'string' },
      'log-level': { type: 'string' },
      'cache-dir': { type: 'string' },
      'no-cache': { type: 'boolean' },
    },
    command,
  );
  const flag = (name: string, ...envNames: string[]): string | undefined => {
    const value = values[name];
    if (typeof value === 'string') return value;
    for (const envName of [`CODENAV_${name.toUpperCase().replaceAll('-', '_')}`, ...envNames]) {
      const fromEnv = env[envName];
      if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
    }
    return undefined;
  };

  const portText = flag('port') ?? '4000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new UsageError(`--port must be 0..65535, got "${portText}"`);
  }
  const host = flag('host') ?? '127.0.0.1';
  const store = oneOf(flag('store') ?? 'memory', ['memory', 'memgraph'] as const, '--store');
  const role = oneOf(flag('role') ?? 'all', ['all', 'api', 'indexer'] as const, '--role');
  const logLevel = oneOf(flag('log-level') ?? 'info', LOG_LEVELS, '--log-level');
  const memgraphUri = flag('memgraph-uri', 'MEMGRAPH_URI');
  const redisUrl = flag('redis-url', 'REDIS_URL');
  const noWatch = values['no-watch'] === true || /^(1|true|yes)$/i.test(env.CODENAV_NO_WATCH ?? '');
  const publicRead = values['public-read'] === true || /^(1|true|yes)$/i.test(env.CODENAV_PUBLIC_READ ?? '');
  // An empty --token is a mistake to report, not "no token" (an empty CODENAV_TOKEN is unset).
  const token = typeof values.token === 'string' ? values.token : flag('token');
  if (token !== undefined) assertToken(token);
  if (publicRead && token === undefined) {
    throw new UsageError('--public-read needs --token: without a token every request is open already');
  }
  const maxConnections = positiveInteger(flag('max-connections') ?? '1000', '--max-connections');
  const maxSubscriptions = positiveInteger(flag('max-subscriptions') ?? '100', '--max-subscriptions');
  const projectId = flag('project-id');
  const noCache = values['no-cache'] === true || /^(1|true|yes)$/i.test(env.CODENAV_NO_CACHE ?? '');
  const cacheDirText = flag('cache-dir');
  if (cacheDirText !== undefined && cacheDirText.trim() === '')
    throw new UsageError('--cache-dir needs a folder (or --no-cache for none)');
  const cacheDir = noCache ? undefined : path.resolve(cacheDirText ?? defaultCacheDir(env));

  if (memgraphUri !== undefined && !/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s]+$/.test(memgraphUri)) {
    throw new UsageError(`--memgraph-uri must be a bolt:// URI, got "${memgraphUri}"`);
  }
  if (redisUrl !== undefined && !/^rediss?:\/\/[^\s]*$/.test(redisUrl)) {
    throw new UsageError(`--redis-url must be a redis:// URL, got "${redisUrl}"`);
  }
  if (projectId !== undefined && !PROJECT_ID.test(projectId)) {
    throw new UsageError(
      `--project-id must be 1..64 letters, digits, '.', '_' or '-' (starting with a letter or digit), got ${JSON.stringify(projectId.slice(0, 80))}`,
    );
  }
  if (store === 'memgraph' && memgraphUri === undefined) {
    throw new UsageError('--store memgraph needs --memgraph-uri (or MEMGRAPH_URI)');
  }
  if (role === 'api' && (store !== 'memgraph' || redisUrl === undefined)) {
    throw new UsageError(
      '--role api needs --store memgraph and --redis-url: it reads a shared graph and learns of revisions through Redis',
    );
  }
  if (role === 'indexer' && store !== 'memgraph') {
    throw new UsageError('--role indexer needs --store memgraph: API processes read the graph it writes');
  }
  if (!isLoopback(host) && token === undefined) {
    throw new UsageError(
      `--host ${host} is reachable from other machines: set --token (or CODENAV_TOKEN) to protect it`,
    );
  }
  const corsOrigins = list(flag('cors-origin'));
  const allowedHosts = list(flag('allowed-hosts')).map((name) => name.toLowerCase());
  for (const name of allowedHosts) {
    if (!/^\.?[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?$/.test(name)) {
      throw new UsageError(
        `--allowed-hosts takes host names without scheme or port (a leading dot for subdomains), got "${name}"`,
      );
    }
  }

  const dir = directory(positionals, command);
  return {
    command: 'serve',
    dir,
    port,
    host,
    store,
    memgraphUri,
    redisUrl,
    projectId: projectId ?? projectIdFor(dir),
    watch: !noWatch,
    role,
    token,
    publicRead,
    corsOrigins,
    allowedHosts,
    maxConnections,
    maxSubscriptions,
    logLevel,
    cacheDir,
  };
}

/** The shortest token accepted: shorter ones can be guessed. */
const MIN_TOKEN_LENGTH = 16;

/** Refuses a token that is empty, short, or not one header-safe word; never repeats it. */
function assertToken(token: string): void {
  if (token.trim() === '') throw new UsageError('--token is empty: give a secret of at least 16 characters');
  // What an HTTP header and a shell carry unchanged.
  if (!/^[!-~]+$/.test(token)) {
    throw new UsageError('--token must be printable ASCII without spaces');
  }
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new UsageError(
      `--token must be at least ${MIN_TOKEN_LENGTH} characters (got ${token.length}); e.g. openssl rand -hex 24`,
    );
  }
}

function positiveInteger(text: string, name: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || !Number.isSafeInteger(value)) {
    throw new UsageError(`${name} must be a whole number of at least 1, got "${text}"`);
  }
  return value;
}

function list(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

const PROJECT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The default project id of an analyzed root: its folder name (for people reading Redis keys)
 * and a hash of its real path (so two checkouts named alike differ, and a symlinked path names
 * the same project as its target).
 */
export function projectIdFor(dir: string): string {
  const real = realpathSync.native(dir);
  const name = path
    .basename(real)
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 40);
  const hash = createHash('sha256').update(real).digest('hex').slice(0, 12);
  return `${name || 'root'}-${hash}`;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], name: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  }
  return value as T;
}

/** The default cache folder: `$XDG_CACHE_HOME/codenav`, else `~/.cache/codenav`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  // The XDG spec: a relative value is invalid and ignored.
  if (xdg !== undefined && xdg !== '' && path.isAbsolute(xdg)) return path.join(xdg, 'codenav');
  return path.join(homedir(), '.cache', 'codenav');
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
