/**
 * Measuring helpers for the benchmarks: wall time and peak RSS of a child command, peak RSS of
 * this process over a stretch of work, and percentiles.
 *
 * Peak RSS of a child comes from GNU `/usr/bin/time -v` when it is installed (the kernel's
 * `ru_maxrss`, exact); otherwise from polling `/proc/<pid>/status` `VmHWM`, which can miss growth
 * in the last poll interval before the child exits. Either way it is the peak of the largest
 * single process: a command that forks workers is not summed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const GNU_TIME = '/usr/bin/time';
const MB = 1024 * 1024;

/** Options for {@link measureCommand}. */
export interface MeasureCommandOptions {
  /** Working directory of the child. @default process.cwd() */
  cwd?: string;
  /** Environment of the child. @default process.env */
  env?: NodeJS.ProcessEnv;
  /**
   * Kill the child (SIGKILL) after this many milliseconds; the result then has `timedOut: true`.
   * @default no limit
   */
  timeoutMs?: number;
  /**
   * How peak RSS is read. `auto` uses GNU time when installed, else `/proc` polling.
   * @default 'auto'
   */
  rssMethod?: 'auto' | 'gnu-time' | 'proc';
  /** Poll interval for the `/proc` method, in milliseconds. @default 25 */
  pollMs?: number;
}

