/**
 * The web UI in a real browser (Debian's Chromium, headless, through playwright-core) against a
 * real `codenav serve` on a temp copy of a fixture project, with the file watcher on.
 *
 * The tests run in order and share the browser and the project: the counts, every view, a
 * function appended to a file reaching the event log, the search and the graph picture without
 * a reload, then the server restarted under the page. Screenshots of each view go to
 * tests/artifacts/web-ui/ (ignored by git) for review.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, connect, createServer as createNetServer, type Socket } from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type ConsoleMessage, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, removeCopies } from '../helpers/fixtures.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const artifacts = path.join(repoRoot, 'tests/artifacts/web-ui');

interface Logged {
  readonly page: string;
  readonly type: string;
  readonly text: string;
  /** Logged while the test had the server down on purpose. */
  readonly duringOutage: boolean;
}

const PROJECT_ADDITIONS: Record<string, string> = {
  'src/app/main.ts':
    "import { sum } from '../lib/math';\n\nexport function main(): number {\n  return sum(1, 2);\n}\n",
  'src/cli/main.ts':
    "import { sum } from '../lib/math';\n\nexport function main(): number {\n  return sum(3, 4);\n}\n",
  'src/__tests__/math.test.ts':
    "import { sum } from '../lib/math';\n\nexport function checksSum(): boolean {\n  return sum(1, 1) === 2;\n}\n",
  // The package's entry, as built: src/lib/cart.ts is its source.
  'package.json': JSON.stringify({ name: 'shop', main: './dist/lib/cart.js' }),
};

let browser: Browser;
let context: BrowserContext;
let server: TestServer;
let project: string;
let serverRunning = false;
let outage = false;
const logged: Logged[] = [];

async function openPage(
  name: string,
  hash: string,
  viewport = { width: 1280, height: 800 },
  base = server.url,
): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' || message.type() === 'warning')
      logged.push({ page: name, type: message.type(), text: message.text(), duringOutage: outage });
  });
  page.on('pageerror', (error) =>
    logged.push({ page: name, type: 'pageerror', text: String(error), duringOutage: outage }),
  );
  await page.goto(`${base}/${hash}`);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}

async function stats() {
  const body = await server.gql<{
    stats: { files: number; symbols: number; edges: number; revision: number };
  }>('{ stats { files symbols edges revision } }');
  return body.data!.stats;
}

/** Waits for a value the page reaches by itself (a live update, a query landing). */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });
const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();
const number = async (page: Page, testId: string) => Number((await text(page, testId))?.replace(/,/g, ''));

/** Append a function to a file of the project: the watcher picks it up. */
function appendFunction(file: string, name: string): void {
  appendFileSync(
    path.join(project, file),
    `\n/** Added by the web UI test. */\nexport function ${name}(x: number): number {\n  return x + 1;\n}\n`,
  );
}

/**
 * A TCP proxy in front of the server whose connections can be cut (and new ones refused)
 * while the server runs on: a dropped network, not a restart.
 */
