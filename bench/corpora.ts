/**
 * Real-world corpora for benchmarks and agreement checks: the TypeScript sources that `effect`
 * and `rxjs` ship on npm, and `express` 4 (CommonJS JavaScript), fetched with `npm pack` into `.cache/corpora/<name>-<version>/`
 * (ignored by git) and given a standalone tsconfig that TypeScript 6 accepts.
 *
 * Layout of a prepared corpus (the root):
 * ```
 * .cache/corpora/effect-4.1.0/
 *   src/ dist/ …             the package as published (tarball extracted, `package/` stripped)
 *   package.npm.json         the package's own package.json, untouched
 *   package.json             the same without dependency lists and scripts (see below)
 *   tsconfig.npm.json        the package's own tsconfig.json, if it shipped one (rxjs)
 *   tsconfig.json            ours: standalone, covers `src/`
 *   node_modules/            only the packages the sources need to type-check (effect: @types/node)
 *   .codenav-corpus.json     marker written last: recipe hash, file and line counts
 * ```
 * Our tsconfig is named `tsconfig.json` so that tools pointed at the root (`codenav analyze`,
 * `depcruise`) find it without a flag. The package.json is trimmed because `npm install` in a
 * folder resolves that folder's whole dependency tree, dev dependencies included (effect's pull
 * in miniflare and esbuild, rxjs's are years old); `type` (ESM vs CommonJS under NodeNext) and
 * the rest are kept.
 *
 * Run directly to prepare both: `npx tsx bench/corpora.ts [effect|rxjs]`.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type ts from 'typescript';

const run = promisify(execFile);

/** Names of the corpora {@link ensureCorpus} knows. */
export type CorpusName = 'effect' | 'rxjs' | 'express';

/** A prepared corpus. */
export interface Corpus {
  /** Absolute path of the package root (holds `src/` and `tsconfig.json`). */
  root: string;
  /** Absolute path of the corpus tsconfig. */
  tsconfig: string;
  /** Number of source files the tsconfig covers. */
  files: number;
  /** Newline count over those files (what `wc -l` says). */
  lines: number;
}

interface CorpusSpec {
  version: string;
  /**
   * Exact `name@version` specs installed into the corpus so that the sources type-check.
   * Pinned, so the corpus is the same on every machine and every day.
   */
  install: readonly string[];
  /** The tsconfig we write, as JSON. */
  tsconfig: Record<string, unknown>;
}

/**
 * Why these settings:
 * - Both are standalone (no `extends`): the packages' own configs use options TypeScript 6
 *   rejects or deprecates (rxjs: `moduleResolution: node`, `baseUrl`; effect's repository base:
 *   `esModuleInterop: false`, `composite`, a language-service plugin) and point outside the
 *   package.
 * - `noEmit`: only ever type-checked or analyzed, so no `outDir`, `declaration` or build info.
 * - `paths` send the packages' self-imports (`effect/Cause` in effect's Runtime.ts, rxjs's
 *   `rxjs/*` aliases) to `src/`; without them they resolve to the shipped `dist/*.d.ts`, and a
 *   file→file graph would leave the sources. No `baseUrl` (deprecated in 6; paths are relative
 *   to the tsconfig).
 * - effect mirrors its repository's `tsconfig.base.jsonc` + `tsconfig.src.json` (NodeNext, the
 *   `.ts` import extensions it uses, `verbatimModuleSyntax`, strict + exactOptionalPropertyTypes,
 *   `types: ["node"]`, lib = ES2022 + DOM as the ES2022 default gives).
 * - rxjs imports without extensions, so `moduleResolution: bundler` (the TypeScript 6 replacement
 *   for `node`), `module: preserve`; strict + noImplicitReturns as its own tsconfig had; `lib`
 *   from its own `esnext, dom`, pinned to ES2022 so the corpus does not drift as ESNext grows;
 *   `types: []` because the sources use no Node API.
 */
