import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DepthSelect } from '../components/DepthSelect.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { ImpactPanel } from '../components/ImpactPanel.tsx';
import { KindBadge } from '../components/KindBadge.tsx';
import { FileLink, NodeLink } from '../components/Links.tsx';
import { Empty, Loading, Panel } from '../components/Panel.tsx';
import { RecentChangesPanel } from '../components/RecentChangesPanel.tsx';
import { SourceView } from '../components/SourceView.tsx';
import { graphql } from '../gql/index.ts';
import { fileOfKey } from '../live/keys.ts';
import { type RevisionEvent, revisionTouches } from '../live/revision.ts';
import { distinguishingHints } from '../names.ts';
import { hrefOf } from '../router.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import { FilePage } from './FilePage.tsx';

/** A walk of calls as the server answers it: the nearest nodes, how many it found, whether it cut. */
interface Walk {
  readonly totalCount: number;
  readonly truncated: boolean;
  readonly nodes: readonly unknown[];
}

/** A walk's count for a title: `12`, or `1000 of 1002+` when the server cut it. */
function walkCount(walk: Walk): string {
  return walk.truncated ? `${walk.nodes.length} of ${walk.totalCount}+` : String(walk.nodes.length);
}

/** Says that a list is the nearest part of a larger answer, when the server cut it. */
function WalkCut({ walk, depth }: { walk: Walk; depth: number }) {
  if (!walk.truncated) return null;
  return (
    <p className="muted small" data-testid="walk-cut">
      The nearest {walk.nodes.length} of at least {walk.totalCount} within {depth}{' '}
      {depth === 1 ? 'call' : 'calls'}: the server stops there.
      {depth > 1 ? ' A lower depth lists all of the nearer ones.' : ''}
    </p>
  );
}

const NodePageQuery = graphql(`
  query NodePage($key: String!) {
    codeNode(key: $key) {
      __typename
      key
      kind
      name
      ... on CodeSymbol {
        qualifiedName
        signature
        overloads
        docs
        exported
        defaultExport
        async
        static
        visibility
        linesOfCode
        complexity
        unresolvedCalls
        range {
          startLine
          startColumn
          endLine
          endColumn
        }
        file {
          path
        }
        parent {
          key
          kind
          name
        }
        incomingCalls {
          caller {
            key
            kind
            name
          }
          count
          firstLine
          instantiation
        }
        references {
          key
          kind
          qualifiedName
        }
        referencedBy {
          key
          kind
          name
          ... on CodeSymbol {
            qualifiedName
          }
        }
        extends {
          key
          kind
          qualifiedName
        }
        implements {
          key
          kind
          qualifiedName
        }
        subtypes {
          key
          kind
          qualifiedName
        }
        implementations {
          key
          kind
          qualifiedName
        }
        members {
          key
          kind
          name
          signature
        }
      }
      ... on ExternalModule {
        builtin
        importedBy {
          from {
            path
          }
          names
          typeOnly
          firstLine
        }
      }
    }
  }
`);

const SymbolSourceQuery = graphql(`
  query SymbolSource($key: String!) {
    codeNode(key: $key) {
      key
      ... on CodeSymbol {
        source {
          text
          startLine
          endLine
          truncated
          language
          matchesGraph
        }
      }
    }
  }
`);

/*
 * Its own query: the page's query is close to the API's breadth limit (100 fields, counting the
 * `__typename`s urql adds), and these walks are the callers' and callees' panels only.
 */
const CallsQuery = graphql(`
  query Calls($key: String!, $depth: Int!) {
    codeNode(key: $key) {
      key
      ... on CodeSymbol {
        callerWalk(depth: $depth) {
          totalCount
          truncated
          nodes {
            key
            kind
            qualifiedName
          }
        }
        calleeWalk(depth: $depth) {
          totalCount
          truncated
          nodes {
            key
            kind
            qualifiedName
          }
        }
        callerFiles(depth: $depth) {
          path
        }
      }
    }
  }
`);

const CallSitesQuery = graphql(`
  query CallSites($key: String!) {
    codeNode(key: $key) {
      key
      ... on CodeSymbol {
        incomingCalls {
          caller {
            key
          }
          source {
            text
            startLine
            language
          }
        }
      }
    }
  }
`);

interface Linked {
  readonly key: string;
  readonly kind: string;
  readonly qualifiedName?: string;
  readonly name?: string;
}

/** No caller files, one array for every render (it keys a memo). */
const NO_FILES: readonly never[] = [];
const NO_WALK = { totalCount: 0, truncated: false, nodes: NO_FILES };

