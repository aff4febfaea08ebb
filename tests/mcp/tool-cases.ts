/**
 * Every tool called with good and with bad arguments on the `incremental` fixture (plus an
 * import cycle), the same for every transport: the answers a model would rely on.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import { copyFixture } from '../helpers/fixtures.ts';
import { commitBase } from '../helpers/git.ts';
import { keysOf, type McpTestClient } from '../helpers/mcp.ts';

/** The tool names of the contract (DESIGN.md, "MCP"). */
export const TOOL_NAMES = [
  'search_symbols',
  'get_symbol',
  'find_callers',
  'find_callees',
  'impact',
  'import_cycles',
  'unused_exports',
  'find_path',
  'changes_since',
  'diff_impact',
];

/**
 * A writable copy of the fixture with two files that import each other, committed to git as
 * `main`, then `add` edited in the work tree (for `diff_impact`).
 */
export function mcpFixture(): string {
  const dir = copyFixture('incremental');
  commitBase(dir, {
    'src/ring-a.ts': "import { b } from './ring-b';\nexport const a = () => b();\n",
    'src/ring-b.ts': "import { a } from './ring-a';\nexport const b = (): number => a();\n",
  });
  writeFileSync(path.join(dir, 'src/math.ts'), MATH_NOW);
  return dir;
}

/** src/math.ts in the work tree: `add`'s body differs from the commit. */
const MATH_NOW = `export function add(a: number, b: number): number {
  return b + a;
}

export function mul(a: number, b: number): number {
  return a * b;
}
`;

type Structured = Record<string, unknown>;

