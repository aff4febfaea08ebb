/**
 * The MCP tools as a coding agent meets them, over the SDK's in-memory transport: arguments it
 * guessed wrong, errors it must tell apart, answers sized for its context, and catching up on
 * revisions without a gap.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryEvents } from '../../server/events/memory-engine.ts';
import type { EventsEngine, ProgressEvent, RevisionEvent } from '../../server/events/port.ts';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import type { GraphStore } from '../../server/graph/port.ts';
import { createMcpFront, type McpFront, type McpServices } from '../../server/mcp/index.ts';
import type { Change, GraphNode } from '../../server/model/index.ts';
import type { SemanticChange } from '../../server/semantic/index.ts';
import { capturedLogger } from '../helpers/log.ts';
import { keysOf } from '../helpers/mcp.ts';
import { TOOL_NAMES } from './tool-cases.ts';

const READY: ProgressEvent = { state: 'READY', phase: 'DONE', filesDone: 1, filesTotal: 1, durationMs: 1 };

let fronts: McpFront[] = [];
afterEach(async () => {
  await Promise.all(fronts.map((front) => front.close()));
  fronts = [];
});

async function connect(
  store: GraphStore,
  events: EventsEngine = createMemoryEvents(),
  more: Partial<McpServices> = {},
) {
  const front = createMcpFront({
    services: {
      store,
      events,
      analysis: () => READY,
      checkPath: (path) => (path.includes('..') ? { error: 'no `..` in a path' } : { path }),
      ...more,
    },
    logger: capturedLogger().logger,
    version: '0.0.0-test',
  });
  fronts.push(front);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await front.createServer().connect(serverSide);
  const client = new Client({ name: 'agent', version: '1' });
  await client.connect(clientSide);
  const call = async (name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name, arguments: args });
    return {
      isError: result.isError === true,
      text: (result.content as { text: string }[]).map((c) => c.text).join('\n'),
      structured: result.structuredContent as any,
    };
  };
  return { client, call, front };
}

const symbol = (key: string): GraphNode => {
  const name = key.slice(key.indexOf('#') + 1);
  return {
    key,
    kind: 'FUNCTION',
    props: { name, qualifiedName: name, path: key.slice(0, key.indexOf('#')), startLine: 1, endLine: 1 },
  };
};
const added = (node: GraphNode): Change => ({ op: 'NODE_ADDED', node });
const edge = (type: 'CALLS' | 'CONTAINS', from: string, to: string): Change => ({
  op: 'EDGE_ADDED',
  edge: { type, from, to, props: {} },
});
const numbered = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

/** `target` with 1,200 callers, `exact` with 1,000, `lonely` with three, and a file of 250 functions. */
async function bigGraph(): Promise<GraphStore> {
  const store = createMemoryStore();
  const callers = numbered('src/c.ts#c', 1200);
  const thousand = numbered('src/e.ts#e', 1000);
  const few = numbered('src/d.ts#d', 3);
  const members = numbered('src/big.ts#f', 250);
  await store.apply({
    files: ['src/a.ts'],
    changes: [
      added(symbol('src/a.ts#target')),
      added(symbol('src/a.ts#lonely')),
      added(symbol('src/a.ts#exact')),
      added({ key: 'src/big.ts', kind: 'FILE', props: { path: 'src/big.ts' } }),
      ...[...callers, ...thousand, ...few, ...members].map((key) => added(symbol(key))),
      ...thousand.map((key) => edge('CALLS', key, 'src/a.ts#exact')),
      ...callers.map((key) => edge('CALLS', key, 'src/a.ts#target')),
      ...few.map((key) => edge('CALLS', key, 'src/a.ts#lonely')),
      ...members.map((key) => edge('CONTAINS', 'src/big.ts', key)),
    ],
  });
  return store;
}