/** The page of a symbol (or an external module): what it is, where, and everything linked to it. */
export function NodePage({ nodeKey }: { nodeKey: string }) {
  const [depth, setDepth] = useState(1);
  // Every node shown is watched: a change to any of them (or to the node's file) may change this page.
  const watched = useRef<ReadonlySet<string>>(new Set([nodeKey]));
  const touchedBy = useCallback(
    (event: RevisionEvent) => {
      const file = fileOfKey(nodeKey);
      return revisionTouches(event, { keys: watched.current, ...(file ? { files: new Set([file]) } : {}) });
    },
    [nodeKey],
  );
  const [{ data, error, fetching }] = useLiveQuery({
    query: NodePageQuery,
    variables: { key: nodeKey },
    touchedBy,
  });
  const [callsResult] = useLiveQuery({
    query: CallsQuery,
    variables: { key: nodeKey, depth },
    touchedBy,
  });
  const callsNode = callsResult.data?.codeNode;
  const calls = callsNode && 'callerWalk' in callsNode ? callsNode : undefined;
  const callerFiles = calls?.callerFiles ?? NO_FILES;
  const callerWalk = calls?.callerWalk ?? NO_WALK;
  const calleeWalk = calls?.calleeWalk ?? NO_WALK;
  // Until the walks come, the panels say so rather than "Nothing calls it".
  const callsLoading = !calls && callsResult.fetching;
  // The lines of the callers' call sites, on request: their files are read only then.
  const [showSites, setShowSites] = useState(false);
  const [callSites] = useLiveQuery({
    query: CallSitesQuery,
    variables: { key: nodeKey },
    touchedBy,
    pause: !showSites,
  });

  const node = data?.codeNode;
  const shownKeys = useMemo(() => {
    const keys = new Set([nodeKey]);
    if (node && 'references' in node) {
      for (const list of [
        callerWalk.nodes,
        calleeWalk.nodes,
        node.references,
        node.referencedBy,
        node.extends,
        node.implements,
        node.subtypes,
        node.implementations,
        node.members,
      ])
        for (const item of list) keys.add(item.key);
    }
    for (const file of callerFiles) keys.add(file.path);
    return keys;
  }, [node, nodeKey, callerFiles, callerWalk, calleeWalk]);
  useEffect(() => {
    watched.current = shownKeys;
  }, [shownKeys]);

  // `!node`, not `!data`: an error on `codeNode` (a query over a limit) leaves `data` with a null node.
  if (error && !node) return <ErrorMessage error={error} title={`Could not load ${nodeKey}`} />;
  if (!data) return fetching ? <Loading what={nodeKey} /> : null;
  if (!node)
    return (
      <Panel title="Not in the graph">
        <Empty>
          There is no node <code>{nodeKey}</code> — it may have been removed or renamed.{' '}
          <a href={hrefOf({ page: 'explore', query: nodeKey.split('#').pop()?.split('.').pop() ?? '' })}>
            Search for it
          </a>
          .
        </Empty>
      </Panel>
    );
  if (node.__typename === 'File') return <FilePage path={node.key} />;

  if (node.__typename === 'ExternalModule')
    return (
      <div className="page">
        <PageTitle kind={node.kind} name={node.name} nodeKey={node.key} />
        {error ? <ErrorMessage error={error} title="Could not refresh this page" /> : null}
        <Panel title={`Imported by ${node.importedBy.length} files`}>
          <ul className="plain-list">
            {node.importedBy.map((i) => (
              <li key={i.from.path}>
                <FileLink path={i.from.path} line={i.firstLine} />{' '}
                <Names names={i.names} typeOnly={i.typeOnly} />
              </li>
            ))}
          </ul>
        </Panel>
      </div>
    );

  if (!('qualifiedName' in node)) return <Empty>This kind of node has no page.</Empty>;
  const callCounts = new Map(node.incomingCalls.map((c) => [c.caller.key, c]));
  const sites = new Map(
    (callSites.data?.codeNode && 'incomingCalls' in callSites.data.codeNode
      ? callSites.data.codeNode.incomingCalls
      : []
    ).map((c) => [c.caller.key, c.source]),
  );

  return (
    <div className="page" data-testid="node-page">
      <PageTitle kind={node.kind} name={node.qualifiedName} nodeKey={node.key}>
        {node.exported ? <span className="tag">exported</span> : null}
        {node.defaultExport ? <span className="tag">default</span> : null}
        {node.async ? <span className="tag">async</span> : null}
        {node.static ? <span className="tag">static</span> : null}
        {node.visibility ? <span className="tag">{node.visibility}</span> : null}
      </PageTitle>
      {error ? <ErrorMessage error={error} title="Could not refresh this page" /> : null}
      <div className="page-grid">
        <Panel title="Declaration" className="span-2">
          {node.overloads.length > 0 ? (
            <>
              {/* What callers see; the implementation's header is no one's to call. */}
              <pre className="signature" data-testid="overloads">
                {node.overloads.join('\n')}
              </pre>
              <p className="muted">
                {node.overloads.length} overloads; implemented as <code>{node.signature}</code>
              </p>
            </>
          ) : (
            <pre className="signature">{node.signature}</pre>
          )}
          {node.docs ? <p className="docs">{node.docs}</p> : null}
          <dl className="facts facts-inline">
            <dt>in</dt>
            <dd>
              <FileLink path={node.file.path} line={node.range.startLine} />
              <span className="muted">
                {' '}
                lines {node.range.startLine}–{node.range.endLine}
              </span>
            </dd>
            {node.parent && node.parent.kind !== 'FILE' ? (
              <>
                <dt>member of</dt>
                <dd>
                  <NodeLink nodeKey={node.parent.key} kind={node.parent.kind} />
                </dd>
              </>
            ) : null}
            <dt>size</dt>
            <dd>
              {node.linesOfCode} lines{node.complexity != null ? ` · complexity ${node.complexity}` : ''}
              {node.unresolvedCalls > 0 ? ` · ${node.unresolvedCalls} unresolved calls` : ''}
            </dd>
          </dl>
          <p>
            <a href={hrefOf({ page: 'graph', focus: node.key })}>Show its neighbourhood in the graph →</a>
          </p>
        </Panel>
        <RecentChangesPanel nodeKey={node.key} />
        <SourcePanel nodeKey={node.key} />
        <Panel
          title={`Callers (${walkCount(callerWalk)}${callerFiles.length > 0 ? ` + ${callerFiles.length} ${callerFiles.length === 1 ? 'file' : 'files'}` : ''})`}
          actions={<DepthSelect value={depth} onChange={setDepth} />}
          testId="callers"
        >
          {/* Calls from top-level code (a test's `it(() => …)`) belong to files, which `callers` leaves out. */}
          <WalkCut walk={callerWalk} depth={depth} />
          {callsLoading ? <Loading /> : null}
          {!callsLoading && (callerWalk.nodes.length > 0 || callerFiles.length === 0) ? (
            <LinkedList
              items={callerWalk.nodes}
              empty="Nothing calls it."
              note={(item) => callNote(callCounts.get(item.key))}
              extra={showSites ? (item) => <CallSiteLine sites={sites} caller={item.key} /> : undefined}
            />
          ) : null}
          {callerFiles.length > 0 ? (
            <div data-testid="caller-files">
              <p className="muted small">Called from the top-level code of:</p>
              <ul className="plain-list">
                {callerFiles.map((file) => {
                  const note = callNote(callCounts.get(file.path));
                  return (
                    <li key={file.path}>
                      <FileLink path={file.path} />
                      {note ? <span className="muted"> {note}</span> : null}
                      {showSites ? <CallSiteLine sites={sites} caller={file.path} /> : null}
                    </li>
                  );
                })}
              </ul>
            </div>
          ) : null}
          {callerWalk.nodes.length + callerFiles.length > 0 ? (
            <button type="button" className="link-button" onClick={() => setShowSites((shown) => !shown)}>
              {showSites ? 'Hide the call sites' : 'Show the call sites'}
            </button>
          ) : null}
        </Panel>
        <Panel
          title={`Callees (${walkCount(calleeWalk)})`}
          actions={<DepthSelect value={depth} onChange={setDepth} />}
        >
          <WalkCut walk={calleeWalk} depth={depth} />
          {callsLoading ? (
            <Loading />
          ) : (
            <LinkedList items={calleeWalk.nodes} empty="It calls nothing resolved." />
          )}
        </Panel>
        <Panel title={`References (${node.references.length})`}>
          <LinkedList items={node.references} empty="It uses no other symbol's type or value." />
        </Panel>
        <Panel title={`Referenced by (${node.referencedBy.length})`}>
          <LinkedList items={node.referencedBy} empty="Nothing refers to it without calling it." />
        </Panel>
        <Panel title="Heritage">
          <Heritage label="extends" items={node.extends} />
          <Heritage label="implements" items={node.implements} />
          <Heritage label="subtypes" items={node.subtypes} />
          <Heritage label="implementations" items={node.implementations} />
          {node.extends.length +
            node.implements.length +
            node.subtypes.length +
            node.implementations.length ===
          0 ? (
            <Empty>No base types, subtypes or implementations.</Empty>
          ) : null}
        </Panel>
        {node.members.length > 0 ? (
          <Panel title={`Members (${node.members.length})`}>
            <ul className="plain-list">
              {node.members.map((m) => (
                <li key={m.key}>
                  <NodeLink nodeKey={m.key} kind={m.kind} label={m.name} />
                  <code className="signature-line">{m.signature}</code>
                </li>
              ))}
            </ul>
          </Panel>
        ) : null}
        <ImpactPanel nodeKey={node.key} />
      </div>
    </div>
  );
}

