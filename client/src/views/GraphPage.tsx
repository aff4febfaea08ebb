import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { DepthSelect } from '../components/DepthSelect.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { KindBadge } from '../components/KindBadge.tsx';
import { NodeLink } from '../components/Links.tsx';
import { Empty, Loading } from '../components/Panel.tsx';
import { SigmaCanvas } from '../components/SigmaCanvas.tsx';
import { EdgeType } from '../gql/graphql.ts';
import { graphql } from '../gql/index.ts';
import { closeFolder, openFolders } from '../graph/folder-picture.ts';
import type { SliceScope } from '../graph/graph-diff.ts';
import { distinguishingHints } from '../names.ts';
import { hrefOf, hrefOfKey, type Route } from '../router.ts';
import { useAddressText, useDebounced } from '../useDebounced.ts';
import { useFolderPicture } from '../useFolderPicture.ts';
import { useGraphPicture } from '../useGraphPicture.ts';
import type { PictureLayout } from '../useLayout.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import type { RecentChange } from '../usePictureChanges.ts';
import { useNavigate } from '../useRoute.ts';

type GraphRoute = Extract<Route, { page: 'graph' }>;

/** Every edge type of the schema, from its generated enum. */
const EDGE_TYPES: readonly string[] = Object.values(EdgeType);
const IMPORT_LIMITS = [100, 300, 500];
const NEIGHBOURHOOD_LIMITS = [50, 150, 300];

type Mode = 'folders' | 'files' | 'neighbourhood' | 'impact' | 'pick';

export function GraphPage({ route }: { route: GraphRoute }) {
  const [picking, setPicking] = useState(false);
  const mode: Mode = route.focus
    ? 'neighbourhood'
    : route.impact
      ? 'impact'
      : picking
        ? 'pick'
        : route.files
          ? 'files'
          : 'folders';
  const scope = useMemo((): SliceScope | undefined => {
    if (route.focus)
      return {
        mode: 'neighbourhood',
        focus: route.focus,
        depth: route.depth ?? 1,
        limit: route.limit ?? 150,
        ...(route.types ? { edgeTypes: route.types } : {}),
      };
    if (route.impact)
      return { mode: 'impact', keys: [route.impact], depth: route.depth ?? 2, limit: route.limit ?? 300 };
    if (picking || !route.files) return undefined;
    return {
      mode: 'imports',
      ...(route.prefix ? { pathPrefix: route.prefix } : {}),
      limit: route.limit ?? 300,
    };
  }, [route, picking]);

  return (
    <div className="graph-page">
      <GraphControls route={route} mode={mode} onPick={setPicking} />
      {mode === 'pick' ? (
        <FocusPicker />
      ) : mode === 'folders' ? (
        <FolderPicture key={`${route.prefix ?? ''}|${route.limit ?? 300}`} route={route} />
      ) : scope ? (
        <GraphPicture key={JSON.stringify(scope)} scope={scope} />
      ) : null}
    </div>
  );
}

