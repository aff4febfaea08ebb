/**
 * The MCP server on its own, over the SDK's in-memory transport: what a client is told while the
 * first analysis runs, and how failures of the store become tool errors, never a lost session.
 */
import { createHash } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryEvents } from '../../server/events/memory-engine.ts';
import type { ProgressEvent } from '../../server/events/port.ts';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import { type GraphStore, GraphStoreError } from '../../server/graph/port.ts';
import { createMcpFront, type McpFront, type McpServices } from '../../server/mcp/index.ts';
import type { GraphNode } from '../../server/model/index.ts';
import { capturedLogger } from '../helpers/log.ts';

const fn = (key: string, name: string): GraphNode => ({
  key,
  kind: 'FUNCTION',
  props: { name, qualifiedName: name, path: 'src/a.ts', startLine: 1, endLine: 1, exported: true },
});

let fronts: McpFront[] = [];
afterEach(async () => {
  await Promise.all(fronts.map((front) => front.close()));
  fronts = [];
});

async function connect(
  store: GraphStore,
  analysis: () => ProgressEvent,
  events = createMemoryEvents(),
  more: Partial<McpServices> = {},
) {
  const log = capturedLogger();
  const front = createMcpFront({
    services: { store, events, analysis, checkPath: (path) => ({ path }), ...more },
    logger: log.logger,
    version: '0.0.0-test',
  });
  fronts.push(front);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await front.createServer().connect(serverSide);
  const client = new Client({ name: 'test', version: '1' });
  await client.connect(clientSide);
  return { client, log, events };
}

/** A text's hash as the analysis gives it (server/analysis/file-node.ts). */
const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

const RUNNING: ProgressEvent = {
  state: 'RUNNING',
  phase: 'RESOLVING',
  filesDone: 3,
  filesTotal: 10,
  durationMs: 5,
};
const READY: ProgressEvent = { state: 'READY', phase: 'DONE', filesDone: 10, filesTotal: 10, durationMs: 9 };

