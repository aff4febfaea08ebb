/**
 * Analysis benchmark: codenav's full analysis of effect 4.1.0's sources against `tsc --noEmit`
 * on the same tsconfig in the same run (wall time, peak RSS), then the median time of a
 * one-file `update()` after a body edit, and the agreement of our file→file IMPORTS with
 * dependency-cruiser's on effect and rxjs.
 *
 *   npx tsx bench/analysis.ts [--runs N] [--updates N] [--skip-tsc]
 *
 * Targets: full graph ≤ 0.8× tsc's wall time and ≤ 1.6 GB peak RSS; update ≤ 150 ms median.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Analyzer } from '../server/analysis/index.ts';
import { insertInFirstBody } from './body-edit.ts';
import { type CorpusName, ensureCorpus } from './corpora.ts';
import { compareEdges, depcruiseEdges, graphImportEdges } from './depcruise-compare.ts';
import { measureCommand, summarize } from './measure.ts';
import { tscBaseline } from './tsc-baseline.ts';

const CLI = fileURLToPath(new URL('../bin/codenav.mjs', import.meta.url));

export interface AnalysisBenchResult {
  readonly files: number;
  readonly lines: number;
  readonly ours: { readonly wallMs: number; readonly peakRssMb: number };
  readonly tsc?: { readonly wallMs: number; readonly peakRssMb: number };
  readonly update: {
    readonly samples: number;
    readonly p50Ms: number;
    readonly p95Ms: number;
    readonly maxMs: number;
  };
  readonly agreement: Record<string, { common: number; onlyOurs: number; onlyTheirs: number }>;
}

/** Runs the analysis benchmark and prints its figures. */
export async function benchAnalysis(
  options: { updates?: number; skipTsc?: boolean; runs?: number } = {},
): Promise<AnalysisBenchResult> {
  const effect = await ensureCorpus('effect');
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`effect 4.1.0: ${effect.files} files, ${effect.lines} lines`);

  const work = mkdtempSync(path.join(tmpdir(), 'codenav-bench-'));
  try {
    // Alternate ours and tsc, several runs each, and compare medians: this machine's speed
    // drifts by ±15 % from one minute to the next, and alternating spreads that over both.
    const graphFile = path.join(work, 'effect.json');
    const runs = options.runs ?? 3;
    const oursRuns: { wallMs: number; peakRssMb: number }[] = [];
    const tscRuns: { wallMs: number; peakRssMb: number }[] = [];
    for (let run = 0; run < runs; run++) {
      const ours = await measureCommand(process.execPath, [CLI, 'analyze', effect.root, '--out', graphFile]);
      if (ours.exitCode !== 0) throw new Error(`codenav analyze failed: ${ours.stderr}`);
      oursRuns.push(ours);
      log(`codenav analyze: ${(ours.wallMs / 1000).toFixed(1)} s, peak RSS ${ours.peakRssMb.toFixed(0)} MB`);
      if (options.skipTsc) continue;
      const tscRun = await tscBaseline(effect.tsconfig);
      tscRuns.push(tscRun);
      log(
        `tsc --noEmit:    ${(tscRun.wallMs / 1000).toFixed(1)} s, peak RSS ${tscRun.peakRssMb.toFixed(0)} MB`,
      );
    }
    const median = (values: number[]) => summarize(values).p50;
    const ours = {
      wallMs: median(oursRuns.map((r) => r.wallMs)),
      peakRssMb: Math.max(...oursRuns.map((r) => r.peakRssMb)),
    };
    const tsc = tscRuns.length
      ? {
          wallMs: median(tscRuns.map((r) => r.wallMs)),
          peakRssMb: Math.max(...tscRuns.map((r) => r.peakRssMb)),
        }
      : undefined;
    log(
      `codenav analyze, median of ${runs}: ${(ours.wallMs / 1000).toFixed(1)} s; highest peak RSS ${ours.peakRssMb.toFixed(0)} MB (target ≤ 1,600 MB)`,
    );
    if (tsc) {
      log(
        `tsc --noEmit, median of ${runs}:    ${(tsc.wallMs / 1000).toFixed(1)} s; highest peak RSS ${tsc.peakRssMb.toFixed(0)} MB`,
      );
      log(`ratio: ${(ours.wallMs / tsc.wallMs).toFixed(2)}× tsc's wall time (target ≤ 0.8×)`);
    }

    const agreement: AnalysisBenchResult['agreement'] = {};
    agreement.effect = await agree('effect', graphFile);
    const rxjs = await ensureCorpus('rxjs');
    const rxjsGraph = path.join(work, 'rxjs.json');
    const rxjsRun = await measureCommand(process.execPath, [CLI, 'analyze', rxjs.root, '--out', rxjsGraph]);
    if (rxjsRun.exitCode !== 0) throw new Error(`codenav analyze rxjs failed: ${rxjsRun.stderr}`);
    agreement.rxjs = await agree('rxjs', rxjsGraph);
    for (const [name, a] of Object.entries(agreement)) {
      log(
        `IMPORTS vs dependency-cruiser on ${name}: ${a.common} common, ${a.onlyOurs} only ours, ${a.onlyTheirs} only theirs`,
      );
    }

    const update = benchUpdates(effect.root, work, options.updates ?? 30);
    log(
      `one-file update after a body edit (${update.samples} files): p50 ${update.p50Ms.toFixed(0)} ms, p95 ${update.p95Ms.toFixed(0)} ms, max ${update.maxMs.toFixed(0)} ms (target p50 ≤ 150 ms)`,
    );
    return {
      files: effect.files,
      lines: effect.lines,
      ours,
      tsc,
      update,
      agreement,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function agree(name: CorpusName, graphFile: string) {
  const corpus = await ensureCorpus(name);
  const diff = compareEdges(
    await graphImportEdges(graphFile),
    await depcruiseEdges(corpus.root, corpus.tsconfig),
  );
  return { common: diff.common, onlyOurs: diff.onlyOurs.length, onlyTheirs: diff.onlyTheirs.length };
}

/**
 * Edits one function body in each of `count` files spread evenly over the project (a
 * statement inserted at the start of its first non-empty function body, same line count),
 * times `update()`, and reverts.
 */
function benchUpdates(corpusRoot: string, work: string, count: number) {
  const root = path.join(work, 'effect');
  cpSync(corpusRoot, root, { recursive: true });
  const analyzer = new Analyzer({ root });
  analyzer.analyze();
  const sources = analyzer.files().filter((f) => f.startsWith('src/') && !f.endsWith('.d.ts'));
  const step = Math.max(1, Math.floor(sources.length / count));
  const times: number[] = [];
  for (let i = 0; i < sources.length && times.length < count; i += step) {
    const file = sources[i]!;
    const absolute = path.join(root, file);
    const original = readFileSync(absolute, 'utf8');
    const edited = insertInFirstBody(original);
    if (edited === undefined) continue;
    writeFileSync(absolute, edited);
    const started = performance.now();
    const changeSet = analyzer.update([file]);
    times.push(performance.now() - started);
    if (!changeSet.changes.some((c) => c.op === 'NODE_UPDATED' && c.node.kind !== 'FILE')) {
      throw new Error(
        `the edit of ${file} updated no symbol: ${JSON.stringify(changeSet.changes.slice(0, 3))}`,
      );
    }
    writeFileSync(absolute, original);
    analyzer.update([file]);
  }
  const stats = summarize(times);
  return { samples: times.length, p50Ms: stats.p50, p95Ms: stats.p95, maxMs: stats.max };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const updates = args.includes('--updates') ? Number(args[args.indexOf('--updates') + 1]) : undefined;
  const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : undefined;
  await benchAnalysis({ updates, runs, skipTsc: args.includes('--skip-tsc') });
}