function GraphControls({
  route,
  mode,
  onPick,
}: {
  route: GraphRoute;
  mode: Mode;
  onPick: (picking: boolean) => void;
}) {
  const navigate = useNavigate();
  const [prefixText, setPrefixText] = useAddressText(
    route.prefix ?? '',
    (prefix) =>
      navigate(
        { page: 'graph', prefix: prefix || undefined, limit: route.limit, files: route.files },
        { replace: true },
      ),
    400,
  );
  const types = route.types ?? EDGE_TYPES;

  return (
    <div className="graph-controls">
      <fieldset className="segmented" aria-label="Picture">
        <button
          type="button"
          className={mode === 'folders' ? 'active' : ''}
          onClick={() => {
            onPick(false);
            navigate({ page: 'graph', prefix: route.prefix });
          }}
        >
          Folders
        </button>
        <button
          type="button"
          className={mode === 'files' ? 'active' : ''}
          onClick={() => {
            onPick(false);
            navigate({ page: 'graph', prefix: route.prefix, files: true });
          }}
        >
          Files
        </button>
        <button
          type="button"
          className={mode === 'neighbourhood' || mode === 'pick' ? 'active' : ''}
          onClick={() => {
            if (!route.focus) onPick(true);
          }}
        >
          Neighbourhood
        </button>
        {mode === 'impact' ? (
          <button type="button" className="active">
            Impact
          </button>
        ) : null}
      </fieldset>
      {mode === 'folders' || mode === 'files' ? (
        <input
          type="search"
          placeholder="path prefix, e.g. src/lib/"
          aria-label="Path prefix"
          value={prefixText}
          onChange={(e) => setPrefixText(e.target.value)}
        />
      ) : null}
      {mode === 'impact' && route.impact ? (
        <>
          <span className="graph-focus">
            what depends on <NodeLink nodeKey={route.impact} />
          </span>
          <DepthSelect
            value={route.depth ?? 2}
            max={5}
            onChange={(depth) => navigate({ ...route, depth }, { replace: true })}
          />
        </>
      ) : null}
      {mode === 'files' ? (
        <LimitSelect
          value={route.limit ?? 300}
          options={IMPORT_LIMITS}
          onChange={(limit) => navigate({ ...route, limit }, { replace: true })}
        />
      ) : null}
      {mode === 'neighbourhood' && route.focus ? (
        <>
          <span className="graph-focus">
            of <NodeLink nodeKey={route.focus} />
          </span>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              onPick(true);
              navigate({ page: 'graph' });
            }}
          >
            change
          </button>
          <DepthSelect
            value={route.depth ?? 1}
            onChange={(depth) => navigate({ ...route, depth }, { replace: true })}
          />
          <LimitSelect
            value={route.limit ?? 150}
            options={NEIGHBOURHOOD_LIMITS}
            onChange={(limit) => navigate({ ...route, limit }, { replace: true })}
          />
          <fieldset className="edge-types">
            <legend>edges</legend>
            {EDGE_TYPES.map((type) => (
              <label key={type} className="chip-toggle">
                <input
                  type="checkbox"
                  checked={types.includes(type)}
                  onChange={(e) => {
                    const next = e.target.checked ? [...types, type] : types.filter((t) => t !== type);
                    if (next.length === 0) return;
                    navigate(
                      { ...route, types: next.length === EDGE_TYPES.length ? undefined : next },
                      { replace: true },
                    );
                  }}
                />
                {type.toLowerCase()}
              </label>
            ))}
          </fieldset>
        </>
      ) : null}
    </div>
  );
}

