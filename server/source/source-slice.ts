/**
 * A bounded run of lines of a file's text: what the API's `source` fields and MCP's `get_symbol`
 * return of a declaration or a call site.
 */

/** Most lines one slice holds. */
export const MAX_SOURCE_LINES = 2_000;
/** Most characters one slice holds: longer text is cut at a line (or inside a very long one). */
export const MAX_SOURCE_CHARS = 100_000;

/** Lines of a file, with what cut them short. */
export interface LineSlice {
  /** The lines, joined by `\n`. */
  readonly text: string;
  /** The first line given, 1-based. */
  readonly startLine: number;
  /** The last line given. */
  readonly endLine: number;
  /** True when the line or length bound cut the text short. */
  readonly truncated: boolean;
}

/** A file's text as lines, counted as the type checker counts them. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|[\n\r\u2028\u2029]/);
}

/**
 * Lines `startLine..endLine` (1-based, inclusive) of `lines`, at most `maxLines` of them and
 * {@link MAX_SOURCE_CHARS} characters; undefined when the range holds no line of the file.
 */
export function sliceLines(
  lines: readonly string[],
  startLine: number,
  endLine: number,
  maxLines: number,
): LineSlice | undefined {
  const first = Math.max(1, startLine);
  const last = Math.min(lines.length, endLine, first + maxLines - 1);
  if (last < first) return undefined;
  let truncated = last < endLine && last < lines.length;
  const kept: string[] = [];
  let length = 0;
  for (let line = first; line <= last; line += 1) {
    const text = lines[line - 1]!;
    if (length + text.length > MAX_SOURCE_CHARS) {
      if (kept.length === 0) kept.push(text.slice(0, MAX_SOURCE_CHARS));
      truncated = true;
      break;
    }
    kept.push(text);
    length += text.length + 1;
  }
  return { text: kept.join('\n'), startLine: first, endLine: first + kept.length - 1, truncated };
}