const CORPORA: Record<CorpusName, CorpusSpec> = {
  // express ships plain CommonJS JavaScript (no tsconfig, no types): a tsconfig as an editor's
  // JavaScript project has it (allowJs, JSDoc read, no checkJs), Node's CommonJS resolution, and
  // no dependencies installed — the calls measured are those inside the package.
  express: {
    version: '4.21.2',
    install: [],
    tsconfig: {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        allowJs: true,
        checkJs: false,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      include: ['index.js', 'lib'],
    },
  },
  effect: {
    version: '4.1.0',
    // effect 4.1.0 has no dependencies; its sources import only `node:assert` and themselves.
    // devDependencies declare @types/node ^26.6.5.
    install: ['@types/node@26.6.5'],
    tsconfig: {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        moduleDetection: 'force',
        verbatimModuleSyntax: true,
        allowImportingTsExtensions: true,
        erasableSyntaxOnly: true,
        noEmit: true,
        strict: true,
        exactOptionalPropertyTypes: true,
        noUnusedLocals: true,
        noImplicitOverride: true,
        noFallthroughCasesInSwitch: true,
        skipLibCheck: true,
        types: ['node'],
        paths: {
          effect: ['./src/index.ts'],
          'effect/*': ['./src/*.ts', './src/*/index.ts'],
        },
      },
      include: ['src'],
    },
  },
  rxjs: {
    version: '7.8.2',
    install: [],
    tsconfig: {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        module: 'preserve',
        moduleResolution: 'bundler',
        noEmit: true,
        strict: true,
        noImplicitReturns: true,
        skipLibCheck: true,
        types: [],
        paths: {
          rxjs: ['./src/index.ts'],
          'rxjs/operators': ['./src/operators/index.ts'],
          'rxjs/testing': ['./src/testing/index.ts'],
          'rxjs/ajax': ['./src/ajax/index.ts'],
          'rxjs/webSocket': ['./src/webSocket/index.ts'],
          'rxjs/fetch': ['./src/fetch/index.ts'],
          'rxjs/internal/*': ['./src/internal/*'],
        },
      },
      include: ['src'],
    },
  },
};

const MARKER = '.codenav-corpus.json';
/** Bump when the preparation steps change in a way the spec hash does not capture. */
const RECIPE_REVISION = 1;

interface Marker {
  name: CorpusName;
  version: string;
  recipe: string;
  files: number;
  lines: number;
}

/** The cache folder holding every corpus: `<repo>/.cache/corpora`. */
export const CORPORA_DIR = fileURLToPath(new URL('../.cache/corpora/', import.meta.url));

/** The pinned version of each corpus. */
export function corpusVersion(name: CorpusName): string {
  return specOf(name).version;
}

/**
 * Fetches, extracts and configures a corpus once; later calls only read its marker file.
 * Safe to call from several processes at once: a corpus is prepared in a private temporary
 * folder and renamed into place.
 */
