/**
 * Semantic benchmark, on effect 4.1.0's sources (572 files, 523k lines).
 *
 * 1. The semantic pass per revision: edits of the kinds people make (a body edit, a new export,
 *    a rename of an exported symbol with its dependents, an import added, an export removed), each saved then
 *    reverted, analyzed and applied to the memory store as the indexer does. Per revision: the
 *    update time (analysis of the changed file + store apply) and the semantic pass (reading the
 *    old nodes and dependents before the apply, deriving after, cycles around the import edges).
 *    Target: semantic p95 ≤ 10 % of update p95.
 * 2. diffImpact against a git commit with 3 changed files on the READY graph. Target ≤ 2 s.
 *
 *   node --expose-gc --import tsx bench/semantic.ts [--files N]
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import * as path from 'node:path';
import pino from 'pino';
import { Analyzer } from '../server/analysis/index.ts';
import { diffImpact } from '../server/diff-impact/index.ts';
import { createMemoryStore } from '../server/graph/memory/memory-store.ts';
import { createSemanticPass } from '../server/indexer/semantic-pass.ts';
import type { ChangeSet } from '../server/model/index.ts';
import { insertInFirstBody } from './body-edit.ts';
import { ensureCorpus } from './corpora.ts';
import { summarize } from './measure.ts';

type Edit = { readonly name: string; apply(text: string): string | undefined };

/** The edits, each a function of a file's text (undefined: not applicable to this file). */
const EDITS: readonly Edit[] = [
  { name: 'body edit', apply: (text) => insertInFirstBody(text) },
  {
    name: 'export added',
    apply: (text) => `${text}\nexport const semanticBenchAdded = (x: number): number => x + 1\n`,
  },
  {
    name: 'rename',
    apply: (text) => {
      const match = /export (?:const|function) ([A-Za-z_$][\w$]*)/.exec(text);
      return match ? text.replace(new RegExp(`\\b${match[1]}\\b`, 'g'), `${match[1]}Renamed`) : undefined;
    },
  },
  {
    // A value import of a module much of effect depends on: it touches the import graph, and
    // often closes a cycle through a large part of it (the cycle pass's worst case).
    name: 'import added',
    apply: (text) =>
      `import * as SemanticBenchImport from "./Effect.ts"\nexport const semanticBenchUse = SemanticBenchImport\n${text}`,
  },
  {
    name: 'export removed',
    apply: (text) =>
      /^export function /m.test(text) ? text.replace(/^export function /m, 'function ') : undefined,
  },
];

const ms = (start: number) => performance.now() - start;
const fmt = (n: number) => n.toFixed(1);

