/**
 * Source text on the API: a symbol's declaration and a call site's line, read from the analyzed
 * file as it is now through the `readSource` service (the schema never touches the file system).
 */
import { fileProps } from '../server/model/index.ts';
import { builder } from './builder.ts';
import type { SchemaContext } from './context.ts';
import { badInput } from './errors.ts';

/** Most lines one `source` field returns. */
export const MAX_SOURCE_LINES = 2_000;
/** Most characters one `source` field returns: longer text is cut at a line (or inside a very long one). */
export const MAX_SOURCE_CHARS = 100_000;
/** Most lines of context around a call site. */
export const MAX_CONTEXT_LINES = 10;

export interface SourceSlice {
  readonly text: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly truncated: boolean;
  readonly language: string;
  readonly matchesGraph: boolean;
}

export const SourceTextRef = builder.simpleObject('SourceText', {
  description: 'Lines of an analyzed file, read as the file is now.',
  fields: (t) => ({
    text: t.string({ description: 'The lines, joined by `\\n`.' }),
    startLine: t.int({ description: 'The first line given, 1-based.' }),
    endLine: t.int({ description: 'The last line given.' }),
    truncated: t.boolean({ description: 'True when the line or length bound cut the text short.' }),
    language: t.string({ description: 'The file’s language: `typescript`, `tsx`, `javascript` or `jsx`.' }),
    matchesGraph: t.boolean({
      description:
        'True when the file is the one this revision of the graph analyzed (same content hash); false while an edit waits for its revision.',
    }),
  }),
});

interface LoadedFile {
  readonly lines: readonly string[];
  readonly hash: string;
}

// One read of each file per request, however many of its symbols a query asks about.
const filesOfRequest = new WeakMap<SchemaContext, Map<string, Promise<LoadedFile | undefined>>>();

function loadFile(ctx: SchemaContext, path: string): Promise<LoadedFile | undefined> {
  let files = filesOfRequest.get(ctx);
  if (!files) {
    files = new Map();
    filesOfRequest.set(ctx, files);
  }
  let file = files.get(path);
  if (!file) {
    const read = ctx.readSource;
    // Lines as the type checker counts them.
    file = read
      ? read(path).then(
          (source) => source && { lines: source.text.split(/\r\n|[\n\r\u2028\u2029]/), hash: source.hash },
        )
      : Promise.resolve(undefined);
    files.set(path, file);
  }
  return file;
}

/** `value` (or `fallback`) when it is an integer in `min..max`, else a `BAD_USER_INPUT`. */
export function checkBound(
  value: number | null | undefined,
  fallback: number,
  min: number,
  max: number,
  name: string,
): number {
  const bound = value ?? fallback;
  if (!Number.isInteger(bound) || bound < min || bound > max)
    throw badInput(`${name} must be ${min}..${max}, got ${bound}`);
  return bound;
}

/**
 * Lines `startLine..endLine` of an analyzed file, at most `maxLines` of them and
 * {@link MAX_SOURCE_CHARS} characters; null when the file is not in the graph or cannot be read.
 */
export async function sourceOf(
  ctx: SchemaContext,
  path: string,
  startLine: number,
  endLine: number,
  maxLines: number,
): Promise<SourceSlice | null> {
  const [file, node] = await Promise.all([loadFile(ctx, path), ctx.loaders.node.load(path)]);
  if (!file || node?.kind !== 'FILE') return null;
  const first = Math.max(1, startLine);
  const last = Math.min(file.lines.length, endLine, first + maxLines - 1);
  if (last < first) return null;
  let truncated = last < endLine && last < file.lines.length;
  const lines: string[] = [];
  let length = 0;
  for (let line = first; line <= last; line += 1) {
    const text = file.lines[line - 1]!;
    if (length + text.length > MAX_SOURCE_CHARS) {
      if (lines.length === 0) lines.push(text.slice(0, MAX_SOURCE_CHARS));
      truncated = true;
      break;
    }
    lines.push(text);
    length += text.length + 1;
  }
  return {
    text: lines.join('\n'),
    startLine: first,
    endLine: first + lines.length - 1,
    truncated,
    language: fileProps(node).language ?? 'typescript',
    matchesGraph: file.hash === fileProps(node).hash,
  };
}
