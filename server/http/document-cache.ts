import type { DocumentNode } from 'graphql';

/** What Yoga's parser cache asks of a cache (`parserAndValidationCache`'s `documentCache` and `errorCache`). */
export interface DocumentCache<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
  /** The estimated bytes held now. */
  readonly bytes: number;
}

/**
 * What a parsed document holds per token of its text, estimated: the token itself, the AST
 * node and location around it, and the validation result Yoga keeps beside the document
 * (measured: 4,900 `__typename`s held 2.4 MB, about 490 bytes a token).
 */
const BYTES_PER_TOKEN = 512;
/** What a parse error (a message, a location) holds besides its document's text. */
const BYTES_PER_ERROR = 1024;

/**
 * A least-recently-used cache of parsed documents (or parse errors) keyed by their text, bounded
 * by an estimate of the memory they hold rather than by a count; one entry heavier than an
 * eighth of the bound is not kept.
 *
 * @remarks
 * Yoga's own caches keep the last 1,024 documents whatever their size: 1,100 distinct documents
 * of 4,900 tokens each (54 KB of text, each) took the server from 250 MB to 3 GB, and documents
 * of 1 MB (a long comment) 1.4 GB. A text's characters count once (the key and the parsed
 * document's source are the same string).
 */
export function createDocumentCache<T>(
  maxBytes: number,
  weigh: (key: string, value: T) => number,
): DocumentCache<T> {
  // A Map iterates in insertion order: re-inserting on a hit makes it an LRU.
  const entries = new Map<string, { value: T; weight: number }>();
  let bytes = 0;
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value) {
      const weight = weigh(key, value);
      const old = entries.get(key);
      if (old) {
        entries.delete(key);
        bytes -= old.weight;
      }
      if (weight > maxBytes / 8) return;
      entries.set(key, { value, weight });
      bytes += weight;
      for (const [oldest, entry] of entries) {
        if (bytes <= maxBytes) break;
        entries.delete(oldest);
        bytes -= entry.weight;
      }
    },
    get bytes() {
      return bytes;
    },
  };
}

/** A parsed document's estimated weight: its text and its tokens (see {@link BYTES_PER_TOKEN}). */
export function documentWeight(text: string, document: DocumentNode): number {
  let tokens = 0;
  for (let token = document.loc?.startToken ?? null; token !== null; token = token.next) tokens += 1;
  // Parsed without locations there is no token list: the text's length bounds the tokens.
  if (document.loc === undefined) tokens = text.length;
  return text.length + tokens * BYTES_PER_TOKEN;
}

/** A parse error's estimated weight. */
export function errorWeight(text: string): number {
  return text.length + BYTES_PER_ERROR;
}
