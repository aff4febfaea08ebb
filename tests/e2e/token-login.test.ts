/**
 * The web UI of a server that needs its token, in a real browser: opened once with
 * `/?token=…`, it queries, subscribes and stays live on its session cookie alone.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, removeCopies } from '../helpers/fixtures.ts';
import { startServer, stopServers, type TestServer } from '../helpers/server.ts';

const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'e2e-token-0123456789abcdef';

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`The e2e tests need Debian's Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  server = await startServer(copyFixture('incremental'), { token: TOKEN });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stopServers();
  removeCopies();
});

describe('web UI behind a token', () => {
  it('works after one visit with ?token=, which leaves the address without it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/?token=${TOKEN}#/`);
    expect(page.url()).toBe(`${server.url}/#/`);
    // Live: the WebSocket was accepted (same origin, session cookie).
    await page.waitForSelector('[data-testid=connection][data-state=live]');
    const { data } = await server.gql<{ stats: { files: number } }>('{ stats { files } }', undefined, {
      authorization: `Bearer ${TOKEN}`,
    });
    await expect
      .poll(async () => Number(await page.getByTestId('count-files').textContent()), { timeout: 15_000 })
      .toBe(data!.stats.files);
    await context.close();
  });

  it('reads nothing without it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const answers: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/graphql') answers.push(response.status());
    });
    await page.goto(`${server.url}/#/`);
    await expect.poll(() => answers.length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(answers.every((status) => status === 401)).toBe(true);
    expect(await page.getByTestId('connection').getAttribute('data-state')).not.toBe('live');
    // The page says how to get in, rather than "reconnecting" forever.
    await expect
      .poll(() => page.getByTestId('token-banner').textContent(), { timeout: 15_000 })
      .toContain('/?token=');
    await context.close();
  });
});
