/**
 * The yardstick of the analysis benchmark: `tsc --noEmit` (TypeScript 6, the one in
 * node_modules) on a tsconfig, as a child process, with its wall time and peak RSS.
 *
 * Run directly: `npx tsx bench/tsc-baseline.ts effect|rxjs|path/to/tsconfig.json [--runs N]`.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureCorpus, parseCorpusName } from './corpora.ts';
import { measureCommand, summarize } from './measure.ts';

const TSC = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));

/** One `tsc --noEmit` run. */
export interface TscBaseline {
  /** Wall time of the whole child process, node start-up included, in milliseconds. */
  wallMs: number;
  /** Peak RSS of the child, in MiB. */
  peakRssMb: number;
  /** Number of errors tsc reported (`error TSnnnn` lines). */
  diagnostics: number;
  /** Those lines, `file(line,col): error TSnnnn: message`, without continuation lines. */
  messages: string[];
}

/**
 * Runs `node node_modules/typescript/bin/tsc --noEmit -p <tsconfig>` to completion.
 * Rejects when tsc did not finish a check: a crash, a signal (e.g. out of memory), or a non-zero
 * exit without any error line (a bad command line or tsconfig).
 */
export async function tscBaseline(tsconfig: string): Promise<TscBaseline> {
  const measured = await measureCommand(
    process.execPath,
    [TSC, '--noEmit', '--pretty', 'false', '-p', tsconfig],
    { cwd: dirname(tsconfig) },
  );
  const messages = measured.stdout.split('\n').filter((line) => /\berror TS\d+:/.test(line));
  // tsc exits 0 when clean, 1 or 2 when it checked and found errors.
  const checked = measured.exitCode === 0 || (messages.length > 0 && measured.exitCode !== null);
  if (!checked) {
    const output = `${measured.stdout}${measured.stderr}`.trim().split('\n').slice(0, 5).join(' | ');
    throw new Error(
      `tsc on ${tsconfig} did not finish a check (exit ${measured.exitCode ?? measured.signal}): ${output}`,
    );
  }
  return {
    wallMs: measured.wallMs,
    peakRssMb: measured.peakRssMb,
    diagnostics: messages.length,
    messages,
  };
}

async function main(argv: readonly string[]): Promise<void> {
  const runsFlag = argv.indexOf('--runs');
  const runs = runsFlag === -1 ? 1 : Number(argv[runsFlag + 1]);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a positive integer, got "${argv[runsFlag + 1]}"`);
  const target = argv.find((arg, i) => !arg.startsWith('--') && !argv[i - 1]?.startsWith('--'));
  const tsconfig = target?.endsWith('.json')
    ? resolve(target)
    : (await ensureCorpus(parseCorpusName(target))).tsconfig;

  const walls: number[] = [];
  for (let i = 1; i <= runs; i += 1) {
    const result = await tscBaseline(tsconfig);
    walls.push(result.wallMs);
    console.log(
      `tsc --noEmit ${tsconfig}: run ${i}/${runs}: ${(result.wallMs / 1000).toFixed(1)} s, ` +
        `peak RSS ${result.peakRssMb.toFixed(0)} MB, ${result.diagnostics} errors`,
    );
    if (i === runs) for (const message of result.messages.slice(0, 20)) console.log(`  ${message}`);
  }
  if (runs > 1) {
    const s = summarize(walls);
    console.log(
      `wall: median ${(s.p50 / 1000).toFixed(1)} s, min ${(s.min / 1000).toFixed(1)} s, max ${(s.max / 1000).toFixed(1)} s`,
    );
  }
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  await main(process.argv.slice(2));
}
