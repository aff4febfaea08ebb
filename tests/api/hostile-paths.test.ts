/**
 * Paths from API users are untrusted: a huge one is refused before any file system work, the
 * walk that checks symlinks is linear, messages never echo a whole input, and a leading dot
 * is part of a name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPathGuard, type PathGuardFileSystem } from '../../server/http/path-guard.ts';
import { removeCopies, tempDir, writeFiles } from '../helpers/fixtures.ts';
import { errorCodes, startServer, stopServers, type TestServer } from '../helpers/server.ts';
import { subscribeWs } from '../helpers/subscriptions.ts';

/** The real file system, counting each call the guard makes. */
function countingFileSystem(): PathGuardFileSystem & { calls: number } {
  const counter = {
    calls: 0,
    lstatSync(p: string) {
      counter.calls++;
      return fs.lstatSync(p);
    },
    realpathSync(p: string) {
      counter.calls++;
      return fs.realpathSync.native(p);
    },
  };
  return counter;
}

/** `a/a/a/…`: 512 KB, as a hostile client once sent it. */
const HUGE = 'a/'.repeat(256 * 1024);

function project(files: Record<string, string>): string {
  const root = tempDir('codenav-paths-');
  writeFiles(root, files);
  return root;
}

afterAll(async () => {
  await stopServers();
  removeCopies();
});

describe('the path guard', () => {
  it('refuses a 512 KB path before touching the file system, without echoing it', () => {
    const fileSystem = countingFileSystem();
    const check = createPathGuard(project({ 'a/x.ts': '' }), fileSystem);
    const before = fileSystem.calls;
    const result = check(HUGE);
    expect(fileSystem.calls).toBe(before);
    expect(result).toEqual({ error: `a path has at most 4096 characters, got ${HUGE.length}` });
  });

  it('refuses a path of too many segments before touching the file system', () => {
    const fileSystem = countingFileSystem();
    const check = createPathGuard(project({ 'a/x.ts': '' }), fileSystem);
    const before = fileSystem.calls;
    expect(check('a/'.repeat(300))).toEqual({ error: 'a path has at most 256 segments, got 301' });
    expect(fileSystem.calls).toBe(before);
  });

  it('walks an existing path with one call per segment, and stops at the first missing one', () => {
    const depth = 200;
    const root = tempDir('codenav-deep-');
    const nested = Array.from({ length: depth }, () => 'd').join('/');
    fs.mkdirSync(path.join(root, nested), { recursive: true });
    const fileSystem = countingFileSystem();
    const check = createPathGuard(root, fileSystem);

    let before = fileSystem.calls;
    expect(check(`${nested}/x.ts`)).toEqual({ path: `${nested}/x.ts` });
    // One lstat per folder, one for the missing file: linear, not one realpath per prefix.
    expect(fileSystem.calls - before).toBe(depth + 1);

    before = fileSystem.calls;
    expect(check(`missing/${nested}`)).toEqual({ path: `missing/${nested}` });
    expect(fileSystem.calls - before).toBe(1);
  });

  it('keeps a leading dot and a trailing slash, and drops empty and "." segments', () => {
    const check = createPathGuard(project({ '.storybook/main.ts': '' }));
    expect(check('.storybook/main.ts')).toEqual({ path: '.storybook/main.ts' });
    expect(check('./.storybook//main.ts')).toEqual({ path: '.storybook/main.ts' });
    expect(check('.x')).toEqual({ path: '.x' });
    expect(check('src/')).toEqual({ path: 'src/' });
    expect(check('./')).toEqual({ path: '' });
  });

  it('refuses a symlink out of the root and follows one that stays inside', () => {
    const root = project({ 'src/real/a.ts': '' });
    const outside = tempDir('codenav-outside-');
    fs.symlinkSync(outside, path.join(root, 'src/out'));
    fs.symlinkSync(path.join(root, 'src/real'), path.join(root, 'src/alias'));
    const check = createPathGuard(root);
    expect(check('src/out/secret.ts')).toEqual({
      error: '"src/out/secret.ts" leads out of the analyzed root through a symlink',
    });
    expect(check('src/alias/a.ts')).toEqual({ path: 'src/alias/a.ts' });
  });

  it('quotes only the start of a long refused path', () => {
    const check = createPathGuard(project({ 'a.ts': '' }));
    const long = `${'b'.repeat(3000)}/../x`;
    const result = check(long) as { error: string };
    expect(result.error).toBe(
      `"${'b'.repeat(80)}"… (${long.length} characters) leaves the analyzed root ("..")`,
    );
  });
});