describe('MCP tools for an agent', () => {
  it('refuses an argument the tool does not take, naming the ones it does', async () => {
    const { client, call } = await connect(createMemoryStore());
    // `name` for `query` used to be dropped in silence: the answer listed every symbol.
    const guessed = await call('search_symbols', { name: 'parseConfig' });
    expect(guessed.isError).toBe(true);
    expect(guessed.text).toContain(
      'unknown argument "name": this tool takes query, kinds, pathPrefix, exported, first, after',
    );
    const limit = await call('find_callers', { key: 'src/a.ts#x', limit: 5 });
    expect(limit.isError).toBe(true);
    expect(limit.text).toContain(
      'unknown argument "limit": this tool takes key, depth, first, includeOverrides',
    );
    // What the agent sees before calling says so too.
    const { tools } = await client.listTools();
    for (const tool of tools) expect(tool.inputSchema.additionalProperties, tool.name).toBe(false);
    // changes_since's pathPrefix keeps changes elsewhere that break code under it: said, not "only results in files …".
    const changes = tools.find((tool) => tool.name === 'changes_since')!.inputSchema.properties!;
    expect((changes.pathPrefix as { description: string }).description).toContain(
      'a change in another file that breaks code under the prefix is included',
    );
    // An unknown tool is a protocol error, -32602, as the spec says (it was a tool result,
    // NOT_FOUND), naming the tools there are.
    const unknown = await client.callTool({ name: 'find_symbol', arguments: {} }).then(
      () => undefined,
      (error: unknown) => error as { code: number; message: string },
    );
    expect(unknown?.code).toBe(-32602);
    expect(unknown?.message).toBe(
      'MCP error -32602: Unknown tool: "find_symbol": the tools are search_symbols, get_symbol, find_callers, find_callees, impact, import_cycles, unused_exports, find_path, changes_since, diff_impact',
    );
    // Wrong types are tool errors, in the same form as every other (they were the SDK's
    // `MCP error -32602: Input validation error: …`, with zod's issues as JSON).
    const wrongType = await call('get_symbol', { key: 42 });
    expect(wrongType).toEqual({
      isError: true,
      text: 'get_symbol: BAD_USER_INPUT: key must be a string, got 42',
      structured: { error: { code: 'BAD_USER_INPUT', message: 'key must be a string, got 42' } },
    });
    expect((await call('search_symbols', { first: 1000, exported: 'yes', query: null })).text).toBe(
      'search_symbols: BAD_USER_INPUT: query must be a string, got null; exported must be a boolean, got the string "yes"; first must be at most 500, got 1000',
    );
  });

  it('refuses a tools/call whose arguments are no object with the protocol error -32602 and a sentence', async () => {
    const { front } = await connect(createMemoryStore());
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await front.createServer().connect(serverSide);
    const answers: unknown[] = [];
    let answered!: () => void;
    const next = () =>
      new Promise<void>((resolve) => {
        answered = resolve;
      });
    clientSide.onmessage = (message) => {
      answers.push(message);
      answered();
    };
    await clientSide.start();
    for (const [id, params] of [
      [1, { name: 'get_symbol', arguments: 'str' }],
      [2, { name: 7, arguments: {} }],
    ] as const) {
      const reply = next();
      await clientSide.send({ jsonrpc: '2.0', id, method: 'tools/call', params: params as never });
      await reply;
    }
    // It was -32603 "internal error" with zod's issues as JSON.
    expect(answers).toEqual([
      {
        jsonrpc: '2.0',
        id: 1,
        error: {
          code: -32602,
          message:
            'Invalid params: params.arguments must be an object of the tool\'s arguments by name (e.g. {"key": "src/a.ts#f"}), got the string "str"',
        },
      },
      {
        jsonrpc: '2.0',
        id: 2,
        error: { code: -32602, message: "Invalid params: params.name must be a tool's name, got 7" },
      },
    ]);
  });

  it('gives every answer the graph revision it was asked at, for changes_since later', async () => {
    const store = createMemoryStore();
    await store.apply({ files: ['src/a.ts'], changes: [added(symbol('src/a.ts#one'))] });
    const { call } = await connect(store);
    const first = await call('search_symbols', { query: 'one' });
    expect(first.structured.revision).toBe(1);
    expect(first.text.split('\n').at(-1)).toBe('(answered at graph revision 1)');
    await store.apply({ files: ['src/a.ts'], changes: [added(symbol('src/a.ts#two'))] });
    for (const [tool, args] of [
      ['get_symbol', { key: 'src/a.ts#two' }],
      ['find_callers', { key: 'src/a.ts#two' }],
      ['find_callees', { key: 'src/a.ts#two' }],
      ['impact', { keys: ['src/a.ts#two'] }],
      ['import_cycles', {}],
      ['unused_exports', {}],
      ['find_path', { from: 'src/a.ts#one', to: 'src/a.ts#two' }],
    ] as const) {
      const answer = await call(tool, args);
      expect(answer.structured.revision, tool).toBe(2);
      expect(answer.text, tool).toMatch(/\n\(answered at graph revision 2\)$/);
    }
    // Errors have none: they answered nothing.
    expect((await call('get_symbol', { key: 'src/a.ts#nope' })).structured).not.toHaveProperty('revision');
  });

  it('gives every tool error of its own a code, in the text and as structured content', async () => {
    const { call } = await connect(createMemoryStore());
    const missing = await call('get_symbol', { key: 'src/a.ts#nope' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/^get_symbol: NOT_FOUND: no node has the key "src\/a\.ts#nope"/);
    expect(missing.structured.error).toMatchObject({ code: 'NOT_FOUND' });
    const outside = await call('search_symbols', { pathPrefix: '../etc' });
    expect(outside.text).toBe('search_symbols: BAD_USER_INPUT: pathPrefix: no `..` in a path');
    expect(outside.structured.error).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'pathPrefix: no `..` in a path',
    });
    const noGit = await call('diff_impact', { base: 'main' });
    expect(noGit.structured.error).toMatchObject({ code: 'NOT_AVAILABLE' });
  });

  it('returns the nearest `first` callers of a symbol with thousands, and says the rest were cut', async () => {
    const { call } = await connect(await bigGraph());
    const page = await call('find_callers', { key: 'src/a.ts#target' });
    expect(page.isError).toBe(false);
    expect(page.structured.callers).toHaveLength(100);
    expect(page.structured.callers.map((c: { key: string }) => c.key)).toEqual(numbered('src/c.ts#c', 100));
    expect(page.structured).toMatchObject({ totalCount: 1200, truncated: true });
    expect(page.text).toMatch(
      /^more than 1000 callers of src\/a\.ts#target within 1 call\(s\)\. Showing the nearest 100 of more than 1000: raise `first`/,
    );
    // The text lists 50 (it stopped at 20), each with the place to open.
    const listed = page.text.split('\n').filter((line) => line.startsWith('- '));
    expect(listed).toHaveLength(50);
    expect(listed[0]).toBe('- src/c.ts#c0000 (FUNCTION, src/c.ts:1)');
    expect(page.text).toContain('… and 50 more (see the structured content)');

    // All the walk holds: still cut, by the walk's own limit, and said.
    const most = await call('find_callers', { key: 'src/a.ts#target', first: 1000 });
    expect(most.structured.callers).toHaveLength(1000);
    expect(most.structured.truncated).toBe(true);
    expect(most.text).toContain(
      'Truncated: the walk stops at 1000 nodes and more lie within this depth; lower `depth` or ask about fewer keys.',
    );

    // Exactly as many as the walk holds: whole, and not said to be cut.
    const exact = await call('find_callers', { key: 'src/a.ts#exact', first: 1000 });
    expect(exact.structured.callers).toHaveLength(1000);
    expect(exact.structured).toMatchObject({ totalCount: 1000, truncated: false });
    expect(exact.text).toMatch(/^1000 callers of src\/a\.ts#exact within 1 call\(s\)\.\n/);
    const exactImpact = await call('impact', { keys: ['src/a.ts#exact'], depth: 1, first: 1000 });
    expect(exactImpact.structured).toMatchObject({ totalCount: 1000, truncated: false });

    const few = await call('find_callers', { key: 'src/a.ts#lonely' });
    expect(few.structured).toMatchObject({ totalCount: 3, truncated: false });
    expect(few.text).not.toContain('Showing');

    const impacted = await call('impact', { keys: ['src/a.ts#target'], first: 10 });
    expect(impacted.structured.impacted).toHaveLength(10);
    expect(impacted.structured).toMatchObject({ truncated: true });
    const cutImpact = await call('impact', { keys: ['src/a.ts#target'], depth: 1, first: 1000 });
    expect(cutImpact.structured).toMatchObject({ totalCount: 1001, truncated: true });
    expect(cutImpact.text).toMatch(
      /^more than 1000 node\(s\) depend on src\/a\.ts#target within 1 edge\(s\)\. Truncated:/,
    );
    // The same question, the same answer.
    expect(await call('impact', { keys: ['src/a.ts#target'], first: 10 })).toEqual(impacted);
  });

  it('names the files whose top-level code calls a symbol, so a function used only by tests is not dead', async () => {
    const store = createMemoryStore();
    const test = 'tests/apply.test.ts';
    await store.apply({
      files: ['src/edit.ts', test],
      changes: [
        added({ key: test, kind: 'FILE', props: { path: test } }),
        added(symbol('src/edit.ts#applyEdit')),
        added(symbol('src/edit.ts#parse')),
        // Every call inside `it(() => …)` belongs to the test file's top-level code.
        edge('CALLS', test, 'src/edit.ts#applyEdit'),
        edge('CALLS', 'src/edit.ts#applyEdit', 'src/edit.ts#parse'),
      ],
    });
    const { call } = await connect(store);
    const direct = await call('find_callers', { key: 'src/edit.ts#applyEdit' });
    expect(direct.structured).toMatchObject({
      callers: [],
      totalCount: 0,
      callerFiles: [test],
      callerFilesCount: 1,
      callerFilesTruncated: false,
    });
    expect(direct.text).toBe(
      '0 callers of src/edit.ts#applyEdit within 1 call(s). Also called from the top-level code of 1 file(s) (`callerFiles`): tests/apply.test.ts.\n(answered at graph revision 1)',
    );
    // Through a caller: parse is reached from the test at depth 2, not at depth 1.
    expect((await call('find_callers', { key: 'src/edit.ts#parse' })).structured.callerFiles).toEqual([]);
    const far = await call('find_callers', { key: 'src/edit.ts#parse', depth: 2 });
    expect(far.structured.callerFiles).toEqual([test]);
    expect(far.text).toContain('top-level code of 1 file(s) (directly or through its callers)');
    // find_callees has no such list.
    expect((await call('find_callees', { key: 'src/edit.ts#applyEdit' })).structured).not.toHaveProperty(
      'callerFiles',
    );
  });

  it('finds the callers through a base class or interface with includeOverrides, as GraphQL callers does', async () => {
    const store = createMemoryStore();
    const test = 'tests/shapes.test.ts';
    await store.apply({
      files: ['src/shapes.ts', test],
      changes: [
        added({ key: test, kind: 'FILE', props: { path: test } }),
        ...['src/shapes.ts#Shape.area', 'src/shapes.ts#Square.area', 'src/shapes.ts#totalArea'].map((key) =>
          added(symbol(key)),
        ),
        {
          op: 'EDGE_ADDED',
          edge: {
            type: 'OVERRIDES',
            from: 'src/shapes.ts#Square.area',
            to: 'src/shapes.ts#Shape.area',
            props: {},
          },
        },
        // `shape.area()` on a Shape resolves to Shape.area, which Square.area overrides.
        edge('CALLS', 'src/shapes.ts#totalArea', 'src/shapes.ts#Shape.area'),
        edge('CALLS', test, 'src/shapes.ts#Shape.area'),
      ],
    });
    const { call } = await connect(store);
    const direct = await call('find_callers', { key: 'src/shapes.ts#Square.area' });
    expect(direct.structured).toMatchObject({ callers: [], callerFiles: [] });
    const through = await call('find_callers', { key: 'src/shapes.ts#Square.area', includeOverrides: true });
    expect(through.isError).toBe(false);
    expect(through.structured).toMatchObject({
      includeOverrides: true,
      totalCount: 1,
      callerFiles: [test],
    });
    expect(keysOf(through.structured.callers)).toEqual(['src/shapes.ts#totalArea']);
    expect(through.text).toContain('1 callers of src/shapes.ts#Square.area');
    // What the agent sees before calling names it, with GraphQL's meaning.
    const { tools } = await (await connect(store)).client.listTools();
    const schema = tools.find((tool) => tool.name === 'find_callers')!.inputSchema;
    expect(schema.properties).toHaveProperty('includeOverrides');
    expect(tools.find((tool) => tool.name === 'find_callees')!.inputSchema.properties).not.toHaveProperty(
      'includeOverrides',
    );
  });

  it('bounds both lists of diff_impact by `first`, with their counts', async () => {
    const { call } = await connect(createMemoryStore(), createMemoryEvents(), {
      // As diffImpact does: the lists cut at `first`, with their totals.
      diffImpact: async (base, _depth, first) => ({
        base,
        commit: 'c'.repeat(40),
        changed: numbered('src/a.ts#f', 5)
          .slice(0, first)
          .map((key) => ({ ...change(key), kind: 'BODY_CHANGED' as never })),
        changedTotal: 5,
        affected: numbered('src/b.ts#g', 3).slice(0, first).map(symbol),
        affectedTotal: 3,
        truncated: first < 5,
        affectedTests: [],
        unanalyzedFiles: [],
        warnings: [],
      }),
    });
    const cut = await call('diff_impact', { base: 'main', first: 2 });
    expect(cut.structured.changed).toHaveLength(2);
    expect(cut.structured.affected).toHaveLength(2);
    expect(cut.structured).toMatchObject({ changedCount: 5, affectedCount: 3, truncated: true });
    expect(cut.text).toContain('5 change(s), 3 affected node(s)');
    expect(cut.text).toContain('The first 2 changes are here: raise `first`');
    const whole = await call('diff_impact', { base: 'main' });
    expect(whole.structured).toMatchObject({ changedCount: 5, affectedCount: 3, truncated: false });
  });

  it('gives diff_impact the request’s signal, which aborts when the client cancels the call', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    let seen: AbortSignal | undefined;
    const { client } = await connect(createMemoryStore(), createMemoryEvents(), {
      // Runs until its signal aborts, as a git command would be killed then.
      diffImpact: (_base, _depth, _first, signal) => {
        seen = signal;
        started();
        return new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        });
      },
    });
    const controller = new AbortController();
    const call = client.callTool({ name: 'diff_impact', arguments: { base: 'main' } }, undefined, {
      signal: controller.signal,
    });
    await running;
    expect(seen?.aborted).toBe(false);
    const aborted = new Promise((resolve) => seen?.addEventListener('abort', resolve, { once: true }));
    controller.abort('the user moved on');
    await expect(call).rejects.toThrow();
    // The server's side learnt of it (notifications/cancelled): the service's work can stop.
    await aborted;
    expect(seen?.aborted).toBe(true);
  });

  it('lists at most 200 of what a file contains, with the count of all', async () => {
    const { call } = await connect(await bigGraph());
    const file = await call('get_symbol', { key: 'src/big.ts', maxLines: 0 });
    expect(file.structured.contains).toHaveLength(200);
    expect(file.structured.containsCount).toBe(250);
    expect(file.text).toContain('Contains 250 nodes; `contains` lists the first 200');
  });

  it('says why a search by qualified name or key found nothing, and why a file has no callers', async () => {
    const store = createMemoryStore();
    await store.apply({
      files: ['src/cart.ts'],
      changes: [
        added({ key: 'src/cart.ts', kind: 'FILE', props: { path: 'src/cart.ts' } }),
        added({
          ...symbol('src/cart.ts#Cart.add'),
          kind: 'METHOD',
          props: { name: 'add', qualifiedName: 'Cart.add', path: 'src/cart.ts' },
        }),
      ],
    });
    const { call } = await connect(store);
    // A query with a `.` matches qualified names.
    expect(keysOf((await call('search_symbols', { query: 'cart.ADD' })).structured.symbols)).toEqual([
      'src/cart.ts#Cart.add',
    ]);
    const dotted = await call('search_symbols', { query: 'Basket.add' });
    expect(dotted.structured.totalCount).toBe(0);
    expect(dotted.text).toContain('No symbol\'s qualified name contains it: try its last part, query "add"');
    expect((await call('search_symbols', { query: 'src/cart.ts#Cart.add' })).text).toContain(
      'get_symbol takes keys',
    );
    expect((await call('search_symbols', { query: 'cart.ts' })).text).toContain(
      "The query looks like a file: files are not searched; a file's key is its root-relative path",
    );
    // A pattern is no name: it was told to try `*)+$`.
    const pattern = await call('search_symbols', { query: '(.*)+$' });
    expect(pattern.text).toContain('Names are matched as plain text, not as a pattern');
    expect(pattern.text).not.toContain('*)+$"');
    expect((await call('search_symbols', { query: 'add' })).structured.symbols[0].key).toBe(
      'src/cart.ts#Cart.add',
    );
    // Keys written as paths often are, or a symbol the file does not have.
    expect((await call('get_symbol', { key: './src/cart.ts#Cart.add' })).text).toMatch(
      /^get_symbol: NOT_FOUND: no node has the key "\.\/src\/cart\.ts#Cart\.add"\. Did you mean "src\/cart\.ts#Cart\.add"\? Keys are root-relative: find keys/,
    );
    expect((await call('impact', { keys: ['src\\cart.ts'] })).text).toContain('Did you mean "src/cart.ts"?');
    expect((await call('get_symbol', { key: 'src/cart.ts#Cart.remove' })).text).toContain(
      'The file "src/cart.ts" is analyzed: get_symbol with its key lists the keys of what it contains',
    );
    const file = await call('find_callers', { key: 'src/cart.ts' });
    expect(file.structured.callers).toEqual([]);
    expect(file.text).toContain('A FILE is never called: impact lists what depends on it.');
    // A function without callers is a finding: no hint.
    expect((await call('find_callers', { key: 'src/cart.ts#Cart.add' })).text).toBe(
      '0 callers of src/cart.ts#Cart.add within 1 call(s).\n(answered at graph revision 1)',
    );
  });

  it('says a symbol without callers is used when code references it, and why a file or a type has no callees', async () => {
    const store = createMemoryStore();
    const users = ['src/a.ts#pipe', 'src/b.ts#map', 'src/c.ts#tap'];
    await store.apply({
      files: ['src/noop.ts'],
      changes: [
        added({ key: 'src/noop.ts', kind: 'FILE', props: { path: 'src/noop.ts' } }),
        added(symbol('src/noop.ts#noop')),
        added(symbol('src/noop.ts#lonely')),
        added({ ...symbol('src/noop.ts#Observer'), kind: 'INTERFACE' }),
        ...users.map((key) => added(symbol(key))),
        // `noop` passed as a value, 15 times in all: no call.
        ...users.map(
          (from): Change => ({
            op: 'EDGE_ADDED',
            edge: { type: 'REFERENCES', from, to: 'src/noop.ts#noop', props: { count: 5, firstLine: 1 } },
          }),
        ),
      ],
    });
    const { call } = await connect(store);
    const noop = await call('find_callers', { key: 'src/noop.ts#noop' });
    expect(noop.structured).toMatchObject({
      callers: [],
      totalCount: 0,
      references: { sites: 15, users: 3 },
    });
    // 0 callers and 0 caller files read as "unused".
    expect(noop.text).toContain(
      '0 callers of src/noop.ts#noop within 1 call(s). It is referenced 15 time(s) by 3 symbol(s) or file(s) without a call',
    );
    const lonely = await call('find_callers', { key: 'src/noop.ts#lonely' });
    expect(lonely.structured.references).toEqual({ sites: 0, users: 0 });
    expect(lonely.text).not.toContain('referenced');

    const file = await call('find_callees', { key: 'src/noop.ts' });
    expect(file.structured.totalCount).toBe(0);
    expect(file.text).toContain(
      "A file's callees are the calls of its top-level code (outside any function or class), and src/noop.ts has none",
    );
    expect((await call('find_callees', { key: 'src/noop.ts#Observer' })).text).toContain(
      'An INTERFACE has no code that runs: it calls nothing.',
    );
    // It read "A INTERFACE".
    expect((await call('find_callers', { key: 'src/noop.ts#Observer' })).text).toContain(
      'An INTERFACE is never called',
    );
    // A function that calls nothing is a finding: no hint.
    expect((await call('find_callees', { key: 'src/noop.ts#lonely' })).text).toBe(
      '0 callees of src/noop.ts#lonely within 1 call(s).\n(answered at graph revision 1)',
    );
  });

  it('bounds import cycles by `first`, and names at most ten files of a cycle in the text', async () => {
    const store = createMemoryStore();
    const ring = (name: string, size: number) => numbered(`src/${name}/f`, size).map((key) => `${key}.ts`);
    const rings = [ring('a', 2), ring('b', 2), ring('c', 15)];
    await store.apply({
      files: rings.flat(),
      changes: [
        ...rings.flat().map((path) => added({ key: path, kind: 'FILE', props: { path } })),
        ...rings.flatMap((files) =>
          files.map(
            (from, i): Change => ({
              op: 'EDGE_ADDED',
              edge: { type: 'IMPORTS', from, to: files[(i + 1) % files.length]!, props: {} },
            }),
          ),
        ),
      ],
    });
    const { call } = await connect(store);
    const all = await call('import_cycles', {});
    expect(all.structured).toMatchObject({ totalCount: 3, truncated: false });
    const big = all.text.split('\n').find((line) => line.startsWith('- 15 files: '));
    expect(big).toBe(`- 15 files: ${rings[2]!.slice(0, 10).join(', ')}, …`);
    expect(all.structured.cycles.find((c: { files: string[] }) => c.files.length === 15).files).toEqual(
      rings[2],
    );
    const some = await call('import_cycles', { first: 2 });
    expect(some.structured.cycles).toHaveLength(2);
    expect(some.structured).toMatchObject({ totalCount: 3, truncated: true });
    expect(some.text).toContain('3 import cycle(s), the first 2 here (raise `first` for more)');

    const many = await call('impact', { keys: rings[2]!.slice(0, 5), depth: 1 });
    expect(many.text).toMatch(
      /^\d+ node\(s\) depend on src\/c\/f0000\.ts, src\/c\/f0001\.ts, src\/c\/f0002\.ts and 2 more within 1 edge/,
    );
  });
});

