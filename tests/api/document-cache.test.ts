/**
 * Yoga keeps parsed documents (and their validation results) by their text; its own cache kept
 * the last 1,024 whatever their size, gigabytes for a client sending distinct large documents.
 * The server runs in its own process here, and the heap it still uses after a full collection is
 * the measure.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { createDocumentCache, documentWeight } from '../../server/http/document-cache.ts';
import type { Measure } from '../helpers/memory-server.ts';

const SERVER = fileURLToPath(new URL('../helpers/memory-server.ts', import.meta.url));

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

describe('the parsed-document cache', () => {
  it('keeps the documents used last within its bytes, and none heavier than an eighth of them', () => {
    const cache = createDocumentCache<string>(1000, (key) => key.length);
    for (const name of 'abcdefghij') cache.set(name.repeat(100), name.toUpperCase());
    expect(cache.bytes).toBe(1000);
    expect(cache.get('a'.repeat(100))).toBe('A');
    // Over the bound: the least recently used (b, since a was just read) goes.
    cache.set('k'.repeat(100), 'K');
    expect(cache.get('b'.repeat(100))).toBeUndefined();
    expect(cache.get('a'.repeat(100))).toBe('A');
    expect(cache.get('k'.repeat(100))).toBe('K');
    expect(cache.bytes).toBe(1000);
    // Heavier than an eighth of the bound: not kept, nothing pushed out for it.
    cache.set('l'.repeat(126), 'L');
    expect(cache.get('l'.repeat(126))).toBeUndefined();
    expect(cache.bytes).toBe(1000);
  });

  it('weighs a document by its tokens as well as its text', () => {
    const small = '{ stats { files } }';
    const wide = `{ ${'__typename '.repeat(4900)}}`;
    expect(documentWeight(small, parse(small))).toBeLessThan(10_000);
    expect(documentWeight(wide, parse(wide))).toBeGreaterThan(2_000_000);
  });

  it('holds the server’s memory when a client sends hundreds of distinct 5,000-token documents', async () => {
    child = fork(SERVER, [], {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const running = child;
    const [{ url }] = (await once(running, 'message')) as [{ url: string }];
    const measure = async () => {
      running.send('measure');
      const [answer] = (await once(running, 'message')) as [Measure];
      return answer;
    };
    const before = await measure();
    const fields = '__typename '.repeat(4900);
    for (let i = 0; i < 400; i++) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // Distinct texts (a comment), each parsed and kept.
        body: JSON.stringify({ query: `# ${i}\n{ ${fields}}` }),
      });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    const after = await measure();
    // Before: about 2.4 MB kept per document, a gigabyte here; now at most the cache's 64 MiB.
    expect(after.heapUsed - before.heapUsed).toBeLessThan(128 * 1024 * 1024);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  }, 120_000);
});
