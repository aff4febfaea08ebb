/**
 * A serve whose project has source files in no analyzed tsconfig (a second tsconfig the root's
 * does not reference) says so once, at info level, when its first analysis is done.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { removeCopies, tempDir, writeFiles } from '../helpers/fixtures.ts';
import { capturedLogger } from '../helpers/log.ts';
import { startInProcess, stopServers } from '../helpers/server.ts';

afterEach(stopServers);
afterAll(removeCopies);

describe('source files in no analyzed tsconfig', () => {
  it('are reported in one info line after the first analysis, naming the unreferenced tsconfig', async () => {
    const root = tempDir();
    writeFiles(root, {
      'tsconfig.json': JSON.stringify({ include: ['server'] }),
      'server/main.ts': 'export const main = 1;\n',
      'client/tsconfig.json': JSON.stringify({ include: ['src'] }),
      'client/src/app.ts': 'export const app = 1;\n',
      'client/src/view.ts': 'export const view = 1;\n',
    });
    const log = capturedLogger();
    const server = await startInProcess(root, {}, { logger: log.logger });
    await server.app.indexer!.ready;
    const lines = log.lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    const said = lines.filter((line) => line.msg.includes('in no analyzed tsconfig'));
    expect(said).toEqual([
      expect.objectContaining({
        level: 30,
        msg: '2 source files under the root are in no analyzed tsconfig (e.g. client/tsconfig.json is not referenced): not analyzed',
      }),
    ]);
  });
});