const change = (key: string): SemanticChange => ({
  kind: 'SYMBOL_ADDED',
  key,
  breaking: false,
  affected: [],
  message: `added ${key}`,
});
const revision = (at: number, keys: readonly string[]): RevisionEvent => ({
  revision: at,
  files: ['src/a.ts'],
  timestamp: 0,
  changes: [],
  semantic: keys.map(change),
});

describe('changes_since for an agent', () => {
  it('misses no revision that lands while it answers: its `revision` is the last one it covers', async () => {
    const events = createMemoryEvents();
    await events.publish(revision(1, ['src/a.ts#one']));
    // Revision 2 lands between two looks at the latest revision (over Redis, each is a round
    // trip): the first look sees 1, the second 2.
    let looks = 0;
    let landed!: () => void;
    const published = new Promise<void>((resolve) => {
      landed = resolve;
    });
    const racing = Object.create(events, {
      latestRevision: {
        value: async () => {
          looks += 1;
          if (looks === 1) {
            const latest = await events.latestRevision();
            await events.publish(revision(2, ['src/a.ts#two']));
            landed();
            return latest;
          }
          await published;
          return events.latestRevision();
        },
      },
    }) as EventsEngine;
    const { call } = await connect(createMemoryStore(), racing);
    const seen: string[] = [];
    let since = 0;
    for (let calls = 0; calls < 3; calls++) {
      const answer = await call('changes_since', { since });
      seen.push(...answer.structured.changes.map((c: { key: string }) => c.key));
      since = answer.structured.revision;
    }
    expect(since).toBe(2);
    expect(seen).toEqual(['src/a.ts#one', 'src/a.ts#two']);
  });

  it('pages through many changes by whole revisions, with `since: revision`', async () => {
    const events = createMemoryEvents();
    await events.publish(revision(1, ['r1a', 'r1b']));
    await events.publish(revision(2, ['r2a', 'r2b', 'r2c']));
    await events.publish(revision(3, ['r3a', 'r3b']));
    const { call } = await connect(createMemoryStore(), events);
    const keys = (answer: { structured: { changes: { key: string }[] } }) =>
      answer.structured.changes.map((c) => c.key);

    const first = await call('changes_since', { since: 0, first: 4 });
    expect(keys(first)).toEqual(['r1a', 'r1b']);
    expect(first.structured).toMatchObject({
      revision: 1,
      latestRevision: 3,
      totalCount: 7,
      hasMore: true,
      truncated: false,
    });
    expect(first.text).toContain('call again with since: 1');
    const second = await call('changes_since', { since: 1, first: 4 });
    expect(keys(second)).toEqual(['r2a', 'r2b', 'r2c']);
    expect(second.structured).toMatchObject({ revision: 2, hasMore: true });
    const last = await call('changes_since', { since: 2, first: 4 });
    expect(keys(last)).toEqual(['r3a', 'r3b']);
    expect(last.structured).toMatchObject({ revision: 3, hasMore: false, truncated: false });

    // One revision larger than `first`: its first changes, and the cut said.
    const cut = await call('changes_since', { since: 1, first: 2 });
    expect(keys(cut)).toEqual(['r2a', 'r2b']);
    expect(cut.structured).toMatchObject({ revision: 2, truncated: true, hasMore: true });
    expect(cut.text).toContain('Revision 2 alone has more than 2: the rest of it is left out');
  });

  it('answers a since older than the log, or ahead of it, with REVISION_EXPIRED and the revision to go on from', async () => {
    const events = createMemoryEvents({ retain: 2 });
    for (let at = 1; at <= 4; at++) await events.publish(revision(at, [`r${at}`]));
    const { call } = await connect(createMemoryStore(), events);
    for (const since of [0, 9]) {
      const expired = await call('changes_since', { since });
      expect(expired.isError).toBe(true);
      expect(expired.text).toMatch(/^changes_since: REVISION_EXPIRED: /);
      expect(expired.text).toContain(
        'ask your questions again, then call changes_since with since: 4 (the latest revision)',
      );
      // The GraphQL API's advice (stats.revision, subscribe) means nothing to an MCP client.
      expect(expired.text).not.toContain('stats.revision');
      expect(expired.structured.error).toMatchObject({ code: 'REVISION_EXPIRED', latestRevision: 4 });
    }
    const fine = await call('changes_since', { since: 2 });
    expect(fine.structured.changes.map((c: { key: string }) => c.key)).toEqual(['r3', 'r4']);
  });
});

it('keeps the contract (the ten tool names), and tells an agent what keys and errors look like', async () => {
  const { client } = await connect(createMemoryStore());
  expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual([...TOOL_NAMES].sort());
  expect(client.getInstructions()).toContain('keys look like `src/cart.ts#Cart.add`');
  expect(client.getInstructions()).toContain('errors read `tool: CODE: message`');
});