/** What {@link measureCommand} observed. */
export interface CommandMeasurement {
  /** Wall time from spawn to exit, in milliseconds. */
  wallMs: number;
  /** Peak resident set size of the child, in MiB (0 when it could not be read). */
  peakRssMb: number;
  /** How `peakRssMb` was obtained. */
  rssMethod: 'gnu-time' | 'proc';
  /** Exit code, or `null` when the child died of a signal. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

let gnuTimeAvailable: boolean | undefined;

/** Whether `/usr/bin/time` is GNU time (accepts `-v` and `-o`); probed once. */
export function hasGnuTime(): boolean {
  if (gnuTimeAvailable === undefined) {
    gnuTimeAvailable =
      existsSync(GNU_TIME) &&
      spawnSync(GNU_TIME, ['-v', '-o', '/dev/null', 'true'], { stdio: 'ignore' }).status === 0;
  }
  return gnuTimeAvailable;
}

/**
 * Runs `command args` (no shell) to completion and measures its wall time and peak RSS.
 * Rejects only when the command cannot be started; an exit code or signal is the caller's to
 * judge.
 */
export async function measureCommand(
  command: string,
  args: readonly string[],
  options: MeasureCommandOptions = {},
): Promise<CommandMeasurement> {
  const method = options.rssMethod === 'auto' || !options.rssMethod ? autoMethod() : options.rssMethod;
  if (method === 'gnu-time' && !hasGnuTime()) {
    throw new Error(`rssMethod 'gnu-time' needs GNU time at ${GNU_TIME}; install the Debian package "time"`);
  }
  if (method === 'gnu-time') {
    const dir = await mkdtemp(join(tmpdir(), 'codenav-measure-'));
    const report = join(dir, 'time.txt');
    try {
      const run = await runChild(GNU_TIME, ['-v', '-o', report, command, ...args], options, undefined);
      if (run.exitCode === 127 && run.stderr.includes(`${GNU_TIME}: cannot run`)) {
        throw new Error(`could not start ${command}: ${run.stderr.trim()}`);
      }
      const text = await readFile(report, 'utf8').catch(() => '');
      const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1];
      return { ...run, peakRssMb: kb ? Number(kb) / 1024 : 0, rssMethod: 'gnu-time' };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  let peakKb = 0;
  const run = await runChild(command, args, options, (pid) => {
    const kb = readVmHwmKb(pid);
    if (kb > peakKb) peakKb = kb;
  });
  return { ...run, peakRssMb: peakKb / 1024, rssMethod: 'proc' };
}

function autoMethod(): 'gnu-time' | 'proc' {
  return hasGnuTime() ? 'gnu-time' : 'proc';
}

type ChildRun = Omit<CommandMeasurement, 'peakRssMb' | 'rssMethod'>;

function runChild(
  command: string,
  args: readonly string[],
  options: MeasureCommandOptions,
  poll: ((pid: number) => void) | undefined,
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            if (child.pid !== undefined) killTree(child.pid);
          }, options.timeoutMs);
    const pid = child.pid;
    const poller = poll && pid !== undefined ? setInterval(() => poll(pid), options.pollMs ?? 25) : undefined;
    child.on('error', (error) => {
      clearTimeout(timer);
      clearInterval(poller);
      reject(new Error(`could not start ${command}: ${error.message}`));
    });
    child.on('close', (exitCode, signal) => {
      const wallMs = performance.now() - started;
      clearTimeout(timer);
      clearInterval(poller);
      resolve({
        wallMs,
        exitCode,
        signal,
        timedOut,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

/**
 * SIGKILLs `pid` and its children. GNU time neither forwards signals nor dies with its child,
 * so killing only the `time` process would leave the measured command running. The child list
 * comes from `/proc/<pid>/task/<pid>/children` (Linux); grandchildren are not chased.
 */
function killTree(pid: number): void {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    // Not Linux, or already gone: kill what we know.
  }
  for (const target of [...children, pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // Exited meanwhile.
    }
  }
}

function readVmHwmKb(pid: number): number {
  try {
    // Synchronous on purpose: /proc reads do not block, and an async read can land after exit.
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) : 0;
  } catch {
    return 0; // the child exited between polls
  }
}

/** A running sampler of this process's RSS; see {@link startRssSampler}. */
export interface RssSampler {
  /** Highest RSS sampled so far, in MiB. */
  readonly peakRssMb: number;
  /** Stops sampling (takes one last sample) and returns the figures. */
  stop(): RssSample;
}

/** What {@link RssSampler.stop} reports. */
export interface RssSample {
  /** Highest RSS sampled between start and stop, in MiB. */
  peakRssMb: number;
  /** Number of samples taken. */
  samples: number;
  /**
   * The kernel's peak RSS of this process over its whole life (`process.resourceUsage().maxRSS`),
   * in MiB: exact, but includes whatever ran before the sampler started.
   */
  lifetimePeakRssMb: number;
}

/**
 * Samples `process.memoryUsage.rss()` every `intervalMs` until `stop()`. The timer is unref'd,
 * so it never keeps the process alive; a synchronous stretch of work longer than the interval
 * is sampled only at its ends, so sample often and prefer `lifetimePeakRssMb` when the measured
 * work is all the process does.
 */
export function startRssSampler(intervalMs = 20): RssSampler {
  let peak = process.memoryUsage.rss();
  let samples = 1;
  const sample = (): void => {
    const rss = process.memoryUsage.rss();
    samples += 1;
    if (rss > peak) peak = rss;
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    get peakRssMb() {
      return peak / MB;
    },
    stop() {
      clearInterval(timer);
      sample();
      // resourceUsage().maxRSS is in kilobytes.
      return { peakRssMb: peak / MB, samples, lifetimePeakRssMb: process.resourceUsage().maxRSS / 1024 };
    },
  };
}

/** Summary statistics of a sample; see {@link summarize}. */
export interface Percentiles {
  count: number;
  min: number;
  max: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
}

/**
 * The `p`-th percentile (0..100) of `values`, by linear interpolation between closest ranks
 * (numpy's default), so the p50 of an even-sized sample is the mean of the middle two.
 * Throws on an empty sample: a percentile of nothing is a bug in the caller.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of an empty sample');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be 0..100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  return percentileOfSorted(sorted, p);
}

function percentileOfSorted(sorted: readonly number[], p: number): number {
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low]!;
  return lowValue + (sorted[high]! - lowValue) * (rank - low);
}

/** Count, min, max, mean, p50, p95 and p99 of a non-empty sample. */
export function summarize(values: readonly number[]): Percentiles {
  if (values.length === 0) throw new Error('summary of an empty sample');
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    mean: sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
    p50: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
  };
}