async function main() {
  const argv = process.argv.slice(2);
  const filesArg = argv.indexOf('--files');
  const fileCount = filesArg === -1 ? 24 : Number(argv[filesArg + 1]);
  const effect = await ensureCorpus('effect');
  const work = mkdtempSync(path.join(tmpdir(), 'codenav-semantic-'));
  const root = path.join(work, 'effect');
  cpSync(effect.root, root, { recursive: true });
  try {
    process.stdout.write(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}\n`);
    const analyzer = new Analyzer({ root });
    const store = createMemoryStore();
    const started = performance.now();
    const first: ChangeSet[] = [];
    analyzer.analyze({ onChangeSet: (cs) => first.push(cs) });
    for (const cs of first) await store.apply(cs);
    const stats = await store.stats();
    process.stdout.write(
      `effect analyzed and applied in ${fmt(ms(started) / 1000)} s: ${Object.values(stats.nodes).reduce((a, b) => a + b, 0)} nodes\n`,
    );

    const pass = createSemanticPass(store, pino({ level: 'silent' }));
    const files = readdirSync(path.join(root, 'src'))
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => `src/${f}`);
    // Files spread over the corpus, the same ones on every run.
    const step = Math.max(1, Math.floor(files.length / fileCount));
    const picked = files.filter((_, i) => i % step === 0).slice(0, fileCount);

    const update: number[] = [];
    const semantic: number[] = [];
    const ratio: number[] = [];
    const byKind = new Map<string, number>();
    let firstPass: number | undefined;
    let cycleRevisions = 0;
    const revise = async (file: string) => {
      const t0 = performance.now();
      const changeSet = analyzer.update([file]);
      const analysis = ms(t0);
      if (changeSet.changes.length === 0) return;
      const t1 = performance.now();
      const prepared = await pass.prepare(changeSet);
      const before = ms(t1);
      const t2 = performance.now();
      await store.apply(changeSet);
      const apply = ms(t2);
      const t3 = performance.now();
      const changes = pass.derive(changeSet, prepared);
      const cost = before + ms(t3);
      for (const c of changes) byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
      if (prepared.touchedFiles.length > 0) cycleRevisions += 1;
      // The first pass reads the whole import graph once (for cycles): reported on its own.
      if (firstPass === undefined && prepared.touchedFiles.length > 0) {
        firstPass = cost;
        return;
      }
      update.push(analysis + apply);
      semantic.push(cost);
      ratio.push(cost / (analysis + apply));
    };

    for (const [i, file] of picked.entries()) {
      const full = path.join(root, file);
      const original = readFileSync(full, 'utf8');
      for (const edit of [EDITS[i % EDITS.length]!, EDITS[(i + 1) % EDITS.length]!]) {
        const edited = edit.apply(original);
        if (edited === undefined || edited === original) continue;
        writeFileSync(full, edited);
        await revise(file);
        writeFileSync(full, original);
        await revise(file);
      }
    }
    const u = summarize(update);
    const s = summarize(semantic);
    const r = summarize(ratio);
    process.stdout.write(
      [
        `revisions: ${u.count} (${picked.length} files, each edit saved then reverted)`,
        `semantic changes derived: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}`,
        `update (analysis + apply) ms: p50 ${fmt(u.p50)} p95 ${fmt(u.p95)} max ${fmt(u.max)}`,
        `semantic pass ms:             p50 ${fmt(s.p50)} p95 ${fmt(s.p95)} max ${fmt(s.max)}`,
        `semantic p95 / update p95: ${((100 * s.p95) / u.p95).toFixed(2)} % (target ≤ 10 %); per-revision ratio p95 ${(100 * r.p95).toFixed(2)} %, max ${(100 * r.max).toFixed(2)} %`,
        `revisions that touched the import graph (cycles recomputed around them): ${cycleRevisions}`,
        `first such pass (also reads the import graph once): ${firstPass === undefined ? 'none' : `${fmt(firstPass)} ms`}`,
        '',
      ].join('\n'),
    );

    // 2. diffImpact: a commit, then 3 files changed in the work tree (re-analyzed, as watching does).
    writeFileSync(path.join(root, '.gitignore'), 'node_modules/\ndist/\n');
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    const changed = [picked[1]!, picked[2]!, picked[3]!];
    for (const [i, file] of changed.entries()) {
      const full = path.join(root, file);
      const original = readFileSync(full, 'utf8');
      const edit = [EDITS[2]!, EDITS[0]!, EDITS[4]!][i]!;
      writeFileSync(full, edit.apply(original) ?? `${original}\nexport const touched = 1\n`);
    }
    const changeSet = analyzer.update(changed);
    await store.apply(changeSet);
    const times: number[] = [];
    let result: Awaited<ReturnType<typeof diffImpact>> | undefined;
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      result = await diffImpact({ root, store, base: 'HEAD', depth: 3 });
      times.push(ms(t));
    }
    const d = summarize(times);
    process.stdout.write(
      [
        `diffImpact, 3 changed files (${changed.join(', ')}), depth 3: ${result!.changed.length} changes, ${result!.affected.length} affected nodes, ${result!.affectedTests.length} test files`,
        `diffImpact ms: p50 ${fmt(d.p50)} max ${fmt(d.max)} (7 runs; target ≤ 2000)`,
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
