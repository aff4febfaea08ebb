/**
 * `codenav mcp` as an MCP client runs it: the built CLI spawned with the SDK's stdio client.
 */
import { appendFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeCopies } from '../helpers/fixtures.ts';
import { closeMcpClients, connectStdio, keysOf, type McpTestClient } from '../helpers/mcp.ts';
import { checkToolCalls, checkToolList, mcpFixture } from './tool-cases.ts';

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
    const before = await mcp.revision();
    appendFileSync(
      path.join(dir, 'src/math.ts'),
      '\nexport function sub(a: number, b: number): number {\n  return a - b;\n}\n',
    );
    expect(await mcp.nextUpdate()).toBe('codenav://revision');
    expect((await mcp.revision()).revision).toBeGreaterThan(before.revision);
    const changes = await mcp.call('changes_since', { since: before.revision });
    expect(changes.structured?.changes).toContainEqual(
      expect.objectContaining({ key: 'src/math.ts#sub', revision: before.revision + 1 }),
    );
    const found = await mcp.call('search_symbols', { query: 'sub' });
    expect(keysOf(found.structured?.symbols)).toContain('src/math.ts#sub');
  });

  it('refuses the options of serve that concern HTTP', async () => {
    await expect(connectStdio(dir, ['--port', '4000'])).rejects.toThrow(/--port concerns HTTP/);
  });
});
