import { createHash } from 'node:crypto';
import {
  type DocumentNode,
  type ExecutionResult,
  Kind,
  type OperationDefinitionNode,
  print,
  visit,
} from 'graphql';
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
 * Caches query results by (revision, document, variables, operation name).
 *
 * @remarks
 * The graph only changes in revisions, so a query's result is a function of the revision:
 * an answer cached for revision R is exactly what executing it again at R would give, and
 * no invalidation is needed — a new revision simply makes new keys. The revision is read
 * before execution; data read during it can only be newer, so an entry is never staler than
 * its key. Results with errors are not cached (an unavailable store must be asked again),
 * nor mutations or subscriptions. Query results do not depend on who asks (only mutations
 * are guarded).
 */
export function responseCachePlugin(options: ResponseCacheOptions): Plugin {
  const maxEntries = options.maxEntries ?? 1000;
  // A Map iterates in insertion order: re-inserting on a hit makes it an LRU.
  const entries = new Map<string, ExecutionResult>();
  const volatile = new Set(options.volatileFields ?? []);
  /** Per parsed document (Yoga caches parsing): its hash, or null when it must not be cached. */
  const documentIds = new WeakMap<DocumentNode, string | null>();

  const documentId = (document: DocumentNode): string | null => {
    let id = documentIds.get(document);
    if (id === undefined) {
      let cacheable = true;
      visit(document, {
        Field(node) {
          if (volatile.has(node.name.value)) cacheable = false;
        },
      });
      id = cacheable ? createHash('sha1').update(print(document)).digest('base64') : null;
      documentIds.set(document, id);
    }
    return id;
  };

  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const document = args.document as DocumentNode;
      const operation = document.definitions.find(
        (d): d is OperationDefinitionNode =>
          d.kind === Kind.OPERATION_DEFINITION &&
          (args.operationName == null || d.name?.value === args.operationName),
      );
      const id = operation?.operation === 'query' ? documentId(document) : null;
      if (id === null) return;
      const key = `${await options.revision()}\n${id}\n${args.operationName ?? ''}\n${JSON.stringify(args.variableValues ?? {})}`;
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
        setResultAndStopExecution(hit);
        return;
      }
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
