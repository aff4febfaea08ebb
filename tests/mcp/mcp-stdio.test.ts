/**
 * `codenav mcp` as an MCP client runs it: the built CLI spawned with the SDK's stdio client.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeCopies } from '../helpers/fixtures.ts';
import { closeMcpClients, connectStdio, keysOf, type McpTestClient } from '../helpers/mcp.ts';
import { checkEditNotified, checkToolCalls, checkToolList, mcpFixture } from './tool-cases.ts';

const CLI = fileURLToPath(new URL('../../bin/codenav.mjs', import.meta.url));

describe('codenav mcp over stdio', () => {
  let dir: string;
  let mcp: McpTestClient;

  beforeAll(async () => {
    dir = mcpFixture();
    mcp = await connectStdio(dir);
    await mcp.untilAnalysed();
  });

  afterAll(async () => {
    await closeMcpClients();
    removeCopies();
  });

  it('lists the ten tools, each with a described input schema', async () => {
    await checkToolList(mcp);
  });

  it('answers each tool with the graph keys, and bad arguments with tool errors that leave the session open', async () => {
    await checkToolCalls(mcp);
  });

  it('tells a subscriber of codenav://revision about the revision a file edit makes', async () => {
    await checkEditNotified(mcp, dir, 'src/math.ts', 'sub');
  });

  it('keeps stdout for the protocol (logs go to stderr) and exits 0 when the client closes stdin', async () => {
    const child = spawn(process.execPath, [CLI, 'mcp', dir, '--no-watch', '--log-level', 'info'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const waiters: (() => void)[] = [];
    const until = (check: () => boolean) =>
      new Promise<void>((resolve) => {
        const test = () => (check() ? resolve() : waiters.push(test));
        test();
      });
    const wake = () => {
      for (const waiter of waiters.splice(0)) waiter();
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      wake();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      wake();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    // A line that is no JSON gets the protocol's parse error (it was left unanswered).
    child.stdin.write('this is not json\n');
    // The analysis logs as it ends: on stderr.
    await until(() => stderr.includes('analysis done'));
    send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    await until(() => stdout.includes('"id":2'));
    child.stdin.end();
    expect(await exited).toBe(0);
    const messages = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { jsonrpc: string; id: number; error?: { code: number } });
    // The parse error may come before the answer to initialize, which is asynchronous.
    expect(messages.map((m) => [m.jsonrpc, m.id, m.error?.code])).toEqual(
      expect.arrayContaining([
        ['2.0', 1, undefined],
        ['2.0', null, -32700],
        ['2.0', 2, undefined],
      ]),
    );
    expect(messages).toHaveLength(3);
  });

  it('answers a tool call over the message limit with a tool error, and keeps the session', async () => {
    // 11 MiB: past the SDK transport's own 10 MiB, which ended the session (and exited 0).
    const huge = await mcp.call('search_symbols', { query: 'x'.repeat(11 * 1024 * 1024) });
    expect(huge.isError).toBe(true);
    expect(huge.text).toMatch(
      /^MCP error -32600: the message is \d+ bytes, over the limit of 1048576: send smaller arguments$/,
    );
    const after = await mcp.call('search_symbols', { query: 'mul' });
    expect(keysOf(after.structured?.symbols)).toEqual(['src/math.ts#mul']);
  });

  it('stops cleanly when the client closes its end of stdout', async () => {
    const child = spawn(process.execPath, [CLI, 'mcp', dir, '--no-watch', '--log-level', 'info'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    });
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.stdout.destroy();
    // Answers to these meet a closed pipe (EPIPE), which crashed the process with a stack trace.
    for (let id = 2; id < 12; id++) send({ jsonrpc: '2.0', id, method: 'tools/list' });
    expect(await exited).toBe(0);
    expect(stderr).not.toContain('Unhandled');
    expect(stderr).toContain('the MCP client closed its end of stdout');
  });

  it('refuses the options of serve that concern HTTP', async () => {
    await expect(connectStdio(dir, ['--port', '4000'])).rejects.toThrow(/--port concerns HTTP/);
  });
});