function PageTitle({
  kind,
  name,
  nodeKey,
  children,
}: {
  kind: string;
  name: string;
  nodeKey: string;
  children?: ReactNode;
}) {
  return (
    <header className="page-title">
      <KindBadge kind={kind} />
      <h1>{name}</h1>
      {children}
      <code className="muted key">{nodeKey}</code>
    </header>
  );
}

/** Linked nodes; a name listed for several nodes shows the end of each one's file path. */
function LinkedList({
  items,
  empty,
  note,
  extra,
}: {
  items: readonly Linked[];
  empty: string;
  note?: (item: Linked) => string | undefined;
  extra?: (item: Linked) => ReactNode;
}) {
  const hints = useMemo(
    () => distinguishingHints(items.map((item) => ({ key: item.key, label: labelOf(item) }))),
    [items],
  );
  if (items.length === 0) return <Empty>{empty}</Empty>;
  return (
    <ul className="plain-list">
      {items.map((item) => {
        const text = note?.(item);
        return (
          <li key={item.key}>
            <NodeLink nodeKey={item.key} kind={item.kind} label={labelOf(item)} hint={hints.get(item.key)} />
            {text ? <span className="muted"> {text}</span> : null}
            {extra?.(item)}
          </li>
        );
      })}
    </ul>
  );
}

