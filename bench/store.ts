/**
 * Store benchmark: how fast the memory store takes a whole graph and answers the reads the
 * API makes most. Run on the analyzer's output, or on a synthetic graph without one:
 *
 *   npx tsx --expose-gc bench/store.ts [graph.json]
 *
 * (`--expose-gc` lets the memory figures exclude garbage.) Targets: apply ≤ 3 s, each read
 * p99 ≤ 5 ms.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMemoryStore } from '../server/graph/memory/memory-store.ts';
import type { GraphStore } from '../server/graph/port.ts';
import type { Change, EdgeType, GraphEdge, GraphNode, NodeKind } from '../server/model/index.ts';
import { summarize } from './measure.ts';

/** A graph as `codenav analyze --out` writes it. */
export interface GraphFile {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/** Latency of one kind of read, in milliseconds. */
export interface ReadLatency {
  readonly iterations: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** What one call returned on average (nodes found, reached or matched). */
  readonly meanResults: number;
}

export interface StoreBenchResult {
  readonly nodes: number;
  readonly edges: number;
  /** Applying the whole graph as one change set into an empty store. */
  readonly applyMs: number;
  /**
   * CPU time of the process during the apply, garbage collector threads included: on a busy
   * machine wall time also counts waiting for a core.
   */
  readonly applyCpuMs: number;
  /** Heap and RSS growth from the apply, in MiB (garbage excluded when `gc` is exposed). */
  readonly heapDeltaMb: number;
  readonly rssDeltaMb: number;
  readonly gcExposed: boolean;
  /** `getNodes` of 100 random keys. */
  readonly getNodes: ReadLatency;
  /** `traverse` OUT over CALLS to depth 3 from the node with the most outgoing calls. */
  readonly traverse: ReadLatency & { readonly from: string };
  /** `findNodes` by a 3-letter prefix of a real name (first page of 50). */
  readonly findNodes: ReadLatency;
}

export interface StoreBenchOptions {
  /** Calls per read. @default 1000 */
  readonly iterations?: number;
  /** Where the table goes. @default console.log */
  readonly print?: (line: string) => void;
  /** An empty store to measure instead of a new memory store; left open. */
  readonly store?: GraphStore;
  /** What the table calls the store. @default 'memory store' */
  readonly name?: string;
}

const MB = 1024 * 1024;

/** Seeded PRNG (mulberry32): the same run picks the same keys and prefixes. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return gc !== undefined;
}

async function time<T>(
  iterations: number,
  call: (i: number) => Promise<T>,
  count: (result: T) => number,
): Promise<ReadLatency> {
  for (let i = 0; i < Math.min(50, iterations); i += 1) await call(i); // warm up the JIT
  const samples: number[] = [];
  let results = 0;
  for (let i = 0; i < iterations; i += 1) {
    const start = performance.now();
    const result = await call(i);
    samples.push(performance.now() - start);
    results += count(result);
  }
  const summary = summarize(samples);
  return {
    iterations,
    p50Ms: summary.p50,
    p99Ms: summary.p99,
    maxMs: summary.max,
    meanResults: results / iterations,
  };
}

/**
 * Applies `graph` into an empty store (a fresh memory store unless `options.store` is given)
 * and measures the API's most frequent reads.
 */
export async function benchStore(
  graph: GraphFile,
  options: StoreBenchOptions = {},
): Promise<StoreBenchResult> {
  const iterations = options.iterations ?? 1000;
  const print = options.print ?? console.log;
  const rand = random(42);
  const store = options.store ?? createMemoryStore();
  // `analyze --out` may leave out empty props; copy only those records.
  const changes: Change[] = [
    ...graph.nodes.map(
      (node): Change => ({ op: 'NODE_ADDED', node: node.props ? node : { ...node, props: {} } }),
    ),
    ...graph.edges.map(
      (edge): Change => ({ op: 'EDGE_ADDED', edge: edge.props ? edge : { ...edge, props: {} } }),
    ),
  ];

  const gcExposed = collectGarbage();
  const before = process.memoryUsage();
  const applyStart = performance.now();
  const cpuStart = process.cpuUsage();
  await store.apply({ files: [], changes });
  const applyMs = performance.now() - applyStart;
  const cpu = process.cpuUsage(cpuStart);
  collectGarbage();
  const after = process.memoryUsage();

  const keys = graph.nodes.map((node) => node.key);
  const outCalls = new Map<string, number>();
  for (const edge of graph.edges)
    if (edge.type === 'CALLS') outCalls.set(edge.from, (outCalls.get(edge.from) ?? 0) + 1);
  const busiest = [...outCalls].reduce((best, entry) => (entry[1] > best[1] ? entry : best), ['', -1])[0];
  const names = graph.nodes
    .map((node) => node.props?.name)
    .filter((n): n is string => typeof n === 'string' && n.length >= 3);
  const prefixes = Array.from({ length: 200 }, () => names[Math.floor(rand() * names.length)]!.slice(0, 3));
  const batches = Array.from({ length: 200 }, () =>
    Array.from({ length: 100 }, () => keys[Math.floor(rand() * keys.length)]!),
  );

  const getNodes = await time(
    iterations,
    (i) => store.getNodes(batches[i % batches.length]!),
    (found) => found.filter(Boolean).length,
  );
  const traverse = await time(
    iterations,
    () => store.traverse([busiest], { direction: 'OUT', types: ['CALLS'], maxDepth: 3 }),
    (reached) => reached.length,
  );
  const findNodes = await time(
    iterations,
    (i) => store.findNodes({ text: prefixes[i % prefixes.length]! }, { first: 50 }),
    (page) => page.totalCount,
  );
  if (!options.store) await store.close();

  const result: StoreBenchResult = {
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    applyMs,
    applyCpuMs: (cpu.user + cpu.system) / 1000,
    heapDeltaMb: (after.heapUsed - before.heapUsed) / MB,
    rssDeltaMb: (after.rss - before.rss) / MB,
    gcExposed,
    getNodes,
    traverse: { ...traverse, from: busiest },
    findNodes,
  };
  printTable(result, options.name ?? 'memory store', print);
  return result;
}

function printTable(r: StoreBenchResult, name: string, print: (line: string) => void): void {
  const ms = (n: number) => n.toFixed(3).padStart(8);
  print(`${name}: ${r.nodes} nodes, ${r.edges} edges`);
  print(
    `apply: ${r.applyMs.toFixed(0)} ms (target ≤ 3000; cpu ${r.applyCpuMs.toFixed(0)} ms)  heap +${r.heapDeltaMb.toFixed(0)} MiB  rss +${r.rssDeltaMb.toFixed(0)} MiB` +
      (r.gcExposed ? '' : '  (run with --expose-gc to exclude garbage)'),
  );
  print('read                               p50 ms   p99 ms   max ms  mean results  (target p99 ≤ 5)');
  const row = (label: string, t: ReadLatency) =>
    print(
      `${label.padEnd(32)} ${ms(t.p50Ms)} ${ms(t.p99Ms)} ${ms(t.maxMs)} ${t.meanResults.toFixed(1).padStart(13)}`,
    );
  row('getNodes (100 keys)', r.getNodes);
  row('traverse OUT CALLS depth 3', r.traverse);
  row('findNodes 3-letter prefix', r.findNodes);
}

const VERBS = ['get', 'set', 'parse', 'load', 'make', 'build', 'read', 'write', 'find', 'update'];
const MORE_VERBS = [
  'create',
  'remove',
  'handle',
  'render',
  'fetch',
  'resolve',
  'validate',
  'format',
  'emit',
  'map',
];
const NOUNS = ['User', 'Config', 'Node', 'Graph', 'File', 'Path', 'Token', 'Event', 'Cache', 'Stream'];
const MORE_NOUNS = [
  'Request',
  'Response',
  'Schema',
  'Type',
  'Value',
  'Error',
  'Queue',
  'Store',
  'Index',
  'Layer',
];
const ALL_VERBS = [...VERBS, ...MORE_VERBS];
const ALL_NOUNS = [...NOUNS, ...MORE_NOUNS, 'Effect', 'Fiber', 'Scope', 'Option', 'Either', 'Context'];

/**
 * A graph shaped like a large TypeScript project: `files` files of 24 symbols each (functions,
 * classes with methods, interfaces, variables, a type alias), containment, five imports per
 * file, calls mostly to nearby files plus a few busy utility functions, references to types.
 * @default 6250 files: 150k nodes and about 400k edges.
 */
export function syntheticGraph(files = 6250, seed = 7): GraphFile {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const callablesOf: string[][] = [];
  const typesOf: string[][] = [];
  const add = (key: string, kind: NodeKind, props: GraphNode['props']) => nodes.push({ key, kind, props });
  const link = (type: EdgeType, from: string, to: string, props: GraphEdge['props'] = {}) =>
    edges.push({ type, from, to, props });
  const name = () => `${pick(ALL_VERBS)}${pick(ALL_NOUNS)}${rand() < 0.5 ? pick(ALL_NOUNS) : ''}`;

  const pathOf = (f: number) => `src/pkg${f % 60}/module${f}.ts`;
  for (let f = 0; f < files; f += 1) {
    const path = pathOf(f);
    add(path, 'FILE', { path, language: 'ts', lines: 200 });
    const callables: string[] = [];
    const top = (kind: NodeKind, symbolName: string) => {
      const key = `${path}#${symbolName}`;
      add(key, kind, {
        name: symbolName,
        qualifiedName: symbolName,
        path,
        exported: rand() < 0.7,
        startLine: 1,
      });
      link('CONTAINS', path, key);
      return key;
    };
    for (let i = 0; i < 6; i += 1) callables.push(top('FUNCTION', `${name()}${i}`));
    for (let c = 0; c < 2; c += 1) {
      const className = `${pick(ALL_NOUNS)}${pick(['Service', 'Builder', 'Parser', 'Handler'])}${c}`;
      const classKey = top('CLASS', className);
      for (let m = 0; m < 5; m += 1) {
        const member = `${pick(ALL_VERBS)}${pick(ALL_NOUNS)}`;
        const key = `${classKey}.${member}${m}`;
        add(key, 'METHOD', {
          name: `${member}${m}`,
          qualifiedName: `${className}.${member}${m}`,
          path,
          exported: false,
        });
        link('CONTAINS', classKey, key);
        callables.push(key);
      }
    }
    typesOf.push([
      top('INTERFACE', `${pick(ALL_NOUNS)}Options`),
      top('INTERFACE', `${pick(ALL_NOUNS)}Like`),
      top('TYPE_ALIAS', `${pick(ALL_NOUNS)}Id`),
    ]);
    top('VARIABLE', `default${pick(ALL_NOUNS)}`);
    top('VARIABLE', `${pick(ALL_NOUNS).toUpperCase()}_LIMIT`);
    callablesOf.push(callables);
  }
  for (let e = 0; e < 150; e += 1) {
    nodes.push({ key: `npm:package-${e}`, kind: 'EXTERNAL_MODULE', props: { name: `package-${e}` } });
  }

  const near = (f: number) => Math.min(files - 1, Math.max(0, f + Math.floor((rand() - 0.5) * 100)));
  const utilities = Array.from({ length: 50 }, () => pick(callablesOf[Math.floor(rand() * files)]!));
  for (let f = 0; f < files; f += 1) {
    const path = pathOf(f);
    const imported = new Set<string>();
    for (let i = 0; i < 4; i += 1) imported.add(pathOf(near(f)));
    imported.delete(path);
    for (const target of imported) link('IMPORTS', path, target, { names: [name()], typeOnly: rand() < 0.2 });
    link('IMPORTS', path, `npm:package-${Math.floor(rand() * 150)}`, { names: ['default'], typeOnly: false });

    for (const caller of callablesOf[f]!) {
      const calls = new Set<string>();
      const count = f % 100 === 0 && caller === callablesOf[f]![0] ? 40 : 1 + Math.floor(rand() * 3);
      for (let i = 0; i < count; i += 1) {
        calls.add(rand() < 0.1 ? pick(utilities) : pick(callablesOf[near(f)]!));
      }
      calls.delete(caller);
      for (const callee of calls) link('CALLS', caller, callee, { count: 1, line: 10 });
    }
    for (const fn of callablesOf[f]!.slice(0, 6)) link('REFERENCES', fn, pick(typesOf[near(f)]!));
  }
  return { nodes, edges };
}

/** Reads a graph file as `codenav analyze --out` writes it. */
export function loadGraph(path: string): GraphFile {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as GraphFile;
  if (!Array.isArray(parsed.nodes) || !Array.isArray(parsed.edges)) {
    throw new Error(`${path} is not a graph file: expected {"nodes": [...], "edges": [...]}`);
  }
  return parsed;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const path = process.argv[2];
  const graph = path ? loadGraph(path) : syntheticGraph();
  if (!path) console.log('no graph file given: using a synthetic graph');
  await benchStore(graph);
}
