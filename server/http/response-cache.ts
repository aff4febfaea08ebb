import { type DocumentNode, type ExecutionResult, Kind, type OperationDefinitionNode, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface ResponseCacheOptions {
  /** The revision the store holds now: a cached answer is valid for exactly one revision. */
  readonly revision: () => Promise<number>;
  /** Most answers kept (least recently used go first). @default 1000 */
  readonly maxEntries?: number;
  /** Fields whose value changes between revisions (the analysis state): documents selecting them are not cached. */
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
 * Query results do not depend on who asks (only mutations are guarded).
 */
export function responseCachePlugin(options: ResponseCacheOptions): Plugin {
  const maxEntries = options.maxEntries ?? 1000;
  const volatile = new Set(options.volatileFields ?? []);
  // A Map iterates in insertion order: re-inserting on a hit makes it an LRU.
  const entries = new Map<string, ExecutionResult>();
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
        setResult(hit);
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
        onExecuteDone({ result }) {
          if (!('data' in result) || (result as ExecutionResult).errors?.length) return;
          // Yoga serializes with `stringify` when a result has one: a hit reuses the JSON.
          let json: string | undefined;
          const cached: ExecutionResult & { stringify(r: ExecutionResult): string } = {
            ...(result as ExecutionResult),
            stringify: (r) => {
              json ??= JSON.stringify(r);
              return json;
            },
          };
          entries.set(key, cached);
          if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
        },
      };
    },
  };
}
