/**
 * Web UI benchmark, in Chromium (Debian's, through playwright-core) on rxjs and effect: the
 * time from navigation to a settled folder picture, then to the settled picture with its
 * largest folder opened, and the main thread's long tasks while the layout runs (target: none
 * over 200 ms). The baseline, in the same run, is the UI before the folder picture (its file
 * import graph, laid out on the main thread), built from `UI_BASELINE_REF` (default the commit
 * before it). Also the gzip size of both bundles. Screenshots go to tests/artifacts/bench-ui/.
 *
 *   npx tsx bench/ui.ts [rxjs|effect …] [--runs N]
 *
 * Each server runs in its own process over the corpus's graph, analyzed once and cached
 * (`.cache/bench/<corpus>-graph.json`), with the corpus as its root so source text can be read.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { corpusGraphFile, startProcess } from './api.ts';
import { type CorpusName, ensureCorpus, parseCorpusName } from './corpora.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const WORK = join(REPO, '.cache/bench/ui');
const ARTIFACTS = join(REPO, 'tests/artifacts/bench-ui');
const CHROMIUM = '/usr/bin/chromium';
/** The last commit before the folder picture. */
const BASELINE_REF = process.env.UI_BASELINE_REF ?? 'e7e4183';
const LONG_TASK_TARGET_MS = 200;

interface Layout {
  readonly state: string;
  readonly at: number;
}

/** Collects long tasks and the picture's layout states, with their page times. */
const PAGE_PROBE = () => {
  const probe = { longTasks: [] as { start: number; duration: number }[], layout: [] as Layout[] };
  (window as unknown as { probe: typeof probe }).probe = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((records) => {
    for (const record of records) {
      const state = (record.target as Element).getAttribute('data-layout');
      if (state) probe.layout.push({ state, at: performance.now() });
    }
  }).observe(document, { attributes: true, attributeFilter: ['data-layout'], subtree: true });
};

interface Probe {
  readonly longTasks: { start: number; duration: number }[];
  readonly layout: Layout[];
}

const probeOf = (page: Page) => page.evaluate(() => (window as unknown as { probe: Probe }).probe);

/** Long tasks that started within `from..to` (page times). */
function longTasksWithin(probe: Probe, from: number, to: number) {
  const durations = probe.longTasks.filter((t) => t.start >= from && t.start <= to).map((t) => t.duration);
  return { count: durations.length, max: Math.round(Math.max(0, ...durations)) };
}

/** Waits until the layout settled after page time `since`; returns when it started running and settled. */
async function settledAfter(page: Page, since: number): Promise<{ running: number; settled: number }> {
  for (;;) {
    const { layout } = await probeOf(page);
    const running = layout.find((l) => l.state === 'running' && l.at >= since);
    const settled = running && layout.find((l) => l.state === 'settled' && l.at >= running.at);
    if (running && settled) return { running: running.at, settled: settled.at };
    await page.waitForTimeout(50);
  }
}

interface Run {
  readonly firstMs: number;
  readonly nodes: number;
  readonly edges: number;
  readonly firstLongTasks: { count: number; max: number };
  readonly expandMs?: number;
  readonly expanded?: string;
  readonly expandNodes?: number;
  readonly expandLongTasks?: { count: number; max: number };
}

const count = async (page: Page, id: string) => Number(await page.getByTestId(id).textContent());

/** The folder picture: navigation → settled; then its largest folder opened → settled. */
async function folderRun(browser: Browser, url: string, shots?: string): Promise<Run> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(PAGE_PROBE);
  await page.goto(`${url}/#/graph`);
  const first = await settledAfter(page, 0);
  const firstLongTasks = longTasksWithin(await probeOf(page), first.running, first.settled);
  const run = {
    firstMs: first.settled,
    nodes: await count(page, 'graph-node-count'),
    edges: await count(page, 'graph-edge-count'),
  };
  if (shots) await page.screenshot({ path: `${shots}-folders.png` });
  // The largest closed folder, from the side panel's list.
  await page.getByText(/All \d+ nodes in the picture/).click();
  const folders = await page.locator('[data-testid=graph-nodes] li').evaluateAll((items) =>
    items
      .map((item) => ({
        key: item.getAttribute('data-key') ?? '',
        files: Number(/(\d+) files/.exec(item.textContent ?? '')?.[1] ?? 0),
      }))
      .filter((item) => item.key.endsWith('/')),
  );
  const largest = folders.sort((a, b) => b.files - a.files)[0];
  if (!largest) return { ...run, firstLongTasks };
  const clickedAt = await page.evaluate(() => performance.now());
  await page
    .locator(`[data-testid=graph-nodes] li[data-key="${largest.key}"]`)
    .getByRole('button', { name: 'open' })
    .click();
  const opened = await settledAfter(page, clickedAt);
  const result: Run = {
    ...run,
    firstLongTasks,
    expanded: `${largest.key} (${largest.files} files)`,
    expandMs: opened.settled - clickedAt,
    expandNodes: await count(page, 'graph-node-count'),
    expandLongTasks: longTasksWithin(await probeOf(page), clickedAt, opened.settled),
  };
  if (shots) await page.screenshot({ path: `${shots}-expanded.png` });
  await page.close();
  return result;
}

