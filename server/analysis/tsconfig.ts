import * as path from 'node:path';
import { type FileSystemHost, ts } from 'ts-morph';
import { isStackOverflow } from './compiler-guard.ts';

/** A parsed tsconfig: what it compiles, with which options, and what it references. */
export interface TsConfig {
  /** Absolute path of the tsconfig file. */
  readonly path: string;
  readonly options: ts.CompilerOptions;
  /** Absolute paths of the files it includes. */
  readonly fileNames: readonly string[];
  /** Absolute paths of referenced tsconfig files (`references`). */
  readonly references: readonly string[];
  /** Absolute paths of the configs it extends, nearest first (`extends`, and theirs). */
  readonly extended: readonly string[];
  /** Problems in the config itself, as messages. */
  readonly errors: readonly string[];
}

/** Reads and parses a tsconfig through `fileSystem` (so that it cannot escape the analyzed root). */
export function readTsConfig(fileSystem: FileSystemHost, configPath: string): TsConfig {
  const host = createParseConfigHost(fileSystem);
  const text = safeRead(fileSystem, configPath);
  if (text === undefined) {
    return {
      path: configPath,
      options: {},
      fileNames: [],
      references: [],
      extended: [],
      errors: [`cannot read ${configPath}`],
    };
  }
  const broken = (message: string): TsConfig => ({
    path: configPath,
    options: {},
    fileNames: [],
    references: [],
    extended: [],
    errors: [message],
  });
  let parsed: ts.ParsedCommandLine;
  let syntaxErrors: readonly ts.Diagnostic[];
  let extended: readonly string[];
  try {
    // Read as tsc and editors read it: a JSON syntax error (a config half-way through an edit)
    // is reported, and what can be read of the rest still holds (its `include`, its options).
    const json = ts.parseJsonText(configPath, text);
    syntaxErrors = syntaxErrorsOf(json);
    parsed = ts.parseJsonSourceFileConfigFileContent(
      json,
      host,
      path.dirname(configPath),
      undefined,
      configPath,
    );
    // Internal to TypeScript, as its language service reads it: the configs `extends` read.
    extended = (json as { extendedSourceFiles?: readonly string[] }).extendedSourceFiles ?? [];
  } catch (error) {
    // TypeScript reads a config, and each config it extends, recursively: JSON nested thousands
    // deep, or a chain of thousands of `extends`, overflows its stack. And it trusts some shapes
    // it does not check (`"references": [null]` throws). The config is then as broken as one that
    // is not JSON, and the analysis goes on.
    return broken(
      isStackOverflow(error)
        ? 'the config nests too deeply (its JSON, or its chain of "extends") for TypeScript to read it'
        : `TypeScript cannot read the config (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const pathErrors: string[] = [];
  const paths = parsed.options.paths && stringPaths(parsed.options.paths, pathErrors);
  const options = paths === parsed.options.paths ? parsed.options : { ...parsed.options, paths };
  return {
    path: configPath,
    options,
    fileNames: parsed.fileNames,
    references: (parsed.projectReferences ?? []).map((ref) => resolveReferencePath(fileSystem, ref.path)),
    extended,
    errors: [
      ...[...syntaxErrors, ...parsed.errors]
        // "No inputs were found" is normal for a solution-style tsconfig (`files: []` + references).
        .filter((d) => d.code !== 18003)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
      ...pathErrors,
    ],
  };
}

/** The JSON syntax errors of a config's text (none: it parses as written). */
function jsonSyntaxErrors(fileName: string, text: string): readonly ts.Diagnostic[] {
  return syntaxErrorsOf(ts.parseJsonText(fileName, text));
}

/** The first JSON syntax error of a config's text, as `line:column message`; undefined when it parses. */
export function firstJsonSyntaxError(fileName: string, text: string): string | undefined {
  const [error] = jsonSyntaxErrors(fileName, text);
  if (!error) return undefined;
  const at = error.file?.getLineAndCharacterOfPosition(error.start ?? 0);
  const where = at ? `${at.line + 1}:${at.character + 1} ` : '';
  return `${where}${ts.flattenDiagnosticMessageText(error.messageText, ' ')}`;
}

function syntaxErrorsOf(json: ts.JsonSourceFile): readonly ts.Diagnostic[] {
  // Internal to TypeScript, as tsc reads them: the parser's diagnostics of the file.
  return (json as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
}

/**
 * `paths` with only string substitutions. TypeScript takes the object as the JSON has it, and
 * creating a program fails outright (a "Debug Failure") on a substitution such as `null`.
 */
function stringPaths(paths: ts.MapLike<string[]>, errors: string[]): ts.MapLike<string[]> {
  const isBad = (substitutions: unknown) =>
    // Not a list at all: TypeScript reports it and ignores it.
    Array.isArray(substitutions) && substitutions.some((s) => typeof s !== 'string');
  if (!Object.values(paths).some(isBad)) return paths;
  const kept: ts.MapLike<string[]> = {};
  for (const [pattern, substitutions] of Object.entries(paths)) {
    let value = substitutions;
    if (isBad(substitutions)) {
      errors.push(`compilerOptions.paths["${pattern}"] must be a list of strings: only its strings are used`);
      value = substitutions.filter((s) => typeof s === 'string');
    }
    // An own property even when the pattern is "__proto__", as in the parsed JSON.
    Object.defineProperty(kept, pattern, { value, enumerable: true, writable: true, configurable: true });
  }
  return kept;
}

/** A reference may name a directory (its tsconfig.json) or a config file. */
function resolveReferencePath(fileSystem: FileSystemHost, refPath: string): string {
  return fileSystem.directoryExistsSync(refPath) ? path.join(refPath, 'tsconfig.json') : refPath;
}

function safeRead(fileSystem: FileSystemHost, filePath: string): string | undefined {
  try {
    return fileSystem.readFileSync(filePath);
  } catch {
    return undefined;
  }
}

function createParseConfigHost(fileSystem: FileSystemHost): ts.ParseConfigHost {
  return {
    useCaseSensitiveFileNames: fileSystem.isCaseSensitive(),
    fileExists: (p) => fileSystem.fileExistsSync(p),
    readFile: (p) => safeRead(fileSystem, p),
    readDirectory: (rootDir, extensions, excludes, includes, depth) =>
      // `matchFiles` is internal to TypeScript but is exactly what tsc uses for include/exclude.
      (ts as unknown as { matchFiles: MatchFiles }).matchFiles(
        rootDir,
        extensions,
        excludes,
        includes,
        fileSystem.isCaseSensitive(),
        fileSystem.getCurrentDirectory(),
        depth,
        (dir) => listDirectory(fileSystem, dir),
        (p) => fileSystem.realpathSync(p),
      ),
  };
}

type MatchFiles = (
  path: string,
  extensions: readonly string[] | undefined,
  excludes: readonly string[] | undefined,
  includes: readonly string[] | undefined,
  useCaseSensitiveFileNames: boolean,
  currentDirectory: string,
  depth: number | undefined,
  getFileSystemEntries: (path: string) => { files: string[]; directories: string[] },
  realpath: (path: string) => string,
) => string[];

function listDirectory(fileSystem: FileSystemHost, dir: string): { files: string[]; directories: string[] } {
  const files: string[] = [];
  const directories: string[] = [];
  for (const entry of fileSystem.readDirSync(dir)) {
    const name = path.basename(entry.name);
    if (entry.isFile) files.push(name);
    else if (entry.isDirectory) directories.push(name);
  }
  return { files, directories };
}
