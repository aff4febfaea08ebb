import * as path from 'node:path';
import { type FileSystemHost, ts } from 'ts-morph';
import { relativeInside } from '../util/relative-inside.ts';
import { SOURCE_FILE, scanSourceFiles } from './source-scan.ts';
import { readTsConfig, type TsConfig } from './tsconfig.ts';
import {
  findWorkspace,
  type PackageManifest,
  readPackageEntries,
  type WorkspacePackage,
} from './workspaces.ts';

/** What a project is made of: its tsconfigs, its workspace packages and the files in scope. */
export interface ProjectLayout {
  readonly root: string;
  /** Every tsconfig found (root, references, workspace packages); empty without one. */
  readonly configs: readonly TsConfig[];
  readonly workspaces: ReadonlyMap<string, WorkspacePackage>;
  /** Where the workspace's packages are looked for (see workspaces.ts); empty without a workspace. */
  readonly workspacePatterns: readonly string[];
  /** The entry fields of the root's package.json (see workspaces.ts), when it has one. */
  readonly rootPackage: PackageManifest | undefined;
  /** Absolute paths of the files to analyze, sorted. */
  readonly files: readonly string[];
  /** Options of the one program that holds every file. */
  readonly options: ts.CompilerOptions;
  /** Problems with the configs, as messages. */
  readonly problems: readonly string[];
}

/** Options when a project has no tsconfig: everything JS and TS, modern resolution. */
export const DEFAULT_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  checkJs: false,
  jsx: ts.JsxEmit.Preserve,
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  esModuleInterop: true,
  strict: true,
  skipLibCheck: true,
  noEmit: true,
};

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

/**
 * Finds the project's tsconfigs (the root's, what they reference, each workspace package's)
 * and the files in scope. Without any tsconfig, every TS/JS file outside dependencies,
 * build output and `.gitignore` is in scope.
 */
export function discoverLayout(fileSystem: FileSystemHost, root: string): ProjectLayout {
  const workspace = findWorkspace(fileSystem, root);
  const workspaces = workspace.packages;
  const rootPackage = readPackageEntries(fileSystem, root);
  const configs = new Map<string, TsConfig>();
  // A config, then each config it references, depth first in their order. A chain of references
  // may be as long as the project likes, so a stack of our own follows it, not recursion.
  const load = (first: string) => {
    const stack = [first];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      if (configs.has(next) || !fileSystem.fileExistsSync(next)) continue;
      const config = readTsConfig(fileSystem, next);
      configs.set(next, config);
      for (let i = config.references.length - 1; i >= 0; i--) stack.push(config.references[i]!);
    }
  };
  const firstConfigIn = (dir: string) =>
    CONFIG_NAMES.map((name) => path.join(dir, name)).find((p) => fileSystem.fileExistsSync(p));

  const rootConfig = firstConfigIn(root);
  if (rootConfig) load(rootConfig);
  for (const pkg of workspaces.values()) {
    const pkgConfig = firstConfigIn(pkg.dir);
    if (pkgConfig) load(pkgConfig);
  }

  const problems = [
    ...workspace.problems,
    ...[...configs.values()].flatMap((c) => c.errors.map((e) => `${path.relative(root, c.path)}: ${e}`)),
  ];
  if (configs.size === 0) {
    return {
      root,
      configs: [],
      workspaces,
      workspacePatterns: workspace.patterns,
      rootPackage,
      files: scanSourceFiles(fileSystem, root),
      options: DEFAULT_OPTIONS,
      problems,
    };
  }

  const inScope = (file: string) =>
    SOURCE_FILE.test(file) && !file.split('/').includes('node_modules') && isUnder(root, file);
  const files = new Set<string>();
  for (const config of configs.values())
    for (const file of config.fileNames) if (inScope(file)) files.add(file);

  return {
    root,
    configs: [...configs.values()],
    workspaces,
    workspacePatterns: workspace.patterns,
    rootPackage,
    files: [...files].sort(),
    options: programOptions([...configs.values()], rootConfig ? configs.get(rootConfig) : undefined),
    problems,
  };
}

/**
 * One program holds every config's files, so that a call from one workspace package into
 * another resolves. Its options are the root config's (or the first config with files),
 * widened so that no config's files are refused (JS, JSX); module resolution stays per
 * config (see the module resolver).
 */
function programOptions(configs: readonly TsConfig[], rootConfig: TsConfig | undefined): ts.CompilerOptions {
  const primary =
    rootConfig && rootConfig.fileNames.length > 0
      ? rootConfig
      : (configs.find((c) => c.fileNames.length > 0) ?? configs[0]);
  const options: ts.CompilerOptions = { ...primary?.options };
  if (configs.some((c) => c.options.allowJs)) options.allowJs = true;
  if (options.jsx === undefined) {
    const jsx = configs.find((c) => c.options.jsx !== undefined)?.options.jsx;
    if (jsx !== undefined) options.jsx = jsx;
  }
  // Analysis never emits; build-mode options only add diagnostics about outputs.
  for (const key of [
    'composite',
    'incremental',
    'tsBuildInfoFile',
    'outFile',
    'declarationDir',
    'emitDeclarationOnly',
  ] as const) {
    delete options[key];
  }
  options.noEmit = true;
  options.skipLibCheck = true;
  return options;
}

/** Inside `dir`, and not `dir` itself. */
function isUnder(dir: string, file: string): boolean {
  return Boolean(relativeInside(dir, file));
}