describe('hostile paths over the API', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer(
      project({
        '.storybook/main.ts': 'export const stories = ["x"];\n',
        '.x/hidden.ts': 'export const hidden = 1;\n',
        'x/plain.ts': 'export const plain = 1;\n',
      }),
    );
  });

  it.each([
    ['file', 'query($p: String!) { file(path: $p) { path } }', { p: HUGE }],
    ['symbols', 'query($p: String!) { symbols(pathPrefix: $p) { totalCount } }', { p: HUGE }],
    ['reanalyze', 'mutation($p: String!) { reanalyze(paths: [$p]) { revision } }', { p: HUGE }],
  ])('answers a 512 KB path to %s with BAD_USER_INPUT and a short message', async (_, query, variables) => {
    const body = await server.gql(query, variables);
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0]?.message).toMatch(/a path has at most 4096 characters, got 524288$/);
    expect(JSON.stringify(body).length).toBeLessThan(1000);
  });

  it('answers a 512 KB pathPrefix of graphChanged with BAD_USER_INPUT', async () => {
    const received = subscribeWs(server.url, { pathPrefix: HUGE });
    await expect(received.until(() => false)).rejects.toThrow(/BAD_USER_INPUT/);
    expect(JSON.stringify(received.errors).length).toBeLessThan(1000);
    await received.close();
  });

  it('answers a 512 KB since of graphChanged with BAD_USER_INPUT and a short message', async () => {
    const received = subscribeWs(server.url, { since: HUGE });
    await expect(received.until(() => false)).rejects.toThrow(/BAD_USER_INPUT/);
    expect(JSON.stringify(received.errors)).toMatch(/^.{0,999}$/);
    await received.close();
  });

  it('does not echo a long unknown key in NOT_FOUND', async () => {
    const key = 'k'.repeat(100_000);
    const body = await server.gql('query($k: String!) { neighbourhood(key: $k) { nodes { key } } }', {
      k: key,
    });
    expect(errorCodes(body)).toEqual(['NOT_FOUND']);
    expect(body.errors?.[0]?.message).toBe(`no node with key "${'k'.repeat(80)}"… (100000 characters)`);
  });

  it.each([
    ['a string for an Int variable', 'query($n: Int) { symbols(first: $n) { totalCount } }', { n: HUGE }],
    [
      'an unknown enum value',
      'query($k: [SymbolKind!]) { symbols(kinds: $k) { totalCount } }',
      { k: [HUGE] },
    ],
    [
      'an object for an Int variable',
      'query($n: Int) { symbols(first: $n) { totalCount } }',
      { n: { [HUGE]: 1 } },
    ],
  ])('answers %s of 512 KB with BAD_USER_INPUT and a short message', async (_, query, variables) => {
    const body = await server.gql(query, variables);
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0]?.message).toMatch(/^Variable "\$[nk]" got invalid value .*… \(\d+ characters\)/);
    expect(JSON.stringify(body).length).toBeLessThan(1000);
  });

  it('answers a 512 KB literal that does not validate with a short message', async () => {
    const body = await server.gql(`{ symbols(kinds: [${'A'.repeat(512 * 1024)}]) { totalCount } }`);
    expect(errorCodes(body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(body.errors?.[0]?.message).toMatch(/^Value "AAAA.*… \(\d+ characters\)$/);
    expect(JSON.stringify(body).length).toBeLessThan(1000);
  });

  it('finds a file whose path starts with a dot, and filters by a dotted prefix exactly', async () => {
    type Data = { file: { path: string }; dotted: { edges: { node: { path: string } }[] } };
    const body = await server.gql<Data>(
      '{ file(path: ".storybook/main.ts") { path } dotted: files(pathPrefix: ".x") { edges { node { path } } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.file.path).toBe('.storybook/main.ts');
    expect(body.data?.dotted.edges.map((e) => e.node.path)).toEqual(['.x/hidden.ts']);
  });
});
