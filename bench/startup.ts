/**
 * Start-up benchmark: how soon an installed `codenav serve` answers, timed from spawning
 * `node <installed bin> serve tests/fixtures/incremental` (5 files):
 *   - the first 200 of `/healthz` (polled every 2 ms): target ≤ 300 ms;
 *   - the line `codenav listening on …` on stdout;
 *   - the first answered `{ stats { files } }` (sent once /healthz answers; it waits for the
 *     GraphQL server to load; asked again after a 503): target ≤ 1 s;
 *   - the first answer counting all 5 files (analysis done).
 * Baseline in the same run: spawning `node -e 0` until it exits.
 *
 * The package is packed and installed from its tarball first, as a user gets it (`npm pack`
 * in a copy of the working tree, `npm install` into an empty folder).
 *
 *   node --import tsx bench/startup.ts [--runs N] [--bin PATH]   (PATH: another codenav bin)
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { fixturePath, removeCopies } from '../tests/helpers/fixtures.ts';
import { installPackage } from '../tests/helpers/package.ts';
import { summarize } from './measure.ts';

const FIXTURE_FILES = 5;
const TARGETS = { healthzMs: 300, firstAnswerMs: 1000 };

interface Run {
  healthzMs: number;
  lineMs: number;
  firstAnswerMs: number;
  allFilesMs: number;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function filesCount(url: string): Promise<number | undefined> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ stats { files } }' }),
  });
  const body = (await response.json()) as { data?: { stats: { files: number } } };
  return body.data?.stats.files;
}

async function startOnce(bin: string): Promise<Run> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [bin, 'serve', fixturePath('incremental'), '--port', String(port), '--no-watch', '--log-level', 'warn'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let lineMs = Number.NaN;
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    if (Number.isNaN(lineMs) && stdout.includes('codenav listening on')) lineMs = performance.now() - started;
  });
  try {
    let healthzMs = Number.NaN;
    while (Number.isNaN(healthzMs)) {
      if (child.exitCode !== null) throw new Error(`codenav exited with ${child.exitCode}`);
      const ok = await fetch(`${url}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) healthzMs = performance.now() - started;
      else await new Promise((resolve) => setTimeout(resolve, 2));
    }
    // A server that answers 503 while it loads (as codenav did before /graphql waited) is asked again.
    let files = await filesCount(url);
    while (files === undefined) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      files = await filesCount(url);
    }
    const firstAnswerMs = performance.now() - started;
    while (files !== FIXTURE_FILES) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      files = await filesCount(url);
    }
    return { healthzMs, lineMs, firstAnswerMs, allFilesMs: performance.now() - started };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

async function baselineOnce(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return performance.now() - started;
}

export async function benchStartup(runs: number, bin?: string): Promise<boolean> {
  let target = bin;
  if (!target) {
    process.stdout.write('packing and installing codenav from its tarball…\n');
    target = (await installPackage()).bin;
  }
  process.stdout.write(`bin: ${target}\n`);
  // One unmeasured start: the first reads every file from disk, later ones from the page cache.
  await startOnce(target);
  const results: Run[] = [];
  const baseline: number[] = [];
  // Interleaved, so that a change in machine load weighs on both alike.
  for (let i = 0; i < runs; i++) {
    baseline.push(await baselineOnce());
    results.push(await startOnce(target));
  }
  const row = (name: string, values: number[]) => {
    const s = summarize(values);
    return `${name.padEnd(34)} p50 ${s.p50.toFixed(0).padStart(5)} ms   min ${s.min.toFixed(0).padStart(5)}   max ${s.max.toFixed(0).padStart(5)}`;
  };
  const base = summarize(baseline).p50;
  const healthz = summarize(results.map((r) => r.healthzMs)).p50;
  const first = summarize(results.map((r) => r.firstAnswerMs)).p50;
  process.stdout.write(
    [
      `${runs} runs, tests/fixtures/incremental (${FIXTURE_FILES} files)`,
      row('baseline: node -e 0 (spawn → exit)', baseline),
      row(
        '/healthz 200',
        results.map((r) => r.healthzMs),
      ),
      row(
        '"codenav listening on" line',
        results.map((r) => r.lineMs),
      ),
      row(
        'first { stats { files } } answer',
        results.map((r) => r.firstAnswerMs),
      ),
      row(
        `answer with all ${FIXTURE_FILES} files`,
        results.map((r) => r.allFilesMs),
      ),
      `/healthz: ${healthz.toFixed(0)} ms (baseline + ${(healthz - base).toFixed(0)} ms), target ≤ ${TARGETS.healthzMs} ms: ${healthz <= TARGETS.healthzMs ? 'met' : 'MISSED'}`,
      `first answer: ${first.toFixed(0)} ms (baseline + ${(first - base).toFixed(0)} ms), target ≤ ${TARGETS.firstAnswerMs} ms: ${first <= TARGETS.firstAnswerMs ? 'met' : 'MISSED'}`,
      '',
    ].join('\n'),
  );
  return healthz <= TARGETS.healthzMs && first <= TARGETS.firstAnswerMs;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, bin: { type: 'string' } } });
  try {
    const met = await benchStartup(Number(values.runs ?? 15), values.bin);
    process.exitCode = met ? 0 : 1;
  } finally {
    removeCopies();
  }
}