export async function ensureCorpus(name: CorpusName): Promise<Corpus> {
  const spec = specOf(name);
  const recipe = recipeHash(spec);
  const root = join(CORPORA_DIR, `${name}-${spec.version}`);
  const tsconfig = join(root, 'tsconfig.json');

  const marker = await readMarker(root);
  if (marker?.recipe === recipe && existsSync(tsconfig)) {
    return { root, tsconfig, files: marker.files, lines: marker.lines };
  }

  await mkdir(CORPORA_DIR, { recursive: true });
  const work = join(CORPORA_DIR, `.tmp-${name}-${process.pid}-${Date.now()}`);
  try {
    await prepare(name, spec, recipe, work);
    await moveIntoPlace(name, work, root, recipe);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const ready = await readMarker(root);
  if (!ready) throw new Error(`corpus ${name}: preparation finished but ${join(root, MARKER)} is missing`);
  return { root, tsconfig, files: ready.files, lines: ready.lines };
}

/** Renames a prepared corpus to `root`, unless another process got there first. */
async function moveIntoPlace(name: CorpusName, work: string, root: string, recipe: string): Promise<void> {
  if ((await readMarker(root))?.recipe === recipe) return;
  if (existsSync(root)) {
    // A corpus of an older recipe: move it aside first, so that the rename below is atomic.
    const stale = join(CORPORA_DIR, `.stale-${name}-${process.pid}-${Date.now()}`);
    await rename(root, stale);
    await rm(stale, { recursive: true, force: true });
  }
  try {
    await rename(work, root);
  } catch (error) {
    if ((await readMarker(root))?.recipe !== recipe) throw error;
  }
}

async function prepare(name: CorpusName, spec: CorpusSpec, recipe: string, work: string): Promise<void> {
  const pkg = `${name}@${spec.version}`;
  await mkdir(work, { recursive: true });

  log(`${name}: npm pack ${pkg}`);
  const { stdout } = await run('npm', ['pack', pkg, '--json', '--pack-destination', work], {
    cwd: work,
    maxBuffer: 64 * 1024 * 1024,
  });
  const packed = JSON.parse(stdout) as Array<{ filename: string }>;
  const tarball = join(work, packed[0]!.filename);

  log(`${name}: extract ${packed[0]!.filename}`);
  await run('tar', ['-xzf', tarball, '-C', work, '--strip-components=1']);
  await rm(tarball);

  const manifestText = await readFile(join(work, 'package.json'), 'utf8');
  await writeFile(join(work, 'package.npm.json'), manifestText);
  const manifest = JSON.parse(manifestText) as Record<string, unknown>;
  for (const field of [
    'dependencies',
    'devDependencies',
    'peerDependencies',
    'optionalDependencies',
    'scripts',
  ]) {
    delete manifest[field];
  }
  await writeFile(join(work, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  if (existsSync(join(work, 'tsconfig.json'))) {
    await rename(join(work, 'tsconfig.json'), join(work, 'tsconfig.npm.json'));
  }
  await writeFile(join(work, 'tsconfig.json'), `${JSON.stringify(spec.tsconfig, null, 2)}\n`);

  if (spec.install.length > 0) {
    log(`${name}: npm install ${spec.install.join(' ')}`);
    await run(
      'npm',
      [
        'install',
        '--no-save',
        '--no-package-lock',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        ...spec.install,
      ],
      { cwd: work, maxBuffer: 64 * 1024 * 1024 },
    );
  }

  const fileNames = await tsconfigFileNames(join(work, 'tsconfig.json'));
  let lines = 0;
  for (const file of fileNames) lines += countNewlines(await readFile(file));
  const marker: Marker = { name, version: spec.version, recipe, files: fileNames.length, lines };
  await writeFile(join(work, MARKER), `${JSON.stringify(marker, null, 2)}\n`);
  log(`${name}: ready, ${fileNames.length} files, ${lines} lines`);
}

/**
 * The root files of a tsconfig, as TypeScript itself parses it. Throws with TypeScript's messages
 * when the tsconfig has errors (unknown, removed or deprecated options), so a corpus tsconfig
 * that TypeScript 6 would refuse never gets a marker.
 */
export async function tsconfigFileNames(tsconfig: string): Promise<string[]> {
  // Loaded lazily: a cached corpus needs no TypeScript, and loading it costs half a second.
  const { default: ts } = await import('typescript');
  const reject = (errors: readonly ts.Diagnostic[]): Error => {
    const messages = errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
    return new Error(`TypeScript rejects ${tsconfig}: ${messages.join('; ')}`);
  };
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (read.error) throw reject([read.error]);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(tsconfig), undefined, tsconfig);
  // Removed and deprecated options (baseUrl, moduleResolution node10, …) are not parse errors:
  // TypeScript reports them as options diagnostics of a program, which costs nothing without files.
  const optionErrors = ts.createProgram({ rootNames: [], options: parsed.options }).getOptionsDiagnostics();
  const errors = [...parsed.errors, ...optionErrors];
  if (errors.length > 0) throw reject(errors);
  return parsed.fileNames;
}

function countNewlines(buffer: Buffer): number {
  let count = 0;
  for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, i + 1)) count += 1;
  return count;
}

function specOf(name: string): CorpusSpec {
  if (!Object.hasOwn(CORPORA, name)) {
    throw new Error(`unknown corpus "${name}": expected one of ${Object.keys(CORPORA).join(', ')}`);
  }
  return CORPORA[name as CorpusName];
}

function recipeHash(spec: CorpusSpec): string {
  return createHash('sha256')
    .update(JSON.stringify({ revision: RECIPE_REVISION, spec }))
    .digest('hex')
    .slice(0, 16);
}

async function readMarker(root: string): Promise<Marker | undefined> {
  try {
    return JSON.parse(await readFile(join(root, MARKER), 'utf8')) as Marker;
  } catch {
    return undefined;
  }
}

function log(line: string): void {
  process.stderr.write(`corpora: ${line}\n`);
}

/** Parses a corpus name from the command line, with a usage error naming the choices. */
export function parseCorpusName(value: string | undefined): CorpusName {
  if (value === 'effect' || value === 'rxjs' || value === 'express') return value;
  throw new Error(
    `expected a corpus name (effect, rxjs or express), got ${value === undefined ? 'nothing' : `"${value}"`}`,
  );
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const names =
    process.argv.length > 2 ? process.argv.slice(2).map(parseCorpusName) : (['effect', 'rxjs'] as const);
  for (const name of names) {
    const corpus = await ensureCorpus(name);
    console.log(`${name}: ${corpus.files} files, ${corpus.lines} lines, tsconfig ${corpus.tsconfig}`);
  }
}
