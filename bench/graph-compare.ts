/**
 * Does a change to the analyzer leave the graph as it was? Analyzes the effect and rxjs corpora
 * with the analyzer in this tree and writes each graph as sorted lines — every node with its
 * kind and properties, every edge with its properties (`hash` and the rest included) — or
 * compares them with lines written before, printing the difference.
 *
 *   npx tsx bench/graph-compare.ts record DIR [effect|rxjs …]    write DIR/<corpus>.graph.txt
 *   npx tsx bench/graph-compare.ts compare DIR [effect|rxjs …]   exit 1 when any line differs
 *
 * Record on the commit before a change (a `git worktree` of it), compare on the commit after.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Analyzer } from '../server/analysis/index.ts';
import { type CorpusName, ensureCorpus, parseCorpusName } from './corpora.ts';

/** The graph of a corpus as sorted lines, one per node and per edge. */
export async function graphLines(name: CorpusName): Promise<string[]> {
  const corpus = await ensureCorpus(name);
  const analyzer = new Analyzer({ root: corpus.root });
  analyzer.analyze();
  const { nodes, edges } = analyzer.graph();
  const lines = [
    ...nodes.map((n) => `node ${n.key} ${n.kind} ${JSON.stringify(n.props)}`),
    ...edges.map((e) => `edge ${e.type} ${e.from} -> ${e.to} ${JSON.stringify(e.props)}`),
  ];
  return lines.sort();
}

/** Lines only in `before` (`-`) and only in `after` (`+`), both sorted. */
export function diffLines(before: readonly string[], after: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const a = before[i];
    const b = after[j];
    if (a !== undefined && a === b) {
      i++;
      j++;
    } else if (b === undefined || (a !== undefined && a < b)) {
      out.push(`- ${a}`);
      i++;
    } else {
      out.push(`+ ${b}`);
      j++;
    }
  }
  return out;
}

async function main(args: string[]): Promise<number> {
  const [mode, dir, ...names] = args;
  if ((mode !== 'record' && mode !== 'compare') || !dir) {
    process.stderr.write('usage: graph-compare.ts record|compare DIR [effect|rxjs …]\n');
    return 2;
  }
  const corpora = names.length > 0 ? names.map(parseCorpusName) : (['effect', 'rxjs'] as const);
  mkdirSync(dir, { recursive: true });
  let differ = false;
  for (const name of corpora) {
    const lines = await graphLines(name);
    const file = path.join(dir, `${name}.graph.txt`);
    if (mode === 'record') {
      writeFileSync(file, `${lines.join('\n')}\n`);
      process.stdout.write(`${name}: ${lines.length} lines written to ${file}\n`);
      continue;
    }
    const before = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const diff = diffLines(before, lines);
    differ ||= diff.length > 0;
    process.stdout.write(
      `${name}: ${before.length} lines before, ${lines.length} now, ${diff.length} differ${diff.length > 0 ? ':' : ' (identical)'}\n`,
    );
    for (const line of diff.slice(0, 40)) process.stdout.write(`  ${line.slice(0, 300)}\n`);
  }
  return differ ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
