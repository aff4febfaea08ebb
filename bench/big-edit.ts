/**
 * Big-edit benchmark: one file of effect rewritten to hold 5,000 functions (and reverted), and
 * a rename of a widely used export (`flow` in src/Function.ts, and reverted), each driven
 * through the indexer as the server runs it (analysis worker, semantic pass, memory store,
 * in-process events): time from `reanalyze` to the revision published, split by stage. The
 * baseline is the first analysis of the whole corpus, in the same process: an update of one file
 * should take far less.
 *
 *   node --expose-gc --import tsx bench/big-edit.ts [root of a copy of effect] [name filter]
 *
 * Without a root, effect's corpus is copied to a temporary folder (the edits write its files).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import pino from 'pino';
import { createMemoryEvents } from '../server/events/index.ts';
import { createMemoryStore } from '../server/graph/memory/memory-store.ts';
import { createAnalysisRunner } from '../server/indexer/analysis-runner.ts';
import { createIndexer } from '../server/indexer/indexer.ts';
import { ensureCorpus } from './corpora.ts';

const fmt = (n: number) => (n / 1000).toFixed(2);

async function main() {
  const [given, only] = process.argv.slice(2);
  const work = given ? undefined : mkdtempSync(path.join(tmpdir(), 'codenav-big-edit-'));
  const root = given ?? path.join(work!, 'effect');
  if (work) cpSync((await ensureCorpus('effect')).root, root, { recursive: true });
  try {
    await measure(root, only);
  } finally {
    if (work) rmSync(work, { recursive: true, force: true });
  }
}

async function measure(root: string, only: string | undefined) {
  const runner = createAnalysisRunner({ root });
  const store = createMemoryStore();
  const events = createMemoryEvents();
  const logger = pino({ level: 'silent' });
  const times = { update: 0, apply: 0, publish: 0 };
  const timed =
    <A extends unknown[], R>(key: keyof typeof times, f: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const t = performance.now();
      try {
        return await f(...a);
      } finally {
        times[key] += performance.now() - t;
      }
    };
  const timedRunner = { ...runner, update: timed('update', runner.update) };
  const timedStore = Object.create(store) as typeof store;
  timedStore.apply = timed('apply', store.apply.bind(store));
  const timedEvents = Object.create(events) as typeof events;
  timedEvents.publish = timed('publish', events.publish.bind(events));
  const indexer = createIndexer({ runner: timedRunner, store: timedStore, events: timedEvents, logger });
  const t0 = performance.now();
  indexer.start();
  await indexer.ready;
  process.stdout.write(
    `baseline, the first analysis of the whole corpus: ${fmt(performance.now() - t0)} s\n`,
  );

  const many = (prefix: string) =>
    Array.from(
      { length: 5000 },
      (_, i) => `export function ${prefix}${i}(a: number) { return a + 1; }\n`,
    ).join('');
  // Each file goes through its texts in order (each one revision), then back to its own.
  const edits: { name: string; file: string; texts(original: string): [label: string, text: string][] }[] = [
    {
      name: '5,000 functions',
      file: 'src/Version.ts',
      texts: () => [
        ['written over a small file', many('f')],
        ['all renamed (20,001 changes)', many('g')],
      ],
    },
    {
      name: 'rename of flow',
      file: 'src/Function.ts',
      texts: (text) => [['in src/Function.ts', text.replace(/\bflow\b/g, 'flowRenamed')]],
    },
  ];
  for (const { name, file, texts } of edits) {
    if (only && !name.includes(only)) continue;
    const full = path.join(root, file);
    const original = readFileSync(full, 'utf8');
    for (const [label, text] of [...texts(original), ['reverted', original] as [string, string]]) {
      writeFileSync(full, text);
      times.update = times.apply = times.publish = 0;
      const t = performance.now();
      const { revision, changes } = await indexer.reanalyze([file]);
      const total = performance.now() - t;
      const semantic = total - times.update - times.apply - times.publish;
      process.stdout.write(
        `${name}, ${label}: revision ${revision}, ${changes} changes, ${fmt(total)} s (analysis ${fmt(times.update)}, semantic pass ${fmt(semantic)}, store apply ${fmt(times.apply)}, publish ${fmt(times.publish)})\n`,
      );
    }
  }
  await indexer.close();
  await events.close?.();
}

await main();
