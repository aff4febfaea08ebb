import { createHash } from 'node:crypto';
import {
  type ASTNode,
  createSourceEventStream,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  Kind,
  OperationTypeNode,
  type SelectionSetNode,
  visit,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

type Executed = ReturnType<typeof execute>;
/** Results of one event, per operation (document, then operation name and variables). */
type ByOperation = WeakMap<DocumentNode, Map<string, WeakRef<Executed & object>>>;

/**
 * Subscriptions that receive the same event with the same operation share one execution of
 * it: a revision of a large project is a payload of megabytes that takes a hundred
 * milliseconds to execute, and a thousand subscribers would otherwise pay that a thousand
 * times (and hold a thousand copies).
 *
 * @remarks
 * Sharing is safe because a subscription's payload depends only on the event, the document
 * and the variables, never on who asks. The variables that only the root field's arguments
 * use are left out: those arguments choose which events a subscriber gets (its `subscribe`),
 * and the events reflect them, so subscribers that resumed from different revisions still
 * share. A root field's `resolve` must therefore not read its arguments (codenav's return the
 * event). Each result carries its shared encoding as `stringify` for Yoga's SSE, and
 * {@link encodedResult} gives it to graphql-ws. Results are held weakly: one lives while some
 * subscriber still sends it, so nothing accumulates for events in the revision log.
 * Events are matched by identity: engines hand the same event object to every local
 * subscriber. Replaces Yoga's subscribe with graphql-js's source stream and per-event
 * `execute`, which is what `subscribe` does; the other plugins' hooks still apply.
 */
export function sharedSubscriptionResultsPlugin(): Plugin {
  const byEvent = new WeakMap<object, ByOperation>();
  const cleanup = new FinalizationRegistry<{ results: Map<string, WeakRef<object>>; key: string }>(
    ({ results, key }) => {
      if (results.get(key)?.deref() === undefined) results.delete(key);
    },
  );

  const executeShared = (event: unknown, args: ExecutionArgs, key: string): Executed => {
    if (typeof event !== 'object' || event === null) return execute({ ...args, rootValue: event });
    let byDocument = byEvent.get(event);
    if (!byDocument) {
      byDocument = new WeakMap();
      byEvent.set(event, byDocument);
    }
    let results = byDocument.get(args.document);
    if (!results) {
      results = new Map();
      byDocument.set(args.document, results);
    }
    const shared = results.get(key)?.deref();
    if (shared) return shared;
    // A promise (when a resolver is async) is shared the same way as a result.
    const executed = withSharedEncoding(execute({ ...args, rootValue: event })) as Executed & object;
    results.set(key, new WeakRef(executed));
    cleanup.register(executed, { results, key });
    return executed;
  };

  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(async (args) => {
        const stream = await createSourceEventStream(args);
        if (!(Symbol.asyncIterator in stream)) return stream;
        const variables = args.variableValues ?? {};
        const used = [...resultVariablesOf(args.document)].filter((name) => name in variables).sort();
        const key = createHash('sha256')
          .update(
            `${args.operationName ?? ''}\n${JSON.stringify(used.map((name) => [name, variables[name]]))}`,
          )
          .digest('base64');
        return mapEvents(stream[Symbol.asyncIterator](), (event) => executeShared(event, args, key));
      });
    },
  };
}

const resultVariables = new WeakMap<DocumentNode, ReadonlySet<string>>();

/**
 * The variables a document's results can depend on: every one it uses, except where only
 * the arguments of a subscription's root fields use it (once per document: Yoga caches parsed
 * documents, so a query text is one `DocumentNode`).
 */
function resultVariablesOf(document: DocumentNode): ReadonlySet<string> {
  let names = resultVariables.get(document);
  if (names) return names;
  const found = new Set<string>();
  const collect = (node: ASTNode) =>
    visit(node, {
      VariableDefinition() {
        return false; // the declaration is no use
      },
      Variable(variable) {
        found.add(variable.name.value);
      },
    });
  // Past the root fields' arguments everything counts, fragments included (a fragment spread
  // at the root is counted whole: that may separate results needlessly, never share wrongly).
  const collectRoot = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      for (const directive of selection.directives ?? []) collect(directive);
      if (selection.kind === Kind.INLINE_FRAGMENT) collectRoot(selection.selectionSet);
      else if (selection.kind === Kind.FIELD && selection.selectionSet) collect(selection.selectionSet);
    }
  };
  for (const definition of document.definitions) {
    if (
      definition.kind === Kind.OPERATION_DEFINITION &&
      definition.operation === OperationTypeNode.SUBSCRIPTION
    ) {
      for (const directive of definition.directives ?? []) collect(directive);
      collectRoot(definition.selectionSet);
    } else collect(definition);
  }
  names = found;
  resultVariables.set(document, names);
  return names;
}

/** The stream of results; `return()` reaches the source at once (a client that leaves is let go). */
function mapEvents(
  source: AsyncIterator<unknown>,
  map: (event: unknown) => Executed,
): AsyncIterableIterator<ExecutionResult> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const step = await source.next();
      return step.done ? { done: true, value: undefined } : { done: false, value: await map(step.value) };
    },
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      await source.return?.();
      throw error;
    },
  };
}

const encodings = new WeakMap<object, string>();

/**
 * A shared result (or the promise of one) whose `stringify`, which Yoga's SSE uses instead of
 * `JSON.stringify`, gives the shared encoding. Not enumerable: it is no part of the payload.
 */
function withSharedEncoding(executed: Executed): Executed {
  if (executed instanceof Promise) return executed.then(withSharedEncoding);
  const stringify = (value: unknown) =>
    // Yoga passes a copy when it takes internals out of errors: that copy is encoded anew.
    value === executed ? encodedResult(executed) : JSON.stringify(value);
  return Object.defineProperty(executed, 'stringify', { value: stringify });
}

/**
 * The JSON of a result, computed once however many subscribers send it (a shared result's
 * encoding is shared too, and lives as long as the result).
 */
export function encodedResult(result: ExecutionResult): string {
  let json = encodings.get(result);
  if (json === undefined) {
    json = JSON.stringify(result);
    encodings.set(result, json);
  }
  return json;
}
