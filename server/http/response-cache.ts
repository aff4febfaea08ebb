import { type DocumentNode, type ExecutionResult, Kind, type OperationDefinitionNode, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface ResponseCacheOptions {
  /** The revision the store holds now: a cached answer is valid for exactly one revision. */
  readonly revision: () => Promise<number>;
  /**
   * Total size of the answers kept, in JSON characters (with their keys); the least recently
   * used go first. @default 64 MiB
   */
  readonly maxBytes?: number;
  /** An answer larger than this is not kept (it would push out many others). @default 4 MiB */
  readonly maxEntryBytes?: number;
  /**
   * Fields whose value is not a function of the revision (the analysis state, what is read
   * from the files or git as they are now): documents selecting them are not cached.
   */
  readonly volatileFields?: readonly string[];
}

/**
 * Caches query results over HTTP by (revision, query text, operation name, variables).
 *
 * @remarks
 * The graph only changes in revisions, so a query's result is a function of the revision:
 * an answer cached for revision R is exactly what executing it again at R would give, and
 * no invalidation is needed — a new revision simply makes new keys. The revision is read
 * before execution; data read during it can only be newer, so an entry is never staler than
 * its key. A hit is answered from the request's parameters, before parsing, validation and
 * context (and its JSON was serialized once). Only queries are stored, never results with
 * errors (an unavailable store must be asked again), nor documents selecting a volatile field.
 * Query results do not depend on who asks (only mutations are guarded). Only the JSON is
 * kept (the result's objects weigh several times more), and the cache is bounded by its
 * total size, not a count: a thousand answers of a megabyte each would be a gigabyte.
 */
/** A kept answer: its JSON only, in the shape Yoga serializes (`stringify`). */
interface CachedResult {
  readonly json: string;
  stringify(): string;
}

export function responseCachePlugin(options: ResponseCacheOptions): Plugin {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const maxEntryBytes = Math.min(options.maxEntryBytes ?? 4 * 1024 * 1024, maxBytes);
  const volatile = new Set(options.volatileFields ?? []);
  // A Map iterates in insertion order: re-inserting on a hit makes it an LRU.
  const entries = new Map<string, CachedResult>();
  let bytes = 0;
  const sizeOf = (key: string, entry: CachedResult) => key.length + entry.json.length;
  /** The key each request would be stored under, from its parameters. */
  const keys = new WeakMap<Request, string>();
  /** Per parsed document (Yoga caches parsing): whether it avoids volatile fields. */
  const stable = new WeakMap<DocumentNode, boolean>();

  const isStable = (document: DocumentNode): boolean => {
    let known = stable.get(document);
    if (known === undefined) {
      known = true;
      visit(document, {
        Field(node) {
          if (volatile.has(node.name.value)) known = false;
        },
      });
      stable.set(document, known);
    }
    return known;
  };

  return {
    async onParams({ params, request, setResult }) {
      if (typeof params.query !== 'string') return;
      const key = `${await options.revision()}\n${params.operationName ?? ''}\n${JSON.stringify(params.variables ?? {})}\n${params.query}`;
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
        setResult(hit as ExecutionResult);
      } else {
        keys.set(request, key);
      }
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      const key = request && keys.get(request);
      if (key === undefined) return;
      const document = args.document as DocumentNode;
      const operation = document.definitions.find(
        (d): d is OperationDefinitionNode =>
          d.kind === Kind.OPERATION_DEFINITION &&
          (args.operationName == null || d.name?.value === args.operationName),
      );
      if (operation?.operation !== 'query' || !isStable(document)) return;
      return {
        onExecuteDone({ result, setResult }) {
          if (!('data' in result) || (result as ExecutionResult).errors?.length) return;
          const json = JSON.stringify(result);
          // Yoga serializes with `stringify` when a result has one: this answer and every hit reuse the JSON.
          const cached: CachedResult = { json, stringify: () => json };
          setResult(cached as ExecutionResult);
          if (key.length + json.length > maxEntryBytes) return;
          // Two identical requests may both have missed: the second replaces the first.
          const previous = entries.get(key);
          if (previous) bytes -= sizeOf(key, previous);
          entries.delete(key);
          entries.set(key, cached);
          bytes += sizeOf(key, cached);
          for (const [oldest, entry] of entries) {
            if (bytes <= maxBytes) break;
            entries.delete(oldest);
            bytes -= sizeOf(oldest, entry);
          }
        },
      };
    },
  };
}
