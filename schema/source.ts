/**
 * Source text on the API: a symbol's declaration and a call site's line, read from the analyzed
 * file as it is now through the `readSource` service (the schema never touches the file system).
 */
import { fileProps } from '../server/model/index.ts';
import { MAX_SOURCE_LINES, sliceLines, splitLines } from '../server/source/source-slice.ts';
import { builder } from './builder.ts';
import type { SchemaContext } from './context.ts';

export { MAX_SOURCE_LINES };
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
    // Charged as `sourceOf` cuts it: a page of sources is cut before any text field resolves.
    text: t.string({ description: 'The lines, joined by `\\n`.', answerWeight: 'byResolver' }),
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
      ? read(path).then((source) => source && { lines: splitLines(source.text), hash: source.hash })
      : Promise.resolve(undefined);
    files.set(path, file);
  }
  return file;
}

/**
 * Lines `startLine..endLine` of an analyzed file, at most `maxLines` of them and
 * `MAX_SOURCE_CHARS` characters; null when the file is not in the graph or cannot be read.
 */
export async function sourceOf(
  ctx: SchemaContext,
  path: string,
  startLine: number,
  endLine: number,
  maxLines: number,
): Promise<SourceSlice | null> {
  ctx.budget?.assertOpen();
  const [file, node] = await Promise.all([loadFile(ctx, path), ctx.loaders.node.load(path)]);
  if (!file || node?.kind !== 'FILE') return null;
  // Every source of a file continues at once when its read ends, before any of their `text`
  // fields resolve: each is charged as it is cut, or a thousand would be cut first.
  ctx.budget?.assertOpen();
  const slice = sliceLines(file.lines, startLine, endLine, maxLines);
  if (!slice) return null;
  ctx.budget?.charge(0, slice.text.length);
  return {
    ...slice,
    language: fileProps(node).language ?? 'typescript',
    matchesGraph: file.hash === fileProps(node).hash,
  };
}
