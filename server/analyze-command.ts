import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { type AnalysisProgress, Analyzer } from './analysis/index.ts';
import type { AnalyzeConfig } from './config.ts';
import type { GraphEdge, GraphNode } from './model/index.ts';

/**
 * `codenav analyze`: analyze once, write `{ "nodes": [...], "edges": [...] }`, print a
 * summary with counts and time (progress on a TTY).
 */
export async function runAnalyze(
  config: AnalyzeConfig,
  stderr: NodeJS.WriteStream = process.stderr,
): Promise<void> {
  const tty = stderr.isTTY === true;
  const analyzer = new Analyzer({ root: config.dir });
  const summary = analyzer.analyze({
    onProgress: tty ? (p) => stderr.write(`\r${progressLine(p)}\u001b[K`) : undefined,
  });
  if (tty) stderr.write('\r\u001b[K');
  const graph = analyzer.graph();
  if (config.out !== undefined) {
    try {
      await writeGraph(graph, config.out);
    } catch (error) {
      // `--out - | head`: the reader has what it wanted and went away. Like `cat` or `git log`
      // cut short by SIGPIPE, that ends the command quietly; but exit 0, not 141, so that a
      // pipeline under `set -o pipefail` does not fail for it (docs/ARCHITECTURE.md).
      if (config.out === '-' && isClosedPipe(error)) return;
      throw error;
    }
  }

  const nodeCounts = countBy(graph.nodes, (n) => n.kind);
  const edgeCounts = countBy(graph.edges, (e) => e.type);
  const unanalyzed = summary.unanalyzed?.message;
  const lines = [
    `analyzed ${summary.files} files in ${(summary.durationMs / 1000).toFixed(1)} s: ${graph.nodes.length} nodes, ${graph.edges.length} edges`,
    ...(unanalyzed ? [`  ${unanalyzed}`] : []),
    `  nodes: ${format(nodeCounts)}`,
    `  edges: ${format(edgeCounts)}`,
    ...summary.problems.map((p) => `  config: ${p}`),
  ];
  if (config.out !== undefined && config.out !== '-') lines.push(`  wrote ${config.out}`);
  stderr.write(`${lines.join('\n')}\n`);
}

function progressLine(p: AnalysisProgress): string {
  const phase = p.phase.toLowerCase();
  return p.filesTotal > 0
    ? `analyzing: ${phase} ${p.filesDone}/${p.filesTotal} files`
    : `analyzing: ${phase}…`;
}

/** Streams the JSON so that a large graph never becomes one huge string. */
async function writeGraph(graph: { nodes: GraphNode[]; edges: GraphEdge[] }, out: string): Promise<void> {
  const stream: NodeJS.WritableStream = out === '-' ? process.stdout : createWriteStream(out);
  // Each write waits for its callback, which brings its failure (EPIPE on stdout, ENOSPC on a
  // file) to that write and holds the next until this one is out (chunks are large). The stream
  // also emits the failure as 'error': without a listener that would end the process.
  stream.on('error', () => {});
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => {
      stream.write(text, (error) => (error ? reject(error) : resolve()));
    });
  const writeList = async (items: readonly unknown[]) => {
    for (let i = 0; i < items.length; i += 1000) {
      const chunk = items.slice(i, i + 1000).map((item) => JSON.stringify(item));
      await write(`${i === 0 ? '\n' : ',\n'}${chunk.join(',\n')}`);
    }
  };
  await write('{"nodes":[');
  await writeList(graph.nodes);
  await write('\n],"edges":[');
  await writeList(graph.edges);
  await write('\n]}\n');
  if (out !== '-') {
    const file = stream as WriteStream;
    file.end();
    await once(file, 'close');
  }
}

/** The error of writing to a pipe whose reader has closed it. */
function isClosedPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function format(counts: Map<string, number>): string {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}