async function startProxy(targetPort: number) {
  const sockets = new Set<Socket>();
  let refusing = false;
  const proxy = createNetServer((client) => {
    if (refusing) return void client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    cut() {
      refusing = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      refusing = false;
    },
    close: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
  };
}

beforeAll(async () => {
  // Loud, not skipped: these tests are how the UI is known to work.
  if (!existsSync(CHROMIUM))
    throw new Error(`The e2e tests need Debian's Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  mkdirSync(artifacts, { recursive: true });
  project = copyFixture('resolution');
  // Two functions of one name calling `sum`, and a test of it: names to tell apart, a test dependent.
  for (const [file, text] of Object.entries(PROJECT_ADDITIONS)) {
    mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    writeFileSync(path.join(project, file), text);
  }
  server = await startServer(project, { watch: true });
  serverRunning = true;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  context = await browser.newContext();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  // The first server was stopped by the restart test; stop the one running now.
  if (serverRunning) await server.stop();
  removeCopies();
});

describe('web UI', () => {
  let dashboard: Page;

  it('shows the real counts of the project, the analysis and the server’s components', async () => {
    dashboard = await openPage('dashboard', '#/');
    await dashboard.waitForSelector('[data-testid=connection][data-state=live]');
    const expected = await stats();
    await eventually(() => number(dashboard, 'count-files')).toBe(expected.files);
    await eventually(() => number(dashboard, 'count-symbols')).toBe(expected.symbols);
    await eventually(() => number(dashboard, 'count-edges')).toBe(expected.edges);
    await eventually(() => number(dashboard, 'count-revision')).toBe(expected.revision);
    expect(expected.files).toBeGreaterThan(10);
    await dashboard.waitForSelector('[data-testid=analysis-state][data-state=READY]');
    // The analysis line tells of its last pass, here the first analysis: every file.
    await eventually(() => text(dashboard, 'analysis-last-pass')).toBe(`last pass: ${expected.files} files`);
    await eventually(() => text(dashboard, 'component-store')).toBe('ready');
    await eventually(() => text(dashboard, 'component-pub/sub')).toBe('ready');
    await dashboard.getByText('Connected: the graph is at revision').waitFor();
    await shot(dashboard, 'dashboard');
  });

  it('renders every view with the project’s data, and links names to their pages', async () => {
    const page = await openPage('views', '#/explore?q=Cart');
    await page.getByTestId('search-count').waitFor();
    await page.getByRole('link', { name: 'Cart', exact: true }).first().waitFor();
    await shot(page, 'explorer');

    await page.getByRole('link', { name: 'Cart', exact: true }).first().click();
    await page.getByTestId('node-page').waitFor();
    await eventually(() => page.locator('h1').textContent()).toBe('Cart');
    await page.getByTestId('callers').getByRole('link', { name: 'Shop.checkout' }).waitFor();
    await page.getByText('Impact (').waitFor();
    await shot(page, 'symbol');

    await page.getByRole('link', { name: 'src/lib/cart.ts' }).first().click();
    await page.getByTestId('file-page').waitFor();
    await page.getByTestId('file-page').getByText('entry point', { exact: true }).waitFor();
    await page.getByTestId('file-symbols').getByRole('link', { name: 'Cart', exact: true }).waitFor();
    await shot(page, 'file');

    await page.goto(`${server.url}/#/cycles`);
    await page.getByTestId('cycles').getByText('Import cycles (').waitFor();
    await shot(page, 'cycles');

    await page.goto(`${server.url}/#/unused`);
    await page.getByText(/\d+ unused exports/).waitFor();
    await shot(page, 'unused');

    await page.goto(`${server.url}/#/graph?files=1`);
    const expected = await stats();
    await eventually(() => number(page, 'graph-node-count')).toBe(expected.files);
    await shot(page, 'graph-imports');

    const narrow = await openPage('narrow', '#/', { width: 390, height: 844 });
    await narrow.waitForSelector('[data-testid=connection][data-state=live]');
    await eventually(() => number(narrow, 'count-files')).toBe(expected.files);
    // Nothing spills sideways on a phone-sized window.
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(narrow, 'dashboard-narrow');
    await narrow.goto(`${server.url}/#/explore?q=sum`);
    await narrow.getByTestId('search-count').waitFor();
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(narrow, 'explorer-narrow');
    await narrow.close();
    await page.close();
  });

  it('shows an appended function in the event log, the search and the graph, without a reload', async () => {
    // Search as you type: the results follow the box (debounced), then the graph.
    const search = await openPage('search', '#/explore');
    await search.getByTestId('search-input').pressSequentially('quintuple');
    await search.getByTestId('search-count').getByText('0 symbols matching').waitFor();
    expect(search.url()).toContain('q=quintuple');
    const graph = await openPage('graph', `#/graph?focus=${encodeURIComponent('src/lib/math.ts')}`);
    await eventually(() => number(graph, 'graph-node-count')).toBeGreaterThan(3);
    const nodesBefore = await number(graph, 'graph-node-count');
    const revisionBefore = (await stats()).revision;

    appendFunction('src/lib/math.ts', 'quintuple');

    await dashboard.locator('.log-revision', { hasText: 'quintuple' }).waitFor();
    await search.getByTestId('search-results').getByRole('link', { name: 'quintuple' }).waitFor();
    await graph.getByTestId('graph-recent').getByRole('link', { name: 'quintuple' }).waitFor();
    await shot(graph, 'live-graph'); // while the new node still flashes
    await eventually(() => number(graph, 'graph-node-count')).toBe(nodesBefore + 1);
    expect(
      await graph.locator('[data-testid=graph-nodes] [data-key="src/lib/math.ts#quintuple"]').count(),
    ).toBe(1);
    // The counts follow the revision.
    await eventually(() => number(dashboard, 'count-revision')).toBeGreaterThan(revisionBefore);
    await eventually(() => number(dashboard, 'count-symbols')).toBe((await stats()).symbols);

    // What the revision means comes first, as a sentence.
    await dashboard
      .locator('.log-revision', { hasText: 'quintuple' })
      .locator('.semantic[data-kind=SYMBOL_ADDED]', {
        hasText: 'Added exported function quintuple in src/lib/math.ts.',
      })
      .waitFor();
    await dashboard.locator('.log-revision', { hasText: 'quintuple' }).locator('summary').click();
    await dashboard.getByRole('link', { name: 'quintuple' }).first().waitFor();
    await shot(dashboard, 'live-dashboard');
    await shot(search, 'live-explorer');
    await search.close();
    await graph.close();
  });

  it('opens a folder of the folder picture by a click and closes it, the address recording what is open', async () => {
    const page = await openPage('folders', '#/graph?level=1');
    await page.locator('[data-testid=graph-stage][data-layout=settled]').waitFor();
    // Everything is under src/: one node, drawn at the centre of the canvas.
    await eventually(() => number(page, 'graph-node-count')).toBe(1);
    const canvas = (await page.getByTestId('graph-canvas').boundingBox())!;
    await page.mouse.click(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    await eventually(async () => page.url()).toContain('open=src%2F');
    await eventually(() => number(page, 'graph-node-count')).toBeGreaterThan(8);
    await page.locator('[data-testid=graph-nodes] [data-key="src/lib/"]').waitFor({ state: 'attached' });
    await page.locator('[data-testid=graph-stage][data-layout=settled]').waitFor();
    await shot(page, 'folders-open');
    // Open src/lib/ from the list, then close src/ again: one node, nothing open in the address.
    await page.getByText(/All \d+ nodes in the picture/).click();
    await page
      .locator('[data-testid=graph-nodes] [data-key="src/lib/"]')
      .getByRole('button', { name: 'open' })
      .click();
    await page.locator('[data-testid=graph-nodes] [data-key="src/lib/math.ts"]').waitFor();
    expect(decodeURIComponent(page.url())).toContain('open=src/lib/');
    await page
      .getByTestId('open-folders')
      .getByRole('listitem')
      .filter({ hasText: /^src\/ / })
      .getByRole('button', { name: 'close' })
      .click();
    await eventually(() => number(page, 'graph-node-count')).toBe(1);
    expect(page.url()).not.toContain('open=');
    // Back in the history opens them again.
    await page.goBack();
    await page
      .locator('[data-testid=graph-nodes] [data-key="src/lib/math.ts"]')
      .waitFor({ state: 'attached' });
    await shot(page, 'folders-closed-and-back');
    await page.close();
  });

  it('tells apart callers of one name by the end of their file paths', async () => {
    const page = await openPage('names', `#/node/${encodeURIComponent('src/lib/math.ts#sum')}`);
    const callers = page.getByTestId('callers');
    await callers.getByRole('link', { name: 'main' }).first().waitFor();
    expect(await callers.getByRole('link', { name: 'main' }).count()).toBe(2);
    expect(await callers.locator('.name-hint').allTextContents()).toEqual(
      expect.arrayContaining([' app/main.ts', ' cli/main.ts']),
    );
    // A name listed once gets no hint.
    expect(await callers.locator('li', { hasText: 'lazyTotal' }).locator('.name-hint').count()).toBe(0);
    await shot(page, 'names');
    await page.close();
  });

  it('lists the files whose top-level code calls a symbol among its callers, not "Nothing calls it"', async () => {
    // src/shop.ts ends with a top-level `lazyTotal();`: no symbol calls it.
    const page = await openPage('caller-files', `#/node/${encodeURIComponent('src/shop.ts#lazyTotal')}`);
    const callers = page.getByTestId('callers');
    const files = callers.getByTestId('caller-files');
    await files.getByRole('link', { name: 'src/shop.ts' }).waitFor();
    expect(await files.textContent()).toContain('1× from line 34');
    expect(await callers.locator('h2').textContent()).toBe('Callers (0 + 1 file)');
    expect(await callers.getByText('Nothing calls it.').count()).toBe(0);
    await page.getByRole('button', { name: 'Show the call sites' }).click();
    await files.getByTestId('call-site').filter({ hasText: 'lazyTotal();' }).waitFor();
    await shot(page, 'caller-files');
    await page.close();
  });

  it('shows the overloads of an overloaded function as its declaration, the implementation beside them', async () => {
    const page = await openPage('overloads', `#/node/${encodeURIComponent('src/kinds.ts#format')}`);
    const overloads = page.getByTestId('overloads');
    await overloads.waitFor();
    expect(await overloads.textContent()).toBe(
      'export function format(value: number): string\nexport function format(value: string): string',
    );
    expect(await page.getByText('2 overloads; implemented as').textContent()).toContain(
      'export function format(value: number | string): string',
    );
    await page.close();
  });

  it('shows a symbol’s code, highlighted, and its callers’ call-site lines on request', async () => {
    const page = await openPage('source', `#/node/${encodeURIComponent('src/lib/math.ts#sum')}`);
    const source = page.getByTestId('source-text');
    await source.waitFor();
    expect(await source.locator('.code-text').textContent()).toBe(
      'export function sum(a: number, b: number): number {\n  return a + b;\n}',
    );
    expect(await source.locator('.token.keyword', { hasText: 'return' }).count()).toBe(1);
    expect(await source.locator('.code-gutter').textContent()).toBe('1\n2\n3');
    await page.getByRole('button', { name: 'Show the call sites' }).click();
    await page
      .getByTestId('callers')
      .getByTestId('call-site')
      .filter({ hasText: 'return sum(3, 4);' })
      .waitFor();
    await page
      .getByTestId('callers')
      .getByTestId('call-site')
      .filter({ hasText: 'math.sum(1, 2);' })
      .waitFor();
    await shot(page, 'source');
    await page.close();
  });

  it('shows what depends on a symbol by file, tests marked, and draws it in the graph', async () => {
    const page = await openPage('impact', `#/node/${encodeURIComponent('src/lib/math.ts#sum')}`);
    const impact = page.getByTestId('impact');
    const shop = impact.locator('[data-file="src/shop.ts"]');
    await shop.getByRole('link', { name: 'Shop.checkout' }).waitFor();
    const testFile = impact.locator('[data-file="src/__tests__/math.test.ts"]');
    await testFile.getByRole('link', { name: 'checksSum' }).waitFor();
    expect(await testFile.locator('.tag', { hasText: 'test' }).count()).toBe(1);
    expect(await shop.locator('.tag', { hasText: 'test' }).count()).toBe(0);
    await impact.getByText(/Impact \(\d+ in \d+ files\)/).waitFor();
    await shot(page, 'impact');
    await impact.getByRole('link', { name: 'Draw it in the graph →' }).click();
    await page
      .locator('[data-testid=graph-nodes] [data-key="src/shop.ts#Shop.checkout"]')
      .waitFor({ state: 'attached' });
    await page
      .locator('[data-testid=graph-nodes] [data-key="src/lib/math.ts#sum"]')
      .waitFor({ state: 'attached' });
    await page.locator('[data-testid=graph-stage][data-layout=settled]').waitFor();
    await shot(page, 'impact-graph');
    await page.close();
  });

  it('shows a new folder in the folder picture without a reload', async () => {
    const page = await openPage('folders-live', '#/graph?level=2');
    await page.locator('[data-testid=graph-nodes] [data-key="src/lib/"]').waitFor({ state: 'attached' });
    await page.locator('[data-testid=graph-stage][data-layout=settled]').waitFor();
    await page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });
    const edgesBefore = await number(page, 'graph-edge-count');
    mkdirSync(path.join(project, 'src/tools'), { recursive: true });
    writeFileSync(
      path.join(project, 'src/tools/helper.ts'),
      "import { sum } from '../lib/math';\n\nexport const helper = (): number => sum(2, 3);\n",
    );
    await page.locator('[data-testid=graph-nodes] [data-key="src/tools/"]').waitFor({ state: 'attached' });
    await page.getByTestId('graph-recent').getByText('tools/').waitFor();
    await shot(page, 'folders-live');
    await eventually(() => number(page, 'graph-edge-count')).toBe(edgesBefore + 1);
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    await page.close();
  });

  it('tells what an edit means in the event log, breaking ones marked, raw changes behind a toggle, and on the symbol’s page', async () => {
    const file = path.join(project, 'src/lib/math.ts');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'export function sum(a: number, b: number): number {',
        'export function sum(a: number, b: number, c: number): number {',
      ),
    );
    const entry = dashboard.locator('.log-revision', {
      has: dashboard.locator('.semantic[data-kind=SIGNATURE_CHANGED]'),
    });
    const line = entry.locator('.semantic-breaking', { hasText: 'Changed the signature of function sum' });
    await line.waitFor();
    expect(await line.locator('.breaking-mark').textContent()).toBe('breaking');
    expect(await line.textContent()).toContain(
      'from `export function sum(a: number, b: number): number` to `export function sum(a: number, b: number, c: number): number`',
    );
    // The raw operations wait behind their toggle.
    const raw = entry.locator('.log-changes');
    expect(await raw.isVisible()).toBe(false);
    await entry.locator('.log-raw summary').click();
    await raw.locator('.change', { hasText: 'sum' }).first().waitFor();
    await shot(dashboard, 'semantic-log');

    const page = await openPage('recent-changes', `#/node/${encodeURIComponent('src/lib/math.ts#sum')}`);
    const recent = page.getByTestId('recent-changes');
    await recent
      .locator('.semantic-breaking', { hasText: 'Changed the signature of function sum' })
      .waitFor();
    await recent.getByText('Recent changes (1)').waitFor();
    await shot(page, 'recent-changes');
    await page.close();
  });

  it('resumes after a dropped connection from the last revision it applied, missing nothing', async () => {
    const proxy = await startProxy(Number(new URL(server.url).port));
    const page = await openPage('resume', '#/', undefined, proxy.url);
    await page.waitForSelector('[data-testid=connection][data-state=live]');
    await page.getByText('Connected: the graph is at revision').waitFor();

    outage = true;
    proxy.cut();
    await page.waitForSelector('[data-testid=connection][data-state=reconnecting]');
    appendFunction('src/lib/math.ts', 'duringCut');
    // The server applies it while the page is cut off.
    await eventually(async () => {
      const body = await server.gql<{ symbols: { totalCount: number } }>(
        '{ symbols(query: "duringCut") { totalCount } }',
      );
      return body.data?.symbols.totalCount;
    }).toBe(1);

    proxy.restore();
    await page.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 20_000 });
    outage = false;
    await page.getByText('Reconnected: catching up after revision').waitFor();
    await page.locator('.log-revision', { hasText: 'duringCut' }).waitFor();
    await eventually(() => number(page, 'count-symbols')).toBe((await stats()).symbols);
    // Resumed, not re-queried.
    expect(await page.getByText('Re-queried the graph').count()).toBe(0);
    await shot(page, 'resumed');
    await page.close();
    await proxy.close();
  });

  it('reconnects after the server restarts under the page, and catches up', async () => {
    const graph = await openPage('graph-restart', `#/graph?focus=${encodeURIComponent('src/lib/math.ts')}`);
    await eventually(() => number(graph, 'graph-node-count')).toBeGreaterThan(3);
    const port = new URL(server.url).port;

    outage = true;
    serverRunning = false;
    await server.stop();
    await dashboard.waitForSelector('[data-testid=connection][data-state=reconnecting]');
    await dashboard.getByTestId('reconnecting-banner').waitFor();
    await shot(dashboard, 'reconnecting');
    // Edited while the server is down: only a re-query can show it.
    appendFunction('src/lib/math.ts', 'whileAway');

    // A new process on the same port and project: its in-memory store counts revisions from 1 again.
    // It serves at once and analyzes in the background: the page reconnects meanwhile.
    server = await startServer(project, { watch: true, port: Number(port) }, {}, { waitForAnalysis: false });
    serverRunning = true;
    await dashboard.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 20_000 });
    outage = false;
    await dashboard.getByText('Re-queried the graph').waitFor();
    await server.app.indexer?.ready;
    const expected = await stats();
    await eventually(() => number(dashboard, 'count-symbols')).toBe(expected.symbols);
    await eventually(() => number(dashboard, 'count-revision')).toBe(expected.revision);
    await graph.locator('[data-testid=graph-nodes] [data-key="src/lib/math.ts#whileAway"]').waitFor({
      state: 'attached',
    });

    // And it is live on the new server.
    appendFunction('src/lib/math.ts', 'afterRestart');
    await dashboard.locator('.log-revision', { hasText: 'afterRestart' }).waitFor();
    await graph.getByTestId('graph-recent').getByRole('link', { name: 'afterRestart' }).waitFor();
    await eventually(async () => number(dashboard, 'count-symbols')).toBe((await stats()).symbols);
    await shot(dashboard, 'after-restart');
    await shot(graph, 'after-restart-graph');
    await graph.close();
  }, 60_000);

  it('logged no console errors (but the browser’s own about the server being down on purpose)', () => {
    const expectedWhileDown = /WebSocket connection to .* failed|net::ERR_/;
    const unexpected = logged.filter(
      (entry) =>
        // Headless Chromium's software WebGL reports stalls: not the app's doing.
        !/GL Driver Message|GPU stall/.test(entry.text) &&
        !(entry.duringOutage && expectedWhileDown.test(entry.text)),
    );
    expect(unexpected).toEqual([]);
  });
});
