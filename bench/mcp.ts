/**
 * MCP benchmark: the latency of a tool call over Streamable HTTP (the SDK's own client, one
 * session) next to the same question over GraphQL (a POST to /graphql), on one codenav server
 * holding rxjs's graph (no analysis running). Calls alternate MCP / GraphQL, one at a time, with
 * a different key or search text each round, so that both see the same machine. The GraphQL
 * queries also select `analysis` (which every tool answer carries): that keeps them out of the
 * response cache, so both sides execute every question.
 *
 *   npx tsx bench/mcp.ts [graph.json] [--rounds N]
 *
 * Target: MCP's median within 1.5× GraphQL's for the same question.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { GraphEdge } from '../server/model/index.ts';
import { corpusGraphFile, startProcess } from './api.ts';
import { ensureCorpus } from './corpora.ts';
import { percentile } from './measure.ts';

/** One question, asked both ways for round `i`. */
interface Question {
  readonly name: string;
  mcp(i: number): { name: string; arguments: Record<string, unknown> };
  graphql(i: number): string;
}

/** The `count` functions with the most incoming calls: callers worth walking. */
function busyCallees(graphFile: string, count: number): string[] {
  const { edges } = JSON.parse(readFileSync(graphFile, 'utf8')) as { edges: GraphEdge[] };
  const counts = new Map<string, number>();
  for (const edge of edges) if (edge.type === 'CALLS') counts.set(edge.to, (counts.get(edge.to) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key]) => key);
}

const SYMBOL_FIELDS = 'key kind name signature file { path } range { startLine }';
const PREFIXES = ['map', 'sub', 'from', 'merge', 'switch', 'concat', 'take', 'filter', 'pipe', 'share'];

export async function benchMcp(options: { graphFile?: string; rounds?: number } = {}): Promise<void> {
  const graphFile = options.graphFile ?? (await corpusGraphFile('rxjs'));
  const rounds = options.rounds ?? 300;
  const busy = busyCallees(graphFile, 50);
  const questions: Question[] = [
    {
      name: 'search_symbols (query, first: 20)',
      mcp: (i) => ({
        name: 'search_symbols',
        arguments: { query: PREFIXES[i % PREFIXES.length], first: 20 },
      }),
      graphql: (i) =>
        `{ analysis { state filesDone filesTotal } symbols(query: ${JSON.stringify(PREFIXES[i % PREFIXES.length])}, first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${SYMBOL_FIELDS} } } } }`,
    },
    {
      name: 'find_callers (depth: 2) of a busy function',
      mcp: (i) => ({ name: 'find_callers', arguments: { key: busy[i % busy.length], depth: 2 } }),
      graphql: (i) =>
        `{ analysis { state filesDone filesTotal } codeNode(key: ${JSON.stringify(busy[i % busy.length])}) { key ... on CodeSymbol { callers(depth: 2) { ${SYMBOL_FIELDS} } } } }`,
    },
    {
      name: 'impact (depth: 3) of a busy function',
      mcp: (i) => ({ name: 'impact', arguments: { keys: [busy[i % busy.length]], depth: 3 } }),
      graphql: (i) =>
        `{ analysis { state filesDone filesTotal } impact(keys: [${JSON.stringify(busy[i % busy.length])}], depth: 3) { depth node { key kind name ... on CodeSymbol { signature file { path } range { startLine } } } } }`,
    },
  ];

  const corpus = await ensureCorpus('rxjs');
  const server = await startProcess(['codenav', graphFile, corpus.root]);
  const client = new Client({ name: 'codenav-bench', version: '1.0.0' });
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
    const askMcp = async (call: { name: string; arguments: Record<string, unknown> }) => {
      const result = await client.callTool(call);
      if (result.isError) throw new Error(`${call.name}: ${JSON.stringify(result.content)}`);
    };
    const askGraphql = async (query: string) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    };
    const time = async (ask: () => Promise<void>) => {
      const started = performance.now();
      await ask();
      return performance.now() - started;
    };
    for (const question of questions) {
      // Warm-up: JIT, the first loads of each path.
      for (let i = 0; i < 20; i++) {
        await askMcp(question.mcp(i));
        await askGraphql(question.graphql(i));
      }
      const mcpMs: number[] = [];
      const graphqlMs: number[] = [];
      for (let i = 0; i < rounds; i++) {
        // Alternate which goes first, so that neither always follows the other's garbage.
        if (i % 2 === 0) {
          mcpMs.push(await time(() => askMcp(question.mcp(i))));
          graphqlMs.push(await time(() => askGraphql(question.graphql(i))));
        } else {
          graphqlMs.push(await time(() => askGraphql(question.graphql(i))));
          mcpMs.push(await time(() => askMcp(question.mcp(i))));
        }
      }
      const p50 = (list: number[]) => percentile(list, 50);
      const p90 = (list: number[]) => percentile(list, 90);
      process.stdout.write(
        `${question.name}: MCP p50 ${p50(mcpMs).toFixed(2)} ms, p90 ${p90(mcpMs).toFixed(2)} ms; ` +
          `GraphQL p50 ${p50(graphqlMs).toFixed(2)} ms, p90 ${p90(graphqlMs).toFixed(2)} ms; ` +
          `MCP/GraphQL ${(p50(mcpMs) / p50(graphqlMs)).toFixed(2)}× at p50 (target ≤ 1.5×), ${rounds} rounds\n`,
      );
    }
  } finally {
    await client.close().catch(() => undefined);
    server.child.kill();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : undefined;
  await benchMcp({ graphFile: args.find((a) => a.endsWith('.json')), rounds });
}