/** The UI before: navigation → the file import graph drawn (laid out on the main thread first). */
async function baselineRun(browser: Browser, url: string, shots?: string): Promise<Run> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(PAGE_PROBE);
  await page.goto(`${url}/#/graph`);
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid=graph-node-count]')?.textContent) > 0,
    undefined,
    {
      timeout: 120_000,
      polling: 20,
    },
  );
  const drawnAt = await page.evaluate(() => performance.now());
  const run: Run = {
    firstMs: drawnAt,
    nodes: await count(page, 'graph-node-count'),
    edges: await count(page, 'graph-edge-count'),
    firstLongTasks: longTasksWithin(await probeOf(page), 0, drawnAt),
  };
  if (shots) await page.screenshot({ path: `${shots}-baseline-files.png` });
  await page.close();
  return run;
}

/** Builds the web UI of `ref` (or of the work tree) into a folder; returns it and its gzip size. */
async function buildClient(
  name: string,
  ref?: string,
): Promise<{ dir: string; gzipBytes: number; rawBytes: number }> {
  const root = ref ? join(WORK, `${name}-src`) : join(REPO, 'client');
  if (ref) {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    // Inside the repository, so that its node_modules resolve.
    const archive = execFileSync('git', ['archive', ref, 'client'], {
      cwd: REPO,
      maxBuffer: 64 * 1024 * 1024,
    });
    execFileSync('tar', ['-x', '-C', root, '--strip-components=1'], { input: archive });
  }
  const dir = join(WORK, `${name}-dist`);
  await build({ root, logLevel: 'error', mode: 'production', build: { outDir: dir, emptyOutDir: true } });
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const file of readdirSync(join(dir, 'assets'))) {
    const bytes = readFileSync(join(dir, 'assets', file));
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes).length;
  }
  return { dir, gzipBytes, rawBytes };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt === -1 ? 3 : Number(args[runsAt + 1]);
const names = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs').map(parseCorpusName);
const corpora: CorpusName[] = names.length > 0 ? names : ['rxjs', 'effect'];

process.env.NODE_ENV = 'production';
mkdirSync(ARTIFACTS, { recursive: true });
const baseline = await buildClient('baseline', BASELINE_REF);
const current = await buildClient('current');
console.log(
  `bundle (JS + CSS): baseline ${BASELINE_REF} ${kb(baseline.gzipBytes)} gzip (${kb(baseline.rawBytes)}), now ${kb(current.gzipBytes)} gzip (${kb(current.rawBytes)})`,
);

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
let failed = false;
try {
  for (const name of corpora) {
    const corpus = await ensureCorpus(name);
    const graph = await corpusGraphFile(name);
    const servers = {
      current: await startProcess(['codenav', graph, corpus.root, current.dir]),
      baseline: await startProcess(['codenav', graph, corpus.root, baseline.dir]),
    };
    try {
      const ours: Run[] = [];
      const before: Run[] = [];
      for (let i = 0; i < runs; i += 1) {
        const shots = i === 0 ? join(ARTIFACTS, name) : undefined;
        // Alternated, so load on the machine weighs on both alike.
        before.push(await baselineRun(browser, servers.baseline.url, shots));
        ours.push(await folderRun(browser, servers.current.url, shots));
      }
      const worst = (list: Run[], pick: (r: Run) => number | undefined) =>
        Math.max(0, ...list.map((r) => pick(r) ?? 0));
      const first = ours[0]!;
      console.log(`\n${name} (${corpus.files} files), ${runs} runs, medians:`);
      console.log(
        `  baseline file picture: ${s(median(before.map((r) => r.firstMs)))} to draw ${before[0]!.nodes} files, ${before[0]!.edges} imports; longest main-thread task ${worst(before, (r) => r.firstLongTasks.max)} ms`,
      );
      console.log(
        `  folder picture: ${s(median(ours.map((r) => r.firstMs)))} to settle ${first.nodes} nodes, ${first.edges} edges; long tasks while laying out: ${worst(ours, (r) => r.firstLongTasks.count)} at most, longest ${worst(ours, (r) => r.firstLongTasks.max)} ms`,
      );
      if (first.expanded)
        console.log(
          `  open ${first.expanded}: ${s(median(ours.map((r) => r.expandMs ?? 0)))} to settle ${first.expandNodes} nodes; long tasks: ${worst(ours, (r) => r.expandLongTasks?.count)} at most, longest ${worst(ours, (r) => r.expandLongTasks?.max)} ms`,
        );
      const longest = Math.max(
        worst(ours, (r) => r.firstLongTasks.max),
        worst(ours, (r) => r.expandLongTasks?.max),
      );
      const verdict = longest <= LONG_TASK_TARGET_MS ? 'met' : 'MISSED';
      if (longest > LONG_TASK_TARGET_MS) failed = true;
      console.log(
        `  target (no main-thread task over ${LONG_TASK_TARGET_MS} ms while laying out): ${verdict}`,
      );
    } finally {
      servers.current.child.kill();
      servers.baseline.child.kill();
    }
  }
} finally {
  await browser.close();
}
process.exitCode = failed ? 1 : 0;