describe('the MCP server', () => {
  it('waits for the first analysis to build the graph, then answers from the whole graph', async () => {
    const store = createMemoryStore();
    let status = RUNNING;
    let asked!: () => void;
    const waiting = new Promise<void>((resolve) => {
      asked = resolve;
    });
    let built!: () => void;
    const firstAnalysis = () => {
      asked();
      return new Promise<void>((resolve) => {
        built = resolve;
      });
    };
    const { client } = await connect(store, () => status, createMemoryEvents(), { firstAnalysis });
    const answer = client.callTool({ name: 'search_symbols', arguments: { query: 'late' } });
    await waiting;
    // The symbol lands after the question: answered without waiting, it was "0 symbol(s) match".
    await store.apply({
      files: ['src/a.ts'],
      changes: [{ op: 'NODE_ADDED', node: fn('src/a.ts#late', 'late') }],
    });
    status = READY;
    built();
    const result = await answer;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      symbols: [{ key: 'src/a.ts#late' }],
      analysis: { state: 'READY', complete: true },
    });
  });

  it('answers ANALYZING, not an empty answer, while the first analysis outlasts the wait', async () => {
    let status: ProgressEvent = { ...RUNNING, phase: 'LOADING', filesDone: 0, filesTotal: 0 };
    const { client } = await connect(createMemoryStore(), () => status, createMemoryEvents(), {
      firstAnalysis: () => new Promise<void>(() => {}),
      firstAnalysisWaitMs: 10,
    });
    const call = (name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args });
    const starting = await call('search_symbols', { query: 'x' });
    expect(starting.isError).toBe(true);
    expect((starting.content as { text: string }[])[0]!.text).toBe(
      'search_symbols: ANALYZING: the first analysis is still building the graph (starting): an answer now could miss what exists. Ask again in a moment; codenav://revision says when it is READY.',
    );
    status = RUNNING;
    // A key the first analysis has not reached yet: not NOT_FOUND, which the model would believe.
    const key = await call('get_symbol', { key: 'src/late.ts#later' });
    expect(key.structuredContent).toEqual({
      error: {
        code: 'ANALYZING',
        message: expect.stringContaining('(RESOLVING, 3/10 files)'),
        state: 'RUNNING',
        phase: 'RESOLVING',
        filesDone: 3,
        filesTotal: 10,
      },
    });
    for (const [name, args] of [
      ['find_callers', { key: 'src/a.ts#f' }],
      ['impact', { keys: ['src/a.ts'] }],
      ['import_cycles', {}],
      ['unused_exports', {}],
      ['find_path', { from: 'src/a.ts', to: 'src/b.ts' }],
    ] as const)
      expect((await call(name, args)).structuredContent, name).toMatchObject({
        error: { code: 'ANALYZING' },
      });
    // The revision log is no graph answer: it is read as it grows.
    expect((await call('changes_since', { since: 0 })).isError).toBeFalsy();
  });

  it('answers from the store, with a note, in an api process whose indexer died during the first analysis', async () => {
    const store = createMemoryStore();
    await store.apply({
      files: ['src/a.ts'],
      changes: [{ op: 'NODE_ADDED', node: fn('src/a.ts#early', 'early') }],
    });
    let writer: 'present' | 'absent' = 'present';
    const events = {
      ...createMemoryEvents(),
      writerPresence: () => ({ state: writer, message: `the writer is ${writer}` }),
    };
    // No firstAnalysis: the indexer is another process, whose last progress said RUNNING.
    const { client } = await connect(store, () => RUNNING, events);
    const search = () => client.callTool({ name: 'search_symbols', arguments: { query: 'early' } });
    expect((await search()).structuredContent).toMatchObject({ error: { code: 'ANALYZING' } });
    writer = 'absent';
    const answer = await search();
    expect(answer.isError).toBeFalsy();
    expect(answer.structuredContent).toMatchObject({
      symbols: [{ key: 'src/a.ts#early' }],
      analysis: { state: 'RUNNING', complete: false },
    });
  });

  it('answers with a note, without waiting, from a graph that is whole: a snapshot checked, an edit analyzed', async () => {
    const store = createMemoryStore();
    await store.apply({
      files: ['src/a.ts'],
      changes: [{ op: 'NODE_ADDED', node: fn('src/a.ts#early', 'early') }],
    });
    let status: ProgressEvent = { ...RUNNING, phase: 'VERIFYING' };
    const { client } = await connect(store, () => status, createMemoryEvents(), {
      firstAnalysis: () => new Promise<void>(() => {}),
    });
    const verifying = await client.callTool({ name: 'search_symbols', arguments: { query: 'early' } });
    expect(verifying.structuredContent).toMatchObject({
      symbols: [{ key: 'src/a.ts#early' }],
      analysis: { state: 'RUNNING', phase: 'VERIFYING', complete: false },
    });
    expect((verifying.content as { text: string }[])[0]!.text).toMatch(
      /^Note: the analysis is still running \(checking the last run's graph against the files: 3\/10 files\)/,
    );
    // Not "the graph so far, may be incomplete" after each save: the graph is whole, one edit behind.
    status = { state: 'RUNNING', phase: 'UPDATING', filesDone: 0, filesTotal: 1, durationMs: 1 };
    const during = await client.callTool({ name: 'search_symbols', arguments: { query: 'x' } });
    expect((during.content as { text: string }[])[0]!.text).toMatch(
      /^Note: an edit \(1 file\(s\)\) is being analyzed; this answer may not show it yet\./,
    );
    // `pass` says what the counts count: the files of the edit, not the project's.
    expect(during.structuredContent).toMatchObject({
      analysis: { phase: 'UPDATING', complete: false, pass: 'UPDATE', filesDone: 0, filesTotal: 1 },
    });
    const resource = await client.readResource({ uri: 'codenav://revision' });
    expect(JSON.parse((resource.contents[0] as { text: string }).text)).toEqual({
      revision: 1,
      analysis: { state: 'RUNNING', phase: 'UPDATING', pass: 'UPDATE', filesDone: 0, filesTotal: 1 },
    });
    // Done: the counts of the last pass (an edit's 1/1) told nothing about the project, and are gone.
    status = { state: 'READY', phase: 'DONE', filesDone: 1, filesTotal: 1, durationMs: 1 };
    const done = await client.callTool({ name: 'search_symbols', arguments: { query: 'early' } });
    expect((done.structuredContent as { analysis: unknown }).analysis).toEqual({
      state: 'READY',
      phase: 'DONE',
      complete: true,
    });
    const resourceDone = await client.readResource({ uri: 'codenav://revision' });
    expect(JSON.parse((resourceDone.contents[0] as { text: string }).text)).toEqual({
      revision: 1,
      analysis: { state: 'READY', phase: 'DONE' },
    });
    expect(
      (
        (await client.callTool({ name: 'get_symbol', arguments: { key: 'src/late.ts#later' } })).content as {
          text: string;
        }[]
      )[0]!.text,
    ).not.toContain('Note:');
  });

  it('does not call an answer complete while the watcher holds saves the analysis has not been told of', async () => {
    const store = createMemoryStore();
    await store.apply({
      files: ['src/a.ts'],
      changes: [{ op: 'NODE_ADDED', node: fn('src/a.ts#early', 'early') }],
    });
    let changed: string[] = ['src/a.ts', 'src/b.ts'];
    const { client } = await connect(store, () => READY, createMemoryEvents(), {
      changedFiles: () => changed,
    });
    const held = await client.callTool({ name: 'search_symbols', arguments: { query: 'early' } });
    // It said READY, DONE, complete: true a moment after a save.
    expect(held.structuredContent).toMatchObject({
      analysis: {
        state: 'READY',
        complete: false,
        changedFiles: ['src/a.ts', 'src/b.ts'],
        changedFilesCount: 2,
      },
    });
    expect((held.content as { text: string }[])[0]!.text).toMatch(
      /^Note: 2 file\(s\) changed a moment ago and are not analyzed yet \(src\/a\.ts, src\/b\.ts\); this answer may not show the change\./,
    );
    changed = [];
    const after = await client.callTool({ name: 'search_symbols', arguments: { query: 'early' } });
    expect(after.structuredContent).toMatchObject({ analysis: { state: 'READY', complete: true } });
    expect(after.structuredContent).not.toHaveProperty('analysis.changedFiles');
    expect((after.content as { text: string }[])[0]!.text).not.toContain('Note:');
  });

  it('says in the text when the file no longer matches the graph: changed since analyzed, or gone', async () => {
    const store = createMemoryStore();
    const analyzed = '/** Adds. */\nexport function add() {}\n';
    await store.apply({
      files: ['src/a.ts'],
      changes: [
        {
          op: 'NODE_ADDED',
          node: { key: 'src/a.ts', kind: 'FILE', props: { path: 'src/a.ts', hash: hashOf(analyzed) } },
        },
        {
          op: 'NODE_ADDED',
          node: { ...fn('src/a.ts#add', 'add'), props: { ...fn('', 'add').props, startLine: 2, endLine: 2 } },
        },
      ],
    });
    let now: string | undefined = analyzed;
    const { client } = await connect(store, () => READY, createMemoryEvents(), {
      readSource: async () => (now === undefined ? undefined : { text: now, hash: hashOf(now) }),
    });
    const get = async (maxLines?: number) => {
      const result = await client.callTool({
        name: 'get_symbol',
        arguments: { key: 'src/a.ts#add', maxLines },
      });
      return {
        text: (result.content as { text: string }[])[0]!.text,
        structured: result.structuredContent as Record<string, any>,
      };
    };
    const same = await get();
    expect(same.structured).toMatchObject({
      fileState: 'ANALYZED',
      source: { text: 'export function add() {}', matchesGraph: true },
      analysis: { complete: true },
    });
    expect(same.text).toMatch(/^src\/a\.ts#add \(FUNCTION, src\/a\.ts:2\)\n/);

    // Three lines inserted at the top: line 2 is now a JSDoc line, which the text showed as the declaration, without a word.
    now = `// one\n// two\n// three\n${analyzed}`;
    const changed = await get();
    expect(changed.structured).toMatchObject({
      fileState: 'CHANGED_SINCE_ANALYZED',
      source: { text: '// two', matchesGraph: false },
      analysis: { state: 'READY', complete: false },
    });
    expect(changed.text.split('\n')[0]).toBe(
      'Note: src/a.ts has changed since it was analyzed, and the graph does not show the change yet: the lines below are lines 2–2 of the file as it is now, where the graph last saw this declaration, and may no longer be it. Ask again in a moment, once the edit is analyzed.',
    );

    // No lines asked for: the file's state all the same (it was left out), and no word of lines.
    const noLines = await get(0);
    expect(noLines.structured).toMatchObject({ fileState: 'CHANGED_SINCE_ANALYZED', source: null });
    expect(noLines.text.split('\n')[0]).toBe(
      'Note: src/a.ts has changed since it was analyzed, and the graph does not show the change yet. Ask again in a moment, once the edit is analyzed.',
    );

    // Deleted: `source: null` and complete: true, with no explanation, before.
    now = undefined;
    const gone = await get();
    expect(gone.structured).toMatchObject({
      fileState: 'UNREADABLE',
      source: null,
      analysis: { complete: false },
    });
    expect(gone.text.split('\n')[0]).toBe(
      'Note: src/a.ts can not be read now (deleted, moved, or no longer a readable text file): the graph still shows it as it was last analyzed, until the change is analyzed. Ask again in a moment.',
    );
  });

  it('answers from the graph with a note in a process that does not analyze (its PENDING is no news)', async () => {
    const store = createMemoryStore();
    await store.apply({
      files: ['src/a.ts'],
      changes: [{ op: 'NODE_ADDED', node: fn('src/a.ts#early', 'early') }],
    });
    const pending: ProgressEvent = {
      state: 'PENDING',
      phase: 'PENDING',
      filesDone: 0,
      filesTotal: 0,
      durationMs: 0,
    };
    const { client } = await connect(store, () => pending);
    const result = await client.callTool({ name: 'search_symbols', arguments: { query: 'early' } });
    expect(result.structuredContent).toMatchObject({ symbols: [{ key: 'src/a.ts#early' }] });
  });

  it('tells a subscriber when the first analysis ends, and after each revision', async () => {
    const events = createMemoryEvents();
    const { client } = await connect(createMemoryStore(), () => READY, events);
    const updates: string[] = [];
    let notified!: () => void;
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
      updates.push(n.params.uri);
      notified();
    });
    const next = () =>
      new Promise<void>((resolve) => {
        notified = resolve;
      });
    await client.subscribeResource({ uri: 'codenav://revision' });

    let update = next();
    await events.publishProgress(RUNNING);
    await events.publishProgress(READY);
    await update;
    update = next();
    await events.publish({ revision: 1, files: ['src/a.ts'], timestamp: Date.now(), changes: [] });
    await update;
    expect(updates).toEqual(['codenav://revision', 'codenav://revision']);

    await client.unsubscribeResource({ uri: 'codenav://revision' });
    await expect(client.subscribeResource({ uri: 'codenav://elsewhere' })).rejects.toThrow(
      /only codenav:\/\/revision/,
    );
  });

  it('answers a store that is down with a tool error saying so, and keeps the session', async () => {
    const store = createMemoryStore();
    const down = Object.create(store, {
      findNodes: {
        value: () =>
          Promise.reject(new GraphStoreError('STORE_UNAVAILABLE', 'memgraph unreachable at bolt://x')),
      },
    }) as GraphStore;
    const { client } = await connect(down, () => READY);
    const failed = await client.callTool({ name: 'search_symbols', arguments: { query: 'x' } });
    expect(failed.isError).toBe(true);
    expect((failed.content as { text: string }[])[0]!.text).toBe(
      'search_symbols: STORE_UNAVAILABLE: the graph store is unavailable: memgraph unreachable at bolt://x (try again shortly)',
    );
    const cycles = await client.callTool({ name: 'import_cycles', arguments: {} });
    expect(cycles.structuredContent).toMatchObject({ cycles: [] });
  });

  it('masks an unexpected failure and logs it with its stack', async () => {
    const store = createMemoryStore();
    const broken = Object.create(store, {
      importCycles: { value: () => Promise.reject(new TypeError('secret internals at /srv/x')) },
    }) as GraphStore;
    const { client, log } = await connect(broken, () => READY);
    const failed = await client.callTool({ name: 'import_cycles', arguments: {} });
    expect(failed.isError).toBe(true);
    const text = (failed.content as { text: string }[])[0]!.text;
    expect(text).toBe(
      'import_cycles: INTERNAL_SERVER_ERROR: internal error: codenav could not answer (the server log has the details)',
    );
    expect(await log.until('MCP tool failed')).toContain('secret internals');
  });

  it('says diff_impact is unavailable where the process has no files', async () => {
    const { client } = await connect(createMemoryStore(), () => READY);
    const answer = await client.callTool({ name: 'diff_impact', arguments: { base: 'main' } });
    expect(answer.isError).toBe(true);
    expect((answer.content as { text: string }[])[0]!.text).toMatch(/no access/);
  });
});
