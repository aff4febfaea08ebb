/**
 * The web UI in a real browser (Debian's Chromium, headless, through playwright-core) against a
 * real `codenav serve` on a temp copy of a fixture project, with the file watcher on.
 *
 * The tests run in order and share the browser and the project: the counts, every view, a
 * function appended to a file reaching the event log, the search and the graph picture without
 * a reload, then the server restarted under the page. Screenshots of each view go to
 * tests/artifacts/web-ui/ (ignored by git) for review.
 */
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
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
    await page.getByTestId('file-symbols').getByRole('link', { name: 'Cart', exact: true }).waitFor();
    await shot(page, 'file');

    await page.goto(`${server.url}/#/cycles`);
    await page.getByTestId('cycles').getByText('Import cycles (').waitFor();
    await shot(page, 'cycles');

    await page.goto(`${server.url}/#/unused`);
    await page.getByText(/\d+ unused exports/).waitFor();
    await shot(page, 'unused');

    await page.goto(`${server.url}/#/graph`);
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

    await dashboard.locator('.log-revision', { hasText: 'quintuple' }).locator('summary').click();
    await dashboard.getByRole('link', { name: 'quintuple' }).first().waitFor();
    await shot(dashboard, 'live-dashboard');
    await shot(search, 'live-explorer');
    await search.close();
    await graph.close();
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
