#!/usr/bin/env node
/**
 * The build: the server → `dist/` (rolldown) and the web UI → `client/dist/` (Vite, on the same
 * rolldown). Why a bundle, and what it holds: docs/ARCHITECTURE.md, "The package".
 *
 *   node scripts/build.mjs             both, from scratch (`npm run build`, `prepack`)
 *   node scripts/build.mjs --if-stale  only a part that is missing or was built from other sources
 *                                      (`prepare` after `npm ci`, `npm start`, the test suite's
 *                                      global setup, benchmarks); silent when up to date
 *
 * "Built from other sources" compares a hash of every input with the one recorded after the last
 * build (in .cache/build/), not modification times: a checkout, a stash or a copy that keeps old
 * times cannot leave a stale build in use. The build does not type-check: `npm run typecheck`
 * does (CI runs it).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamps = path.join(root, '.cache', 'build');
const require = createRequire(import.meta.url);

/**
 * Each part: what it reads (folders are read whole), the file whose absence means "not built",
 * and how to build it. The lockfile is an input of both: both bundle libraries.
 */
const PARTS = {
  server: {
    output: 'dist',
    inputs: ['server', 'schema', 'scripts/build.mjs', 'package.json', 'package-lock.json'],
    built: 'dist/main.js',
    build: buildServer,
  },
  client: {
    output: 'client/dist',
    inputs: [
      'client/src',
      'client/public',
      'client/index.html',
      'client/vite.config.ts',
      'package-lock.json',
    ],
    built: 'client/dist/index.html',
    build: buildClient,
  },
};

/** A hash of the inputs' paths and contents. */
function hashInputs(inputs) {
  const hash = createHash('sha256');
  const add = (relative) => {
    const file = path.join(root, relative);
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const child of readdirSync(file).sort()) add(path.join(relative, child));
    } else {
      hash.update(`${relative.split(path.sep).join('/')}\0`).update(readFileSync(file));
    }
  };
  for (const input of inputs) add(input);
  return hash.digest('hex');
}

/** Why `name` needs building, or undefined when its output was built from the current inputs. */
function staleReason(name) {
  const part = PARTS[name];
  if (!existsSync(path.join(root, part.built))) return `${part.output}/ is missing`;
  let recorded;
  try {
    recorded = readFileSync(path.join(stamps, `${name}.sha256`), 'utf8').trim();
  } catch {
    return `${part.output}/ has no record of its sources`;
  }
  return recorded === hashInputs(part.inputs) ? undefined : 'its sources changed since the last build';
}

async function buildPart(name) {
  const part = PARTS[name];
  const hash = hashInputs(part.inputs);
  // An interrupted build leaves no record, so it is never taken for a finished one.
  rmSync(path.join(stamps, `${name}.sha256`), { force: true });
  const started = performance.now();
  await part.build();
  // Which build of the server this is (its inputs' hash, the lockfile's included): a snapshot's
  // records are reused only by the build that wrote them. An updated clone built again is
  // another analyzer under the same version.
  if (name === 'server')
    writeFileSync(path.join(root, 'dist', 'build.json'), `${JSON.stringify({ id: hash.slice(0, 12) })}\n`);
  mkdirSync(stamps, { recursive: true });
  writeFileSync(path.join(stamps, `${name}.sha256`), `${hash}\n`);
  console.log(`codenav: built ${part.output}/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Resolves a build tool, or explains what is missing (a clone installed with `--omit=dev`). */
function tool(specifier, name) {
  try {
    return require.resolve(specifier);
  } catch {
    throw new MissingToolError(
      `${name} is not installed (a clone needs its dev dependencies to build: npm ci without --omit=dev)`,
    );
  }
}

class MissingToolError extends Error {}

/**
 * Two entries: `dist/main.js` (the CLI, from server/main.ts) and `dist/analysis-worker.js` (the
 * analysis worker thread, which analysis-runner starts from beside itself), with the lazily
 * loaded parts (the GraphQL server, each store and events adapter, analyze) as chunks beside
 * them. Production dependencies stay imports, installed with codenav; every other package the
 * server imports is bundled in.
 */
async function buildServer() {
  tool('rolldown', 'rolldown');
  const { build: bundle } = await import('rolldown');
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const installed = Object.keys(manifest.dependencies);
  // From scratch: files of deleted sources must not linger in dist/ (or in the package).
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  await bundle({
    cwd: root,
    input: { main: 'server/main.ts', 'analysis-worker': 'server/indexer/analysis-worker.ts' },
    platform: 'node',
    external: (id) =>
      id.startsWith('node:') || installed.some((name) => id === name || id.startsWith(`${name}/`)),
    logLevel: 'warn',
    output: { dir: 'dist', format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
  });
}

async function buildClient() {
  tool('vite', 'Vite');
  const vite = await import('vite');
  // A caller's NODE_ENV (vitest sets `test`) would make Vite bundle React's development build.
  process.env.NODE_ENV = 'production';
  await vite.build({ root: path.join(root, 'client'), mode: 'production', logLevel: 'warn' });
}

/** Builds each part that is stale, or every part from scratch. */
async function build({ ifStale }) {
  for (const [name, part] of Object.entries(PARTS)) {
    const reason = staleReason(name);
    if (ifStale && !reason) continue;
    if (ifStale) console.log(`codenav: building ${part.output}/ (${reason})…`);
    await buildPart(name);
  }
}

const ifStale = process.argv.includes('--if-stale');
try {
  await build({ ifStale });
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof MissingToolError && ifStale) {
    // `prepare` runs on every install of a clone, --omit=dev included: say why, do not fail it.
    console.warn(`codenav: not built: ${message}`);
  } else {
    console.error(`codenav: the build failed: ${message}`);
    process.exitCode = 1;
  }
}