function LimitSelect({
  value,
  options,
  onChange,
}: {
  value: number;
  options: number[];
  onChange: (n: number) => void;
}) {
  return (
    <label className="inline-field">
      at most
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {[...new Set([...options, value])]
          .sort((a, b) => a - b)
          .map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
      </select>
      nodes
    </label>
  );
}

function GraphPicture({ scope }: { scope: SliceScope }) {
  const picture = useGraphPicture(scope);
  const { graph, version } = picture;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the version marks changes inside the graph.
  const nodes = useMemo(
    () =>
      graph
        .mapNodes((key, attributes) => ({ key, label: attributes.label, kind: attributes.kind }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [graph, version],
  );
  const kinds = useMemo(() => [...new Set(nodes.map((n) => n.kind))].sort(), [nodes]);
  const focusMissing = scope.mode === 'neighbourhood' && !picture.loading && !graph.hasNode(scope.focus);
  const focus = scope.mode === 'neighbourhood' ? scope.focus : undefined;

  return (
    <div className="graph-layout">
      <PictureStage
        picture={picture}
        drawn={graph.order}
        emptyNote={scope.mode === 'imports' ? 'No files here (yet).' : 'Nothing to draw.'}
      >
        <SigmaCanvas
          graph={graph}
          flashes={picture.flashes}
          version={version}
          onClickNode={(key) => {
            window.location.hash = hrefOfKey(key, graph.getNodeAttribute(key, 'kind'));
          }}
        />
      </PictureStage>
      <aside className="graph-side">
        {picture.error ? <ErrorMessage error={picture.error} title="Could not load the picture" /> : null}
        {focusMissing && !picture.error ? (
          <ErrorMessage
            error="The focused node is not in the graph (any more)."
            title="Nothing to focus on"
          />
        ) : null}
        <PictureStats
          nodes={graph.order}
          edges={graph.size}
          truncated={picture.truncated}
          loading={picture.loading}
          extra={picture.skipped > 0 ? ` · ${picture.skipped} new left out` : undefined}
        />
        <div className="legend">
          {kinds.map((kind) => (
            <KindBadge key={kind} kind={kind} />
          ))}
        </div>
        <LayoutControl layout={picture.layout} focus={focus} />
        <RecentChanges recent={picture.recent} link={(key) => hrefOfKey(key)} />
        <NodeList
          nodes={nodes}
          render={(node, hint) => (
            <a href={hrefOfKey(node.key, node.kind)} title={node.key}>
              {node.label}
              {hint ? <span className="name-hint"> {hint}</span> : null}
            </a>
          )}
        />
      </aside>
    </div>
  );
}

/** The folder picture: folders open and close by click, the address records which are open. */
function FolderPicture({ route }: { route: GraphRoute }) {
  const navigate = useNavigate();
  const pathPrefix = route.prefix ?? '';
  const open = route.open ?? [];
  // Compared by value: a new list with the same folders is the same picture.
  const openKey = open.join('\n');
  const scope = useMemo(
    () => ({
      pathPrefix,
      level: route.level,
      open: openKey ? openKey.split('\n') : [],
      limit: route.limit ?? 300,
    }),
    [pathPrefix, route.level, openKey, route.limit],
  );
  const onLevel = useCallback(
    (level: number) => navigate({ ...route, level }, { replace: true }),
    [navigate, route],
  );
  const picture = useFolderPicture(scope, onLevel);
  const { graph, version } = picture;
  const [selected, setSelected] = useState<string | undefined>();
  const level = route.level ?? 1;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the version marks changes inside the graph.
  const nodes = useMemo(
    () =>
      graph
        .mapNodes((key, attributes) => ({
          key,
          label: attributes.label,
          kind: attributes.kind,
          files: attributes.files ?? 1,
        }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    [graph, version],
  );
  const opened = useMemo(
    () =>
      openFolders(
        nodes.map((n) => n.key),
        pathPrefix,
      ),
    [nodes, pathPrefix],
  );

  const expand = (folder: string) =>
    navigate({ ...route, level, open: [...new Set([...open, folder])].sort() });
  const collapse = (folder: string) => {
    const next = closeFolder(
      nodes.map((n) => n.key),
      { pathPrefix, level },
      folder,
    );
    navigate({ ...route, level: next.level, open: next.open.length > 0 ? next.open : undefined });
    setSelected(folder);
  };
  const chosen = selected && graph.hasNode(selected) ? selected : undefined;

  return (
    <div className="graph-layout">
      <PictureStage picture={picture} drawn={graph.order} emptyNote="No files here (yet).">
        <SigmaCanvas
          graph={graph}
          flashes={picture.flashes}
          version={version}
          selected={chosen}
          moving={picture.layout.state === 'running'}
          onClickNode={(key) => {
            if (graph.getNodeAttribute(key, 'kind') === 'FOLDER') expand(key);
            else setSelected(key);
          }}
        />
      </PictureStage>
      <aside className="graph-side">
        {picture.error ? <ErrorMessage error={picture.error} title="Could not load the picture" /> : null}
        <PictureStats
          nodes={graph.order}
          edges={graph.size}
          truncated={picture.truncated}
          loading={picture.loading}
        />
        <p className="muted small">
          Files by folder; an arrow counts the imports between two of them. Click a folder to open it.
        </p>
        {chosen ? (
          <SelectedNode
            path={chosen}
            files={graph.getNodeAttribute(chosen, 'files') ?? 1}
            imports={importsOf(graph, chosen)}
            openParent={opened.filter((folder) => chosen.startsWith(folder) && folder !== chosen).pop()}
            onExpand={expand}
            onCollapse={collapse}
          />
        ) : null}
        <LayoutControl layout={picture.layout} />
        {opened.length > 0 ? (
          <>
            <h3>Open folders</h3>
            <ul className="plain-list open-folders" data-testid="open-folders">
              {opened.map((folder) => (
                <li key={folder}>
                  <code title={folder}>{folder}</code>{' '}
                  <button type="button" className="link-button" onClick={() => collapse(folder)}>
                    close
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <RecentChanges
          recent={picture.recent}
          link={(key) => (key.endsWith('/') ? undefined : hrefOfKey(key, 'FILE'))}
        />
        <NodeList
          nodes={nodes}
          render={(node, hint) => (
            <>
              <button
                type="button"
                className="link-button"
                title={node.key}
                onClick={() => setSelected(node.key)}
              >
                {node.label}
                {hint ? <span className="name-hint"> {hint}</span> : null}
              </button>
              {node.kind === 'FOLDER' ? (
                <>
                  {' '}
                  <span className="muted small">{node.files} files</span>{' '}
                  <button type="button" className="link-button" onClick={() => expand(node.key)}>
                    open
                  </button>
                </>
              ) : null}
            </>
          )}
        />
      </aside>
    </div>
  );
}

/** Imports out of and into a node of the folder picture (summed edge weights). */
function importsOf(
  graph: ReturnType<typeof useFolderPicture>['graph'],
  key: string,
): { out: number; in: number } {
  let out = 0;
  let into = 0;
  graph.forEachOutEdge(key, (_edge, attributes) => {
    out += attributes.weight ?? 1;
  });
  graph.forEachInEdge(key, (_edge, attributes) => {
    into += attributes.weight ?? 1;
  });
  return { out, in: into };
}

function SelectedNode({
  path,
  files,
  imports,
  openParent,
  onExpand,
  onCollapse,
}: {
  path: string;
  files: number;
  imports: { out: number; in: number };
  openParent: string | undefined;
  onExpand: (folder: string) => void;
  onCollapse: (folder: string) => void;
}) {
  const folder = path.endsWith('/');
  return (
    <div className="selected-node" data-testid="selected-node">
      <code className="selected-path">{path}</code>
      <p className="muted small">
        {folder ? `${files} files · ` : ''}
        {imports.out} imports out · {imports.in} in
      </p>
      <p>
        {folder ? (
          <button type="button" className="link-button" onClick={() => onExpand(path)}>
            Open this folder
          </button>
        ) : (
          <a href={hrefOf({ page: 'file', path })}>Open the file’s page →</a>
        )}
        {openParent ? (
          <>
            {' · '}
            <button type="button" className="link-button" onClick={() => onCollapse(openParent)}>
              close {openParent}
            </button>
          </>
        ) : null}
      </p>
    </div>
  );
}

/** The canvas and its notes; `data-layout` says whether the layout still runs (tests and benchmarks wait on it). */
function PictureStage(props: {
  picture: { layout: PictureLayout; loading: boolean; error: unknown };
  /** How many nodes the picture draws. */
  drawn: number;
  /** Said when the picture has loaded and there is nothing to draw. */
  emptyNote: string;
  children: ReactNode;
}) {
  const { layout, loading, error } = props.picture;
  const note =
    props.drawn > 0 ? undefined : loading ? 'Loading the picture…' : error ? undefined : props.emptyNote;
  return (
    <div className="graph-stage" data-testid="graph-stage" data-layout={layout.state}>
      {props.children}
      {note ? <div className="stage-note">{note}</div> : null}
    </div>
  );
}

function PictureStats(props: {
  nodes: number;
  edges: number;
  truncated: boolean;
  loading: boolean;
  extra?: string;
}) {
  return (
    <div className="graph-stats">
      <span data-testid="graph-node-count">{props.nodes}</span> nodes ·{' '}
      <span data-testid="graph-edge-count">{props.edges}</span> edges
      {props.truncated ? <span className="tag tag-warning">limit reached</span> : null}
      {props.extra ? <span className="muted">{props.extra}</span> : null}
      {props.loading ? <span className="muted"> · loading…</span> : null}
    </div>
  );
}

function LayoutControl({ layout, focus }: { layout: PictureLayout; focus?: string }) {
  return (
    <p className="small">
      <span className="muted">{layout.state === 'running' ? 'Laying out… ' : ''}</span>
      <button type="button" className="link-button" onClick={() => layout.run({ seed: true, focus })}>
        Lay out again
      </button>
    </p>
  );
}

function RecentChanges({
  recent,
  link,
}: {
  recent: readonly RecentChange[];
  link: (key: string) => string | undefined;
}) {
  return (
    <>
      <h3>Recent changes</h3>
      {recent.length === 0 ? (
        <p className="muted small">Changes to what is shown appear here, and flash in the picture.</p>
      ) : (
        <ul className="recent" data-testid="graph-recent">
          {recent.map((change) => {
            const href = change.op === 'removed' ? undefined : link(change.key);
            return (
              <li key={change.id} className={`op-${change.op}`}>
                <span className="op">
                  {change.op === 'added' ? '+' : change.op === 'updated' ? '~' : '−'}
                </span>
                {href ? (
                  <a href={href} title={change.key}>
                    {change.label}
                  </a>
                ) : (
                  <span className={change.op === 'removed' ? 'removed-key' : ''} title={change.key}>
                    {change.label}
                  </span>
                )}
                {change.revision > 0 ? <span className="muted small"> r{change.revision}</span> : null}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

/** Every node of the picture, short labels told apart by the end of their paths. */
function NodeList<T extends { key: string; label: string }>({
  nodes,
  render,
}: {
  nodes: readonly T[];
  render: (node: T, hint: string | undefined) => ReactNode;
}) {
  const hints = useMemo(() => distinguishingHints(nodes), [nodes]);
  return (
    <details className="node-list">
      <summary>All {nodes.length} nodes in the picture</summary>
      <ul data-testid="graph-nodes">
        {nodes.map((node) => (
          <li key={node.key} data-key={node.key}>
            {render(node, hints.get(node.key))}
          </li>
        ))}
      </ul>
    </details>
  );
}

const PickFocusQuery = graphql(`
  query PickFocus($query: String!, $first: Int!) {
    symbols(query: $query, first: $first) {
      edges {
        node {
          key
          kind
          qualifiedName
          file {
            path
          }
        }
      }
    }
    files(pathPrefix: $query, first: $first) {
      edges {
        node {
          key
          path
        }
      }
    }
  }
`);

/** Choosing the node whose neighbourhood to draw: a symbol by name, or a file by path. */
function FocusPicker() {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const query = useDebounced(text.trim(), 200);
  const [{ data, error, fetching }] = useLiveQuery({
    query: PickFocusQuery,
    variables: { query, first: 8 },
    pause: query === '',
  });
  const pick = (key: string) => navigate({ page: 'graph', focus: key });
  return (
    <div className="panel focus-picker">
      <h2>Whose neighbourhood?</h2>
      <input
        type="search"
        // biome-ignore lint/a11y/noAutofocus: the picker's only purpose is this input.
        autoFocus
        placeholder="A symbol name, or a file path…"
        aria-label="Focus"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {error ? <ErrorMessage error={error} title="The search failed" /> : null}
      {query && !data && fetching ? <Loading /> : null}
      {data ? (
        <ul className="plain-list">
          {data.files.edges.map(({ node }) => (
            <li key={node.key}>
              <button type="button" className="link-button" onClick={() => pick(node.key)}>
                <KindBadge kind="FILE" /> {node.path}
              </button>
            </li>
          ))}
          {data.symbols.edges.map(({ node }) => (
            <li key={node.key}>
              <button type="button" className="link-button" onClick={() => pick(node.key)}>
                <KindBadge kind={node.kind} /> {node.qualifiedName}{' '}
                <span className="muted">{node.file.path}</span>
              </button>
            </li>
          ))}
          {data.files.edges.length + data.symbols.edges.length === 0 ? <Empty>Nothing matches.</Empty> : null}
        </ul>
      ) : null}
    </div>
  );
}