/** `3× from line 12 (new)`: a direct caller's calls of the symbol; nothing for a farther one. */
function callNote(
  site: { readonly count: number; readonly firstLine: number; readonly instantiation: boolean } | undefined,
): string | undefined {
  return site ? `${site.count}× from line ${site.firstLine}${site.instantiation ? ' (new)' : ''}` : undefined;
}

const labelOf = (item: Linked) => item.qualifiedName ?? item.name ?? item.key;

/** The line of a caller's first call site. */
function CallSiteLine({
  sites,
  caller,
}: {
  sites: ReadonlyMap<string, { text: string; startLine: number; language: string } | null | undefined>;
  caller: string;
}) {
  if (!sites.has(caller)) return <span className="call-site muted small">loading the line…</span>;
  const source = sites.get(caller);
  if (!source) return <span className="call-site muted small">its file cannot be read</span>;
  return (
    <span className="call-site" data-testid="call-site">
      <SourceView text={source.text} language={source.language} startLine={source.startLine} />
    </span>
  );
}

/** The declaration's code, read from the file as it is now. */
function SourcePanel({ nodeKey }: { nodeKey: string }) {
  const file = fileOfKey(nodeKey);
  const touchedBy = useCallback(
    (event: RevisionEvent) => (file ? revisionTouches(event, { files: new Set([file]) }) : false),
    [file],
  );
  const [{ data, error, fetching }] = useLiveQuery({
    query: SymbolSourceQuery,
    variables: { key: nodeKey },
    touchedBy,
  });
  const source = data?.codeNode && 'source' in data.codeNode ? data.codeNode.source : undefined;
  return (
    <Panel title="Source" className="span-2" testId="source">
      {error ? <ErrorMessage error={error} title="Could not read the source" /> : null}
      {!data && fetching ? <Loading what="the source" /> : null}
      {data && !source ? <Empty>Its file cannot be read here.</Empty> : null}
      {source ? (
        <>
          {!source.matchesGraph ? (
            <p className="muted small">
              The file changed since this revision was analyzed: an update is on its way.
            </p>
          ) : null}
          <SourceView
            text={source.text}
            language={source.language}
            startLine={source.startLine}
            testId="source-text"
          />
          {source.truncated ? <p className="muted small">Cut at line {source.endLine}.</p> : null}
        </>
      ) : null}
    </Panel>
  );
}

function Heritage({ label, items }: { label: string; items: readonly Linked[] }) {
  const hints = useMemo(
    () => distinguishingHints(items.map((item) => ({ key: item.key, label: labelOf(item) }))),
    [items],
  );
  if (items.length === 0) return null;
  return (
    <div className="heritage">
      <span className="muted">{label}</span>
      {items.map((item) => (
        <NodeLink
          key={item.key}
          nodeKey={item.key}
          kind={item.kind}
          label={labelOf(item)}
          hint={hints.get(item.key)}
        />
      ))}
    </div>
  );
}

export function Names({ names, typeOnly }: { names: readonly string[]; typeOnly?: boolean }) {
  return (
    <span className="names">
      {typeOnly ? <span className="tag">type</span> : null}
      {names.length > 0 ? <code>{names.join(', ')}</code> : <span className="muted">side effects</span>}
    </span>
  );
}
