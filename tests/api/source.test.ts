/**
 * Source text on the API: a symbol's declaration and its callers' call-site lines, read from the
 * analyzed root as the files are now, never from outside it.
 */
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  constants,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, removeCopies, tempDir } from '../helpers/fixtures.ts';
import { errorCodes, type GraphqlTarget, startInProcess, stopServers } from '../helpers/server.ts';

let server: GraphqlTarget;
let root: string;
type Data = Record<string, any>;

beforeAll(async () => {
  root = copyFixture('resolution');
  server = await startInProcess(root);
});
afterAll(async () => {
  await stopServers();
  removeCopies();
});

async function source(key: string, args = '') {
  const { data, errors } = await server.gql<Data>(
    `query($key: String!) { codeNode(key: $key) { ... on CodeSymbol { source${args} { text startLine endLine truncated language matchesGraph } } } }`,
    { key },
  );
  expect(errors).toBeUndefined();
  return data!.codeNode.source;
}

const linesOf = (file: string, from: number, to: number) =>
  readFileSync(path.join(root, file), 'utf8')
    .split('\n')
    .slice(from - 1, to)
    .join('\n');

describe('source text', () => {
  it('gives a symbol the lines of its declaration, as the analyzed file has them', async () => {
    expect(await source('src/lib/math.ts#sum')).toEqual({
      text: 'export function sum(a: number, b: number): number {\n  return a + b;\n}',
      startLine: 1,
      endLine: 3,
      truncated: false,
      language: 'typescript',
      matchesGraph: true,
    });
    const cart = await source('src/lib/cart.ts#Cart');
    expect(cart.text).toBe(linesOf('src/lib/cart.ts', 10, 34));
  });

  it('hashes every file as the analysis does, JavaScript and JSX included', async () => {
    const { data } = await server.gql<Data>(
      '{ symbols(first: 100) { edges { node { key source { matchesGraph } } } } }',
    );
    const sources = data!.symbols.edges.map((e: Data) => [e.node.key, e.node.source?.matchesGraph]);
    expect(sources.length).toBeGreaterThan(30);
    expect(sources.filter(([, matches]: [string, boolean]) => matches !== true)).toEqual([]);
  });

  it('shows the text of UTF-16 files (LE and BE, with a byte-order mark) as the analysis read it', async () => {
    const dir = tempDir('codenav-source-utf16-');
    const withMark = (text: string) => Buffer.from(`\ufeff${text}`, 'utf16le');
    writeFileSync(
      path.join(dir, 'le.ts'),
      withMark('export function greet(): string {\n  return "héllo";\n}\n'),
    );
    writeFileSync(
      path.join(dir, 'be.ts'),
      withMark('// big-endian\nexport function shout(): string {\n  return "HÉLLO";\n}\n').swap16(),
    );
    const utf16 = await startInProcess(dir);
    const { data, errors } = await utf16.gql<Data>(
      '{ greet: codeNode(key: "le.ts#greet") { ... on CodeSymbol { source { text startLine matchesGraph } } } shout: codeNode(key: "be.ts#shout") { ... on CodeSymbol { source { text startLine matchesGraph } } } }',
    );
    expect(errors).toBeUndefined();
    expect(data!.greet.source).toEqual({
      text: 'export function greet(): string {\n  return "héllo";\n}',
      startLine: 1,
      matchesGraph: true,
    });
    expect(data!.shout.source).toEqual({
      text: 'export function shout(): string {\n  return "HÉLLO";\n}',
      startLine: 2,
      matchesGraph: true,
    });
  });

  it('cuts a long declaration at maxLines and says so', async () => {
    expect(await source('src/lib/cart.ts#Cart', '(maxLines: 5)')).toMatchObject({
      text: linesOf('src/lib/cart.ts', 10, 14),
      startLine: 10,
      endLine: 14,
      truncated: true,
    });
  });

  it('shows the line of each caller’s first call site, with context lines on request', async () => {
    const { data } = await server.gql<Data>(`{
      codeNode(key: "src/lib/math.ts#sum") { ... on CodeSymbol {
        incomingCalls { caller { key } firstLine source { text startLine } wide: source(context: 1) { text startLine endLine } }
      } }
    }`);
    const calls = Object.fromEntries(data!.codeNode.incomingCalls.map((c: Data) => [c.caller.key, c]));
    expect(calls['src/shop.ts#lazyTotal'].source).toEqual({
      text: '  return lazy.sum(1, 2);',
      startLine: calls['src/shop.ts#lazyTotal'].firstLine,
    });
    const checkout = calls['src/shop.ts#Shop.checkout'];
    expect(checkout.source.text).toBe('    math.sum(1, 2);');
    expect(checkout.wide).toEqual({
      text: linesOf('src/shop.ts', checkout.firstLine - 1, checkout.firstLine + 1),
      startLine: checkout.firstLine - 1,
      endLine: checkout.firstLine + 1,
    });
  });

  it('refuses line bounds beyond the limits as BAD_USER_INPUT', async () => {
    const bad = await server.gql(
      '{ codeNode(key: "src/lib/math.ts#sum") { ... on CodeSymbol { source(maxLines: 0) { text } } } }',
    );
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    const wide = await server.gql(
      '{ codeNode(key: "src/lib/math.ts#sum") { ... on CodeSymbol { incomingCalls { source(context: 11) { text } } } } }',
    );
    expect(errorCodes(wide)[0]).toBe('BAD_USER_INPUT');
  });

  it('reads the live file, and says when it no longer matches the graph’s revision', async () => {
    appendFileSync(path.join(root, 'src/kinds.ts'), '\n// edited after the analysis\n');
    const tick = await source('src/kinds.ts#tick');
    expect(tick.matchesGraph).toBe(false);
    expect(tick.text).toBe(linesOf('src/kinds.ts', tick.startLine, tick.endLine));
  });

  it('reads nothing outside the root: a file swapped for a link out of it has no source', async () => {
    const outside = tempDir('codenav-outside-');
    writeFileSync(path.join(outside, 'secret.ts'), 'export function triple() { return "secret"; }\n');
    rmSync(path.join(root, 'src/geometry.ts'));
    symlinkSync(path.join(outside, 'secret.ts'), path.join(root, 'src/geometry.ts'));
    expect(await source('src/geometry.ts#Shape')).toBeNull();
    rmSync(path.join(root, 'src/unresolved.ts'));
    expect(await source('src/unresolved.ts#useMissing')).toBeNull();
  });

  it('does not wait on a FIFO that took a file’s place: it has no source, and the server goes on', async () => {
    const fifo = path.join(root, 'src/shapes.ts');
    rmSync(fifo);
    execFileSync('mkfifo', [fifo]);
    try {
      // Four at once: as many as the threads every file operation of the server shares.
      const answers = await Promise.all(Array.from({ length: 4 }, () => source('src/shapes.ts#Square')));
      expect(answers).toEqual([null, null, null, null]);
      expect((await source('src/lib/math.ts#sum')).text).toBe(linesOf('src/lib/math.ts', 1, 3));
    } finally {
      // A reader still waiting (before the fix) is let go by a writer.
      try {
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {}
    }
  });
});
