/**
 * codenav as a user installs it: `npm pack`, `npm install ./codenav-X.tgz` into an empty folder
 * (dependencies from the npm registry), then the installed `codenav` command.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killCommands, listeningUrl, spawnCommand } from '../helpers/cli.ts';
import { copyFixture, removeCopies } from '../helpers/fixtures.ts';
import { type InstalledPackage, installPackage } from '../helpers/package.ts';
import { subscribeWs } from '../helpers/subscriptions.ts';

const run = promisify(execFile);
let installed: InstalledPackage;

beforeAll(async () => {
  installed = await installPackage();
}, 300_000);

afterAll(() => {
  killCommands();
  removeCopies();
});

describe('the package installed from its tarball', () => {
  it('holds the compiled server, the built UI and the command, and no TypeScript source', () => {
    const files = readdirSync(installed.packageDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => statSync(path.join(installed.packageDir, file)).isFile())
      .map((file) => file.split(path.sep).join('/'));
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'bin/codenav.mjs',
        'dist/main.js',
        'dist/analysis-worker.js',
        'client/dist/index.html',
      ]),
    );
    const outside = files.filter(
      (file) => !/^(bin|dist|client\/dist)\//.test(file) && !['package.json', 'README.md'].includes(file),
    );
    expect(outside).toEqual([]);
    expect(files.filter((file) => /\.(ts|tsx|mts)$/.test(file))).toEqual([]);
  });

  it('installs its production dependencies only: no tsx, esbuild, TypeScript, bundler or bundled library', async () => {
    const manifest = JSON.parse(readFileSync(path.join(installed.packageDir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const installedHere = (name: string) => existsSync(path.join(installed.dir, 'node_modules', name));
    expect(Object.keys(manifest.dependencies).filter((name) => !installedHere(name))).toEqual([]);
    const absent = [
      'tsx',
      'esbuild',
      'typescript',
      'vite',
      'vitest',
      'rolldown',
      'graphql-yoga',
      '@graphql-yoga/render-graphiql',
      '@pothos/core',
    ];
    expect(absent.filter(installedHere)).toEqual([]);
  });

  it('answers --version and --help', async () => {
    const manifest = JSON.parse(readFileSync(path.join(installed.packageDir, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect((await run(installed.bin, ['--version'])).stdout).toBe(`codenav ${manifest.version}\n`);
    expect((await run(installed.bin, ['serve', '--help'])).stdout).toMatch(/^Usage: codenav serve \[dir\]/);
  });

  it('serves the web UI, GraphiQL, the API and a subscription', async () => {
    const project = copyFixture('incremental');
    const served = spawnCommand(installed.bin, ['serve', project, '--port', '0', '--log-level', 'warn'], {
      cwd: installed.dir,
    });
    const url = await listeningUrl(served);

    // At once, while the GraphQL server may still be loading: the WebSocket waits for it.
    const revisions = subscribeWs(url, { since: 0 });
    const files = (
      await revisions.until((items) => new Set(items.flatMap((r) => r.files)).size >= 5)
    ).flatMap((r) => r.files);
    expect([...new Set(files)].sort()).toEqual([
      'src/app.ts',
      'src/calc.ts',
      'src/factory.ts',
      'src/index.ts',
      'src/math.ts',
    ]);
    await revisions.close();

    const query = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ stats { files } }' }),
    });
    expect(await query.json()).toEqual({ data: { stats: { files: 5 } } });

    // GraphiQL from the package itself: its page names only files the server has.
    const graphiql = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
    expect(graphiql.status).toBe(200);
    const graphiqlPage = await graphiql.text();
    expect(graphiqlPage).toMatch(/graphiql/i);
    const graphiqlFiles = [...graphiqlPage.matchAll(/(?:src|href)="([^"]+)"/g)].map(([, file]) => file!);
    expect(graphiqlFiles.filter((file) => !file.startsWith('/graphiql/'))).toEqual([]);
    expect(graphiqlFiles.some((file) => file.endsWith('/graphiql.js'))).toBe(true);
    for (const file of graphiqlFiles) {
      const answer = await fetch(`${url}${file}`);
      expect(answer.status, file).toBe(200);
      await answer.arrayBuffer();
    }

    const page = await fetch(`${url}/`);
    const html = await page.text();
    expect(html).not.toMatch(/not built/);
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, html).toBeDefined();
    const asset = await fetch(`${url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);

    served.child.kill('SIGTERM');
    const code = await served.exited;
    expect({ code, stderr: served.stderr() }).toEqual({ code: 0, stderr: '' });
  }, 60_000);
});
