/**
 * Warm-start benchmark on effect 4.1.0's sources (572 files): `codenav serve` (the compiled
 * bin, `--no-watch`, its snapshot in a fresh cache folder), timed from spawning:
 *   - cold: no snapshot → analysis READY; then the snapshot's size and write time (its log line);
 *   - restart, nothing changed: → first answered `{ stats { files } }`, → READY (no revision);
 *   - restart after one file was edited (a function added to a mid-sized module): → READY, and
 *     the size of the one revision verification applied (changes, files re-resolved).
 * Runs on a copy of the corpus (edits never touch .cache/corpora). The cold start is the
 * baseline of the same run: targets are first answer ≤ 2 s, READY unchanged ≤ 30 % of cold,
 * READY after one edit ≤ 40 % of cold, snapshot ≤ 25 MB written in ≤ 1 s.
 *
 *   node --import tsx bench/warm.ts [--runs N]
 */
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureCorpus } from './corpora.ts';
import { summarize } from './measure.ts';

const CLI = fileURLToPath(new URL('../bin/codenav.mjs', import.meta.url));
/** The file edited between restarts: a mid-sized module many others import. */
const EDITED = 'src/Duration.ts';

interface Start {
  firstAnswerMs: number;
  readyMs: number;
  revision: number;
  /** Log lines of the server (pino JSON). */
  log: Record<string, unknown>[];
}

async function query(url: string): Promise<{ state: string; revision: number } | undefined> {
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ analysis { state } stats { files revision } }' }),
    });
    const body = (await response.json()) as {
      data?: { analysis: { state: string }; stats: { revision: number } };
    };
    return body.data && { state: body.data.analysis.state, revision: body.data.stats.revision };
  } catch {
    return undefined;
  }
}

/** One start: spawn → first answer → READY; then SIGTERM (the snapshot is written by then). */
async function start(root: string, cacheDir: string, waitForSnapshot: boolean): Promise<Start> {
  const started = performance.now();
  const env = { ...process.env };
  delete env.CODENAV_NO_CACHE;
  const child = spawn(
    process.execPath,
    [CLI, 'serve', root, '--port', '0', '--no-watch', '--cache-dir', cacheDir, '--log-level', 'debug'],
    { stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const log: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    let end = stderr.indexOf('\n');
    while (end !== -1) {
      try {
        log.push(JSON.parse(stderr.slice(0, end)) as Record<string, unknown>);
      } catch {}
      stderr = stderr.slice(end + 1);
      end = stderr.indexOf('\n');
    }
  });
  const url = await new Promise<string>((resolve) => {
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /listening on (\S+)\n/.exec(stdout);
      if (match) resolve(match[1]!);
    });
  });
  try {
    let answer = await query(url);
    while (answer === undefined) answer = await query(url);
    const firstAnswerMs = performance.now() - started;
    while (answer?.state !== 'READY') {
      if (answer?.state === 'FAILED') throw new Error('analysis failed');
      await new Promise((resolve) => setTimeout(resolve, 20));
      answer = await query(url);
    }
    const readyMs = performance.now() - started;
    if (waitForSnapshot)
      while (!log.some((line) => line.msg === 'snapshot written'))
        await new Promise((resolve) => setTimeout(resolve, 20));
    return { firstAnswerMs, readyMs, revision: answer.revision, log };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

export async function benchWarm(runs: number): Promise<boolean> {
  const corpus = await ensureCorpus('effect');
  const work = mkdtempSync(path.join(tmpdir(), 'codenav-warm-'));
  const root = path.join(work, 'effect');
  cpSync(corpus.root, root, { recursive: true });
  const cacheDir = path.join(work, 'cache');
  const ms = (value: number) => `${(value / 1000).toFixed(2)} s`;
  try {
    process.stdout.write(`effect 4.1.0: ${corpus.files} files, ${corpus.lines} lines; ${runs} runs each\n`);
    const cold: number[] = [];
    const unchangedFirst: number[] = [];
    const unchangedReady: number[] = [];
    const editedReady: number[] = [];
    const revisions: string[] = [];
    let snapshot = { bytes: 0, ms: [] as number[] };
    for (let run = 0; run < runs; run += 1) {
      rmSync(cacheDir, { recursive: true, force: true });
      const first = await start(root, cacheDir, true);
      cold.push(first.readyMs);
      const written = first.log.find((line) => line.msg === 'snapshot written')!;
      snapshot = { bytes: written.bytes as number, ms: [...snapshot.ms, written.ms as number] };

      const unchanged = await start(root, cacheDir, false);
      const same = unchanged.log.find((line) => line.msg === 'snapshot verified')!;
      revisions.push(
        `nothing changed: ${unchanged.revision === first.revision ? 'no revision' : `revision ${unchanged.revision} of ${String(same.changes)} changes (files ${JSON.stringify(same.changed)})`}, ${String(same.reused)} of ${corpus.files} files reused`,
      );
      unchangedFirst.push(unchanged.firstAnswerMs);
      unchangedReady.push(unchanged.readyMs);

      appendFileSync(
        path.join(root, EDITED),
        `\nexport const codenavBench${run} = (n: number): number => n * ${run + 2}\n`,
      );
      const edited = await start(root, cacheDir, true);
      editedReady.push(edited.readyMs);
      const verified = edited.log.find((line) => line.msg === 'snapshot verified')!;
      revisions.push(
        `one file edited: revision ${String(verified.revision)} of ${String(verified.changes)} changes (files ${JSON.stringify(verified.changed)}), ${String(verified.reused)} of ${corpus.files} files reused`,
      );
      if (edited.revision !== unchanged.revision + 1)
        revisions.push(`the edit made ${edited.revision - unchanged.revision} revisions`);
    }
    const p50 = (values: number[]) => summarize(values).p50;
    const lines = [
      `cold start → READY (baseline)                 p50 ${ms(p50(cold))}   [${cold.map(ms).join(', ')}]`,
      `snapshot                                      ${(snapshot.bytes / 1e6).toFixed(1)} MB, written in p50 ${p50(snapshot.ms).toFixed(0)} ms [${snapshot.ms.join(', ')}]`,
      `restart, nothing changed → first answer       p50 ${ms(p50(unchangedFirst))}   [${unchangedFirst.map(ms).join(', ')}]`,
      `restart, nothing changed → READY              p50 ${ms(p50(unchangedReady))}   ${((100 * p50(unchangedReady)) / p50(cold)).toFixed(0)} % of cold`,
      `restart, one file edited → READY              p50 ${ms(p50(editedReady))}   ${((100 * p50(editedReady)) / p50(cold)).toFixed(0)} % of cold`,
      ...revisions.map((line) => `  ${line}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    const met = {
      'first answer ≤ 2 s': p50(unchangedFirst) <= 2000,
      'READY unchanged ≤ 30 %': p50(unchangedReady) <= 0.3 * p50(cold),
      'READY one edit ≤ 40 %': p50(editedReady) <= 0.4 * p50(cold),
      'snapshot ≤ 25 MB': snapshot.bytes <= 25e6,
      'written ≤ 1 s': p50(snapshot.ms) <= 1000,
    };
    for (const [target, ok] of Object.entries(met))
      process.stdout.write(`${ok ? 'met   ' : 'MISSED'} ${target}\n`);
    return Object.values(met).every(Boolean);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '2' } } });
  const ok = await benchWarm(Number(values.runs));
  process.exitCode = ok ? 0 : 1;
}
