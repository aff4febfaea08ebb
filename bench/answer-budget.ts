/**
 * The hostile trial's answer (README: Limits): 15 aliases of `impactWalk` from 100 keys, depth 1,
 * each impacted node with its callers' source, against a server already running on effect.
 * Prints the time, the response's size and first error, and the server's peak RSS (VmHWM, reset
 * to its current RSS first through /proc/PID/clear_refs) — docs/BENCHMARKS.md, "Answer budget".
 *
 *   node bin/codenav.mjs serve /tmp/effect --port 4711 --no-watch &   # wait for analysis READY
 *   npx tsx bench/answer-budget.ts http://127.0.0.1:4711 <server pid> [copies at once, 1]
 */
import { readFileSync, writeFileSync } from 'node:fs';

const [url = 'http://127.0.0.1:4711', pid, copies = '1'] = process.argv.slice(2);

async function gql(query: string): Promise<{ text: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  return { text, ms: performance.now() - started };
}

function memory(): { rss: number; hwm: number } | undefined {
  if (!pid) return undefined;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

// 100 keys: the trial's two busiest (712 dependents at depth 1; 1,417 callers) and 98 functions.
const listed = JSON.parse(
  (await gql('{ symbols(first: 98, kinds: [FUNCTION], pathPrefix: "src/") { edges { node { key } } } }'))
    .text,
) as { data: { symbols: { edges: { node: { key: string } }[] } } };
const keys = [
  'src/Pipeable.ts#Pipeable.pipe',
  'src/Function.ts#dual',
  ...listed.data.symbols.edges.map((e) => e.node.key),
];
const alias = (i: number) =>
  `a${i}: impactWalk(keys: ${JSON.stringify(keys)}, depth: 1) { nodes { node { ... on CodeSymbol { callers { source(maxLines: 2000) { text } } } } } }`;
const query = `{ ${Array.from({ length: 15 }, (_, i) => alias(i)).join('\n')} }`;

if (pid) writeFileSync(`/proc/${pid}/clear_refs`, '5'); // VmHWM := VmRSS
const before = memory();
const started = performance.now();
const answers = await Promise.all(Array.from({ length: Number(copies) }, () => gql(query)));
const ms = performance.now() - started;
const after = memory();
const text = answers[0]?.text ?? '';
let first = '';
try {
  const body = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] };
  first = body.errors?.[0]
    ? `${body.errors.length} error(s), first ${body.errors[0].extensions?.code}: ${body.errors[0].message.slice(0, 90)}`
    : 'no errors';
} catch {
  first = 'not JSON';
}
console.log(
  JSON.stringify({
    copies: Number(copies),
    ms: Math.round(ms),
    responseBytes: Buffer.byteLength(text),
    errors: first,
    rssBeforeMB: before && Math.round(before.rss),
    peakRssMB: after && Math.round(after.hwm),
    rssAfterMB: after && Math.round(after.rss),
  }),
);
