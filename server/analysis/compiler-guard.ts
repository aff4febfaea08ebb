/**
 * What to do when TypeScript itself fails on a file. Its parser, binder and checker recurse
 * along the syntax tree, so code that nests deeply enough (a generated expression of 20,000
 * parentheses) overflows the call stack inside the compiler, where no walk of ours can help.
 * The analyzer then finds the file to blame and analyzes it as empty, with a diagnostic,
 * instead of failing the whole analysis.
 */
import { type FileSystemHost, ts } from 'ts-morph';

/** `Maximum call stack size exceeded`: what deep nesting does to a recursive compiler. */
export function isStackOverflow(error: unknown): error is RangeError {
  // No regular expression: compiling one on a stack this close to full fails with a SyntaxError,
  // which no guard would take for the overflow it is.
  return error instanceof RangeError && error.message.includes('call stack');
}

/** The diagnostic message of a file TypeScript could not take in. */
export function tooDeepMessage(stage: 'parse' | 'bind'): string {
  return `TypeScript cannot ${stage} this file: its code nests too deeply for the compiler's stack; analyzed as empty`;
}

/**
 * `host` as the project reads it: a quarantined file reads as empty, and the last file read is
 * remembered. TypeScript reads a file, then parses it, before it reads the next, so when
 * creating a program fails in the parser, that file is the one being parsed.
 */
export function guardedReads(
  host: FileSystemHost,
  quarantined: ReadonlyMap<string, unknown>,
): {
  readonly fileSystem: FileSystemHost;
  /** The last file read since the last {@link forget}. */
  lastRead(): string | undefined;
  forget(): void;
} {
  let last: string | undefined;
  const readFileSync = (filePath: string, encoding?: string): string => {
    if (quarantined.has(filePath)) return '';
    last = filePath;
    return host.readFileSync(filePath, encoding);
  };
  const own: Record<PropertyKey, unknown> = {
    readFileSync,
    readFile: async (filePath: string, encoding?: string) => readFileSync(filePath, encoding),
  };
  // Every other method goes to `host` as it is (bound to it, once: hosts may be class instances).
  const fileSystem = new Proxy(host, {
    get(target, property) {
      if (!(property in own)) {
        const value = Reflect.get(target, property, target) as unknown;
        own[property] = typeof value === 'function' ? value.bind(target) : value;
      }
      return own[property];
    },
  });
  return {
    fileSystem,
    lastRead: () => last,
    forget: () => {
      last = undefined;
    },
  };
}

/** The problem reported when the project's files import or reference each other too deeply. */
export const CHAIN_TOO_DEEP =
  "the project's files import or reference each other in a chain too long for TypeScript's recursion: " +
  'only the files of its tsconfigs (or of its folders) are analyzed, not those reached through imports alone';

/**
 * True when TypeScript parses `filePath` on its own: then a stack overflow while creating the
 * program was not its code's nesting but the depth of the program around it.
 */
export function parsesAlone(host: FileSystemHost, filePath: string): boolean {
  try {
    ts.createSourceFile(filePath, host.readFileSync(filePath), ts.ScriptTarget.Latest);
    return true;
  } catch (error) {
    if (isStackOverflow(error)) return false;
    return true;
  }
}

/** TypeScript's binder: exported by its module, though not in its public typings. */
interface BinderApi {
  bindSourceFile(sourceFile: ts.SourceFile, options: ts.CompilerOptions): void;
}

/**
 * Binds each source file of `program` (what its type checker would do first, for all files at
 * once) and returns the first one the binder could not take, if any. Files already bound are
 * skipped by TypeScript itself, so this costs nothing beyond the binding the checker needs.
 */
export function bindEach(program: ts.Program): ts.SourceFile | undefined {
  const options = program.getCompilerOptions();
  const { bindSourceFile } = ts as unknown as BinderApi;
  for (const sourceFile of program.getSourceFiles()) {
    try {
      bindSourceFile(sourceFile, options);
    } catch (error) {
      if (!isStackOverflow(error)) throw error;
      // The binder keeps its walking state in module variables and resets them only when a
      // bind completes: complete one, so the next file starts clean.
      bindSourceFile(ts.createSourceFile('reset.ts', '', ts.ScriptTarget.Latest), options);
      return sourceFile;
    }
  }
  return undefined;
}