/** Tool calls that succeed, with what their structured content must hold. */
export const GOOD_CALLS: readonly {
  readonly tool: string;
  readonly args: Record<string, unknown>;
  check(structured: Structured, text: string): void;
}[] = [
  {
    tool: 'search_symbols',
    args: { query: 'add' },
    check(s, text) {
      expect(keysOf(s.symbols)[0]).toBe('src/math.ts#add');
      expect(s.symbols).toContainEqual(
        expect.objectContaining({
          key: 'src/math.ts#add',
          kind: 'FUNCTION',
          name: 'add',
          file: 'src/math.ts',
          line: 1,
        }),
      );
      expect(s).toMatchObject({ hasNextPage: false });
      expect(text).toContain('src/math.ts#add');
    },
  },
  {
    tool: 'search_symbols',
    args: { kinds: ['CLASS'], first: 1 },
    check(s) {
      expect(keysOf(s.symbols)).toEqual(['src/factory.ts#Engine']);
      expect(s).toMatchObject({ totalCount: 2, hasNextPage: true });
      expect(typeof s.endCursor).toBe('string');
    },
  },
  {
    tool: 'get_symbol',
    args: { key: 'src/math.ts#add' },
    check(s, text) {
      expect(s.symbol).toMatchObject({
        key: 'src/math.ts#add',
        kind: 'FUNCTION',
        name: 'add',
        path: 'src/math.ts',
        startLine: 1,
        endLine: 3,
        exported: true,
      });
      expect(String((s.symbol as Structured).signature)).toContain('a: number');
      expect(s.source).toMatchObject({ startLine: 1, endLine: 3, truncated: false, matchesGraph: true });
      expect((s.source as Structured).text).toContain('return b + a;');
      expect(text).toContain('return b + a;');
    },
  },
  {
    tool: 'get_symbol',
    args: { key: 'src/factory.ts#Engine', maxLines: 1 },
    check(s) {
      expect(s.contains).toEqual(['src/factory.ts#Engine.start']);
      expect(s.source).toMatchObject({ text: 'export class Engine {', truncated: true });
    },
  },
  {
    tool: 'find_callers',
    args: { key: 'src/math.ts#add' },
    check(s) {
      expect(keysOf(s.callers).sort()).toEqual(['src/app.ts#run', 'src/calc.ts#total']);
      expect(s).toMatchObject({ key: 'src/math.ts#add', depth: 1 });
    },
  },
  {
    tool: 'find_callees',
    args: { key: 'src/app.ts#run' },
    check(s) {
      expect(keysOf(s.callees)).toEqual(
        expect.arrayContaining(['src/factory.ts#make', 'src/math.ts#add', 'src/factory.ts#Engine.start']),
      );
    },
  },
  {
    tool: 'impact',
    args: { keys: ['src/math.ts#mul'] },
    check(s) {
      // Nothing calls `mul`, but src/index.ts re-exports it (`export * from './math'`), and
      // src/app.ts imports from src/index.ts: public API is not safe to delete.
      expect((s.impacted as Structured[]).map((i) => [i.key, i.depth])).toEqual([
        ['src/index.ts', 1],
        ['src/app.ts', 2],
      ]);
    },
  },
  {
    tool: 'impact',
    args: { keys: ['src/math.ts#add'], depth: 2 },
    check(s) {
      expect(s.impacted).toContainEqual(expect.objectContaining({ key: 'src/calc.ts#total', depth: 1 }));
      expect(s.impacted).toContainEqual(expect.objectContaining({ key: 'src/app.ts#run', depth: 1 }));
    },
  },
  {
    tool: 'import_cycles',
    args: {},
    check(s) {
      expect(s.cycles).toEqual([{ files: ['src/ring-a.ts', 'src/ring-b.ts'] }]);
    },
  },
  {
    tool: 'unused_exports',
    args: { pathPrefix: 'src/factory.ts' },
    check(s) {
      // Engine is only used inside its own file (by make).
      expect(keysOf(s.symbols)).toEqual(['src/factory.ts#Engine', 'src/factory.ts#Motor']);
      expect(s).toMatchObject({ totalCount: 2, hasNextPage: false });
    },
  },
  {
    tool: 'find_path',
    args: { from: 'src/app.ts#run', to: 'src/math.ts#add', via: ['CALLS'] },
    check(s) {
      expect(s.found).toBe(true);
      expect(keysOf(s.nodes)).toEqual(['src/app.ts#run', 'src/math.ts#add']);
      expect(s.edges).toEqual([{ type: 'CALLS', from: 'src/app.ts#run', to: 'src/math.ts#add' }]);
    },
  },
  {
    tool: 'find_path',
    args: { from: 'src/math.ts#add', to: 'src/app.ts#run' },
    check(s, text) {
      expect(s).toMatchObject({ found: false, nodes: [], edges: [] });
      expect(text).toContain('No path');
    },
  },
  {
    tool: 'changes_since',
    args: { since: 0 },
    check(s) {
      // The first analysis is no change; edits are (see the subscription tests).
      expect(s).toMatchObject({ since: 0, changes: [] });
      expect(s.revision).toBeGreaterThanOrEqual(1);
    },
  },
  {
    tool: 'diff_impact',
    args: { base: 'main' },
    check(s, text) {
      expect(s).toMatchObject({ base: 'main', depth: 3, affectedTests: [] });
      expect(s.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(s.changed).toEqual([expect.objectContaining({ kind: 'BODY_CHANGED', key: 'src/math.ts#add' })]);
      expect(keysOf(s.affected)).toEqual(expect.arrayContaining(['src/calc.ts#total', 'src/app.ts#run']));
      expect(text).toContain('Against main');
    },
  },
];

/** Tool calls with bad arguments, each with what its error message must say. */
export const BAD_CALLS: readonly {
  readonly tool: string;
  readonly args: Record<string, unknown>;
  readonly message: RegExp;
}[] = [
  { tool: 'search_symbols', args: { first: 501 }, message: /first/ },
  {
    tool: 'search_symbols',
    args: { name: 'add' },
    message: /unknown argument "name": this tool takes query/,
  },
  { tool: 'get_symbol', args: { key: 'src/nope.ts#x' }, message: /^get_symbol: NOT_FOUND: / },
  { tool: 'search_symbols', args: { kinds: ['FILE'] }, message: /kinds/ },
  { tool: 'search_symbols', args: { pathPrefix: '../outside' }, message: /pathPrefix/ },
  { tool: 'search_symbols', args: { after: 'not-a-cursor' }, message: /cursor/i },
  {
    tool: 'get_symbol',
    args: { key: 'src/nope.ts#missing' },
    message: /no node has the key "src\/nope\.ts#missing"/,
  },
  { tool: 'get_symbol', args: { key: '../../etc/passwd' }, message: /no node has the key/ },
  { tool: 'get_symbol', args: {}, message: /key/ },
  { tool: 'find_callers', args: { key: 'src/math.ts#add', depth: 11 }, message: /depth/ },
  { tool: 'find_callees', args: { key: 'src/nope.ts#x' }, message: /no node has the key/ },
  { tool: 'impact', args: { keys: [] }, message: /keys/ },
  { tool: 'impact', args: { keys: ['src/math.ts#add', 'src/gone.ts#x'] }, message: /src\/gone\.ts#x/ },
  { tool: 'import_cycles', args: { includeTypeOnly: 'yes' }, message: /includeTypeOnly/ },
  { tool: 'unused_exports', args: { pathPrefix: '/etc' }, message: /pathPrefix/ },
  {
    tool: 'find_path',
    args: { from: 'src/app.ts#run', to: 'src/math.ts#add', maxDepth: 16 },
    message: /maxDepth/,
  },
  {
    tool: 'find_path',
    args: { from: 'src/app.ts#run', to: 'nowhere' },
    message: /no node has the key "nowhere"/,
  },
  { tool: 'changes_since', args: { since: -1 }, message: /since/ },
  { tool: 'changes_since', args: { since: 1_000_000 }, message: /REVISION_EXPIRED: since 1000000 is ahead/ },
  { tool: 'changes_since', args: { since: 0, pathPrefix: '../x' }, message: /pathPrefix/ },
  { tool: 'diff_impact', args: { base: '' }, message: /base/ },
  { tool: 'diff_impact', args: { base: 'no-such-branch' }, message: /no-such-branch/ },
  { tool: 'diff_impact', args: { base: 'main', depth: 0 }, message: /depth/ },
];

/** Lists the tools and checks each has a described JSON input schema. */
export async function checkToolList(mcp: McpTestClient): Promise<void> {
  const { tools } = await mcp.client.listTools();
  expect(tools.map((t) => t.name).sort()).toEqual([...TOOL_NAMES].sort());
  for (const tool of tools) {
    expect(tool.description?.length, tool.name).toBeGreaterThan(80);
    expect(tool.inputSchema.type).toBe('object');
    for (const [name, property] of Object.entries(tool.inputSchema.properties ?? {}))
      expect((property as { description?: string }).description, `${tool.name}.${name}`).toBeTruthy();
    expect(tool.annotations?.readOnlyHint).toBe(true);
  }
}

/** Calls every good and bad case; the session keeps answering after each error. */
export async function checkToolCalls(mcp: McpTestClient): Promise<void> {
  for (const good of GOOD_CALLS) {
    const answer = await mcp.call(good.tool, good.args);
    expect(answer.isError, `${good.tool}: ${answer.text}`).toBeFalsy();
    expect(answer.structured?.analysis, good.tool).toMatchObject({ state: 'READY', complete: true });
    good.check(answer.structured!, answer.text);
  }
  for (const bad of BAD_CALLS) {
    const answer = await mcp.call(bad.tool, bad.args);
    expect(answer.isError, `${bad.tool} ${JSON.stringify(bad.args)}`).toBe(true);
    expect(answer.text, bad.tool).toMatch(bad.message);
  }
  const after = await mcp.call('search_symbols', { query: 'mul' });
  expect(keysOf(after.structured?.symbols)).toEqual(['src/math.ts#mul']);
}

/**
 * Adds a function `name` to `file` and checks what a subscriber of `codenav://revision` sees:
 * the update, a higher revision, the change in `changes_since`, the symbol in a search.
 */
export async function checkEditNotified(
  mcp: McpTestClient,
  dir: string,
  file: string,
  name: string,
): Promise<void> {
  const before = await mcp.revision();
  appendFileSync(
    path.join(dir, file),
    `\nexport function ${name}(value: number): number {\n  return value / 2;\n}\n`,
  );
  expect(await mcp.nextUpdate()).toBe('codenav://revision');
  expect((await mcp.revision()).revision).toBeGreaterThan(before.revision);
  const key = `${file}#${name}`;
  const changes = await mcp.call('changes_since', { since: before.revision });
  expect(changes.structured?.changes).toContainEqual(
    expect.objectContaining({ key, revision: before.revision + 1 }),
  );
  const found = await mcp.call('search_symbols', { query: name });
  expect(keysOf(found.structured?.symbols)).toEqual([key]);
}
