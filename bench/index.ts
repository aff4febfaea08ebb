/**
 * `npm run bench [analysis] [store] [api] [live] [startup] [memgraph] [ui] [express] [semantic] [mcp] [warm] [big-edit]`: every part when none is
 * named (`memgraph` measures only when MEMGRAPH_URI is set). Each part runs in its own process
 * (so that one part's memory and garbage do not weigh on the next),
 * and prints its figures beside a baseline measured in the same run (see docs/BENCHMARKS.md).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { effectGraphFile } from './api.ts';

const PARTS = {
  analysis: { title: 'analysis: effect 4.1.0 vs tsc --noEmit', args: [] as string[] },
  store: { title: "store: effect's graph into the memory store", args: [] as string[] },
  api: { title: 'api: autocannon, 100 connections, vs a bare Yoga', args: [] as string[] },
  live: { title: 'live: edit → event on rxjs; fan-out to 1,000 subscribers', args: [] as string[] },
  startup: {
    title: 'startup: installed codenav serve → /healthz, first answer; vs node -e 0',
    args: [] as string[],
  },
  memgraph: {
    title: "memgraph: effect's graph into the Memgraph at MEMGRAPH_URI, vs the memory store",
    args: [] as string[],
  },
  ui: {
    title: 'ui: folder picture in Chromium on rxjs and effect, vs the file picture before',
    args: [] as string[],
  },
  express: {
    title: "express: call recall on express 4.21.2 (CommonJS) vs TypeScript's go-to-definition",
    args: [] as string[],
  },
  semantic: {
    title:
      'semantic: the semantic pass per revision vs the update time on effect; diffImpact with 3 changed files',
    args: [] as string[],
  },
  mcp: {
    title: 'mcp: a tool call over Streamable HTTP vs the same question over GraphQL, on rxjs',
    args: [] as string[],
  },
  warm: {
    title: 'warm: restart of codenav serve on effect from its snapshot, vs the cold start',
    args: [] as string[],
  },
  'big-edit': {
    title:
      'big-edit: one file rewritten with 5,000 functions, a rename of `flow`, on effect; vs its first analysis',
    args: [] as string[],
  },
} as const;
type Part = keyof typeof PARTS;

const asked = process.argv.slice(2).filter((a): a is Part => a in PARTS);
const parts = asked.length > 0 ? asked : (Object.keys(PARTS) as Part[]);
let failed = false;
// The parts that spawn bin/codenav.mjs run the compiled dist/: build it when its sources changed.
execFileSync(
  process.execPath,
  [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url)), '--if-stale'],
  {
    stdio: 'inherit',
  },
);

for (const part of parts) {
  process.stdout.write(`\n== ${PARTS[part].title} (${new Date().toISOString()})\n`);
  // The memgraph part says why it measures nothing without MEMGRAPH_URI: no graph needed then.
  const needsGraph = part === 'store' || (part === 'memgraph' && process.env.MEMGRAPH_URI);
  const args = needsGraph ? [await effectGraphFile()] : [];
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(new URL(`./${part}.ts`, import.meta.url)), ...args],
    { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (run.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
