/**
 * The text of a source file from its bytes, read the way TypeScript's own `sys.readFile` reads
 * one: a UTF-16 byte-order mark (`FF FE` little-endian, `FE FF` big-endian) means UTF-16,
 * anything else is UTF-8 (a UTF-8 byte-order mark dropped). The analyzer and the API's `source`
 * fields decode alike, so a file's text, and its hash, are the same in both.
 */

/** The encodings a source file can be in. */
export type SourceEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface DecodedSource {
  /** The text, without its byte-order mark; empty for a binary file. */
  readonly text: string;
  readonly encoding: SourceEncoding;
  /**
   * `BINARY`: NUL bytes (UTF-8) or NUL characters (UTF-16) near the start, so no text (the text
   * is empty); `INVALID`: bytes that are no text in its encoding, replaced with U+FFFD.
   */
  readonly problem?: 'BINARY' | 'INVALID';
}

/**
 * How far a file is looked at for NULs, in bytes. No source text has a NUL (U+0000) character;
 * in UTF-16 every ASCII character has a NUL byte, so there it is the decoded text that is looked at.
 */
const BINARY_PROBE_BYTES = 8192;

const ENCODINGS: readonly SourceEncoding[] = ['utf-8', 'utf-16le', 'utf-16be'];
// The decoders drop the byte-order mark of their own encoding (`ignoreBOM` false).
const strict = new Map(ENCODINGS.map((e) => [e, new TextDecoder(e, { fatal: true })]));
const lenient = new Map(ENCODINGS.map((e) => [e, new TextDecoder(e)]));

/** The encoding a file's byte-order mark names; UTF-8 without one. */
function sourceEncodingOf(bytes: Uint8Array): SourceEncoding {
  if (bytes.length >= 2) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  }
  return 'utf-8';
}

/** Any text file, as TypeScript reads it: by its byte-order mark, invalid bytes replaced, no check for binary. */
export function decodeText(bytes: Uint8Array): string {
  return lenient.get(sourceEncodingOf(bytes))!.decode(bytes);
}

/** A source file's text, its encoding, and what was wrong with its bytes, if anything. */
export function decodeSourceText(bytes: Uint8Array): DecodedSource {
  const encoding = sourceEncodingOf(bytes);
  if (encoding === 'utf-8' && bytes.subarray(0, BINARY_PROBE_BYTES).includes(0))
    return { text: '', encoding, problem: 'BINARY' };
  let text: string;
  let invalid = false;
  try {
    text = strict.get(encoding)!.decode(bytes);
  } catch {
    text = lenient.get(encoding)!.decode(bytes);
    invalid = true;
  }
  // A binary file whose first two bytes happen to be a UTF-16 byte-order mark.
  if (encoding !== 'utf-8' && text.slice(0, BINARY_PROBE_BYTES / 2).includes('\0'))
    return { text: '', encoding, problem: 'BINARY' };
  return invalid ? { text, encoding, problem: 'INVALID' } : { text, encoding };
}
