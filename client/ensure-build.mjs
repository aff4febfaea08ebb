#!/usr/bin/env node
// Builds the web UI when client/dist is missing or older than its sources (`npm start` runs it
// first, as `prestart`). Up to date, it only compares modification times: a few milliseconds.
// Without Vite (a production install) it says so and lets the server start with its fallback page.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const clientDir = path.dirname(fileURLToPath(import.meta.url));
const builtIndex = path.join(clientDir, 'dist', 'index.html');
/** What the build reads. */
const sources = ['src', 'index.html', 'vite.config.ts', 'public'].map((name) => path.join(clientDir, name));

/** The newest modification time under `entry` (0 when absent). */
function newest(entry) {
  let stat;
  try {
    stat = statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const child of readdirSync(entry)) latest = Math.max(latest, newest(path.join(entry, child)));
  return latest;
}

/** Why a build is needed, or undefined when client/dist is up to date. */
export function staleReason() {
  if (!existsSync(builtIndex)) return 'client/dist is missing';
  const builtAt = statSync(builtIndex).mtimeMs;
  const changedAt = Math.max(...sources.map(newest));
  return changedAt > builtAt ? 'client sources changed since the last build' : undefined;
}

export async function ensureBuild({ quiet = false } = {}) {
  const reason = staleReason();
  if (!reason) return false;
  let vite;
  try {
    vite = await import('vite');
  } catch {
    console.warn(`codenav: ${reason}, and Vite is not installed (npm install without --omit=dev builds it).`);
    return false;
  }
  const started = performance.now();
  if (!quiet) console.log(`codenav: building the web UI (${reason})…`);
  // A caller's NODE_ENV (vitest sets `test`) would make Vite bundle React's development build.
  process.env.NODE_ENV = 'production';
  await vite.build({ root: clientDir, mode: 'production', logLevel: quiet ? 'error' : 'warn' });
  if (!quiet) console.log(`codenav: web UI built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await ensureBuild();
  } catch (error) {
    console.error(`codenav: the web UI failed to build: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}
