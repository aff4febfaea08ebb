/**
 * GraphiQL in a real browser (Debian's Chromium, headless, through playwright-core) against a
 * real `codenav serve`, with every request that leaves the server's origin refused: GraphiQL
 * must open, and answer a query and a subscription, with no internet.
 */
import { appendFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, removeCopies } from '../helpers/fixtures.ts';
import { startServer, stopServers, type TestServer } from '../helpers/server.ts';

const CHROMIUM = '/usr/bin/chromium';

let browser: Browser;
let context: BrowserContext;
let server: TestServer;
let project: string;
let page: Page;
/** Every URL the browser asked for (pages, scripts, styles, workers, fetches, sockets). */
const requested: string[] = [];
/** Requests for another origin, refused as if there were no network. */
const leftTheOrigin: string[] = [];
/** Console errors and warnings (a Content-Security-Policy violation is one), and page errors. */
const logged: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`The e2e tests need Debian's Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  project = copyFixture('incremental');
  server = await startServer(project, { watch: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  context = await browser.newContext();
  const origin = new URL(server.url).origin;
  // No internet: whatever is not for the server (or data in the page itself) is aborted, and noted.
  await context.route(
    () => true,
    (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin || /^(data|blob):/.test(url)) return route.continue();
      leftTheOrigin.push(url);
      return route.abort('internetdisconnected');
    },
  );
  context.on('request', (request) => requested.push(request.url()));
  page = await context.newPage();
  page.on('websocket', (socket) => requested.push(socket.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') logged.push(message.text());
  });
  page.on('pageerror', (error) => logged.push(String(error)));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stopServers();
  removeCopies();
});

/** Replaces the operation in GraphiQL's editor with `text`, typed, and runs it. */
async function run(text: string): Promise<void> {
  await page.click('.graphiql-query-editor .monaco-editor .view-lines');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // Typed as one input: key by key, the editor would close each `{` itself.
  await page.keyboard.insertText(text);
  await expect.poll(() => shown('.graphiql-query-editor .view-lines')).toBe(text);
  await page.click('.graphiql-execute-button');
}

/** The text of an editor's lines, joined (it shows spaces as no-break spaces). */
const shown = async (selector: string) =>
  ((await page.locator(selector).textContent()) ?? '').replace(/\u00a0/g, ' ');
const responsePane = () => shown('.graphiql-response .view-lines');

describe('GraphiQL', () => {
  it('opens from the server alone: every file it loads is the server’s, none from a CDN', async () => {
    // GraphiQL's script ran (its editor is up), and asked the server for the schema.
    const introspection = page.waitForResponse(
      (response) => new URL(response.url()).pathname === '/graphql' && response.request().method() === 'POST',
    );
    await page.goto(`${server.url}/graphql`);
    await page.waitForSelector('.graphiql-query-editor .monaco-editor');
    expect((await introspection).status()).toBe(200);
    const origin = new URL(server.url).origin;
    // Its styles, its script and the editor's three workers (started once the editor is up).
    const assets = () =>
      requested
        .map((url) => new URL(url).pathname)
        .filter((pathname) => pathname.startsWith('/graphiql/'))
        .map((pathname) => path.posix.basename(pathname));
    await expect
      .poll(assets)
      .toEqual(
        expect.arrayContaining([
          'graphiql.css',
          'graphiql.js',
          'editor.worker.js',
          'json.worker.js',
          'graphql.worker.js',
        ]),
      );
    expect(requested.filter((url) => new URL(url).origin !== origin && !/^(data|blob):/.test(url))).toEqual(
      [],
    );
    expect(leftTheOrigin).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('answers a query typed into it with the graph’s data', async () => {
    const { data } = await server.gql<{ stats: { files: number } }>('{ stats { files } }');
    await run('{ stats { files } }');
    await expect
      .poll(async () => {
        try {
          return JSON.parse(await responsePane());
        } catch {
          return undefined; // not answered yet
        }
      })
      .toEqual({ data: { stats: { files: data!.stats.files } } });
    expect(leftTheOrigin).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('runs a subscription over its WebSocket to the same server, and shows a revision as it happens', async () => {
    const before = (await server.gql<{ stats: { revision: number } }>('{ stats { revision } }')).data!.stats
      .revision;
    const socket = page.waitForEvent('websocket');
    // From the revision before the edit: it reaches the page however late the subscription starts.
    await run(`subscription { graphChanged(since: ${before}) { revision files } }`);
    const url = new URL((await socket).url());
    expect([url.protocol, url.host, url.pathname]).toEqual(['ws:', new URL(server.url).host, '/graphql']);
    appendFileSync(path.join(project, 'src/math.ts'), '\nexport function addedByGraphiql() {}\n');
    await expect.poll(responsePane, { timeout: 15_000 }).toContain(`"revision": ${before + 1},`);
    expect(await responsePane()).toContain('"src/math.ts"');
    expect(leftTheOrigin).toEqual([]);
    expect(logged).toEqual([]);
  });
});
