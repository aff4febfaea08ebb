/**
 * API benchmark: autocannon (100 connections) against codenav serving effect's graph —
 * a symbol search with callers, and `callees(depth: 3)` of a busy function — and against a
 * bare Yoga answering `{ __typename }`, in the same run. Servers run in their own processes.
 *
 *   npx tsx bench/api.ts [graph.json] [--seconds N]
 *
 * Targets: our reads ≥ 50 % of the bare server's requests/s; p99 ≤ 2× the bare p99.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import type { GraphEdge } from '../server/model/index.ts';
import { type CorpusName, ensureCorpus } from './corpora.ts';
import { measureCommand } from './measure.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));

export interface LoadResult {
  readonly name: string;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
}

/** A corpus's graph as `codenav analyze --out` writes it (made once, then cached). */
export async function corpusGraphFile(name: CorpusName): Promise<string> {
  const cached = fileURLToPath(new URL(`../.cache/bench/${name}-graph.json`, import.meta.url));
  if (existsSync(cached)) return cached;
  mkdirSync(dirname(cached), { recursive: true });
  const corpus = await ensureCorpus(name);
  const run = await measureCommand(process.execPath, [
    fileURLToPath(new URL('../bin/codenav.mjs', import.meta.url)),
    'analyze',
    corpus.root,
    '--out',
    cached,
  ]);
  if (run.exitCode !== 0) throw new Error(`codenav analyze failed: ${run.stderr}`);
  return cached;
}

/** effect's graph as `codenav analyze --out` writes it (made once, then cached). */
export const effectGraphFile = (): Promise<string> => corpusGraphFile('effect');

/** Starts `api-server.ts` with these arguments in its own process; resolves with its URL. */
export async function startProcess(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', `${HERE}api-server.ts`, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, child };
}

/** A fixed query, or a function of the request's number (a different query each time). */
type QuerySource = string | ((n: number) => string);

function load(name: string, url: string, query: QuerySource, seconds: number): Promise<LoadResult> {
  let n = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${url}/graphql`,
        method: 'POST',
        connections: 100,
        duration: seconds,
        headers: { 'content-type': 'application/json' },
        ...(typeof query === 'string'
          ? { body: JSON.stringify({ query }) }
          : {
              requests: [
                { setupRequest: (request) => ({ ...request, body: JSON.stringify({ query: query(n++) }) }) },
              ],
            }),
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          name,
          requestsPerSecond: result.requests.average,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          errors: result.errors + result.non2xx,
        });
      },
    );
  });
}

/** The node with the most outgoing CALLS: a busy function. */
function busiest(graphFile: string): string {
  const { edges } = JSON.parse(readFileSync(graphFile, 'utf8')) as { edges: GraphEdge[] };
  const counts = new Map<string, number>();
  for (const edge of edges)
    if (edge.type === 'CALLS') counts.set(edge.from, (counts.get(edge.from) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

export async function benchApi(
  options: { graphFile?: string; seconds?: number } = {},
): Promise<LoadResult[]> {
  const graphFile = options.graphFile ?? (await effectGraphFile());
  const seconds = options.seconds ?? 10;
  const busy = busiest(graphFile);
  const results: LoadResult[] = [];
  const bare = await startProcess(['bare']);
  try {
    await load('warm-up', bare.url, '{ __typename }', 2);
    results.push(await load('bare Yoga { __typename }', bare.url, '{ __typename }', seconds));
  } finally {
    bare.child.kill();
  }
  const ours = await startProcess(['codenav', graphFile]);
  try {
    const search =
      'query { symbols(query: "map", first: 20) { totalCount edges { node { key name callers { key } } } } }';
    const callees = `query { codeNode(key: ${JSON.stringify(busy)}) { ... on CodeSymbol { callees(depth: 3) { key } } } }`;
    await load('warm-up', ours.url, search, 2);
    results.push(await load('symbols(query, first: 20) with callers', ours.url, search, seconds));
    results.push(await load(`callees(depth: 3) of ${busy}`, ours.url, callees, seconds));
    // Every request different: nothing from the response cache, each one parsed and executed.
    const prefixes = ['map', 'get', 'make', 'flat', 'from', 'to', 'is', 'with', 'run', 'set'];
    results.push(
      await load(
        'symbols with callers, a different query each request (uncached)',
        ours.url,
        (i) =>
          `query Q${i} { symbols(query: "${prefixes[i % prefixes.length]}", first: 20) { totalCount edges { node { key name callers { key } } } } }`,
        seconds,
      ),
    );
  } finally {
    ours.child.kill();
  }
  const base = results[0]!;
  for (const r of results) {
    process.stdout.write(
      `${r.name}: ${r.requestsPerSecond.toFixed(0)} req/s (${((100 * r.requestsPerSecond) / base.requestsPerSecond).toFixed(0)} % of bare), p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms (${(r.p99Ms / base.p99Ms).toFixed(2)}× bare), errors ${r.errors}\n`,
    );
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const seconds = args.includes('--seconds') ? Number(args[args.indexOf('--seconds') + 1]) : undefined;
  await benchApi({ graphFile: args.find((a) => a.endsWith('.json')), seconds });
}
