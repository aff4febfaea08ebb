import { useMemo, useState } from 'react';
import { DepthSelect } from '../components/DepthSelect.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { KindBadge } from '../components/KindBadge.tsx';
import { NodeLink } from '../components/Links.tsx';
import { Empty, Loading } from '../components/Panel.tsx';
import { SigmaCanvas } from '../components/SigmaCanvas.tsx';
import { graphql } from '../gql/index.ts';
import type { SliceScope } from '../graph/graph-diff.ts';
import { layoutPicture } from '../graph/layout.ts';
import { hrefOfKey, type Route } from '../router.ts';
import { useAddressText, useDebounced } from '../useDebounced.ts';
import { useGraphPicture } from '../useGraphPicture.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import { useNavigate } from '../useRoute.ts';

type GraphRoute = Extract<Route, { page: 'graph' }>;

const EDGE_TYPES = ['CONTAINS', 'CALLS', 'INSTANTIATES', 'REFERENCES', 'EXTENDS', 'IMPLEMENTS', 'IMPORTS'];
const IMPORT_LIMITS = [100, 300, 500];
const NEIGHBOURHOOD_LIMITS = [50, 150, 300];

export function GraphPage({ route }: { route: GraphRoute }) {
  const [picking, setPicking] = useState(false);
  const mode = route.focus ? 'neighbourhood' : picking ? 'pick' : 'imports';
  const scope = useMemo((): SliceScope | undefined => {
    if (route.focus)
      return {
        mode: 'neighbourhood',
        focus: route.focus,
        depth: route.depth ?? 1,
        limit: route.limit ?? 150,
        ...(route.types ? { edgeTypes: route.types } : {}),
      };
    if (picking) return undefined;
    return {
      mode: 'imports',
      ...(route.prefix ? { pathPrefix: route.prefix } : {}),
      limit: route.limit ?? 300,
    };
  }, [route, picking]);

  return (
    <div className="graph-page">
      <GraphControls route={route} mode={mode} onPick={setPicking} />
      {scope ? <GraphPicture key={JSON.stringify(scope)} scope={scope} /> : <FocusPicker />}
    </div>
  );
}

function GraphControls({
  route,
  mode,
  onPick,
}: {
  route: GraphRoute;
  mode: 'imports' | 'neighbourhood' | 'pick';
  onPick: (picking: boolean) => void;
}) {
  const navigate = useNavigate();
  const [prefixText, setPrefixText] = useAddressText(
    route.prefix ?? '',
    (prefix) =>
      navigate({ page: 'graph', prefix: prefix || undefined, limit: route.limit }, { replace: true }),
    400,
  );
  const types = route.types ?? EDGE_TYPES;

  return (
    <div className="graph-controls">
      <fieldset className="segmented" aria-label="Picture">
        <button
          type="button"
          className={mode === 'imports' ? 'active' : ''}
          onClick={() => {
            onPick(false);
            navigate({ page: 'graph', prefix: route.prefix });
          }}
        >
          File imports
        </button>
        <button
          type="button"
          className={mode !== 'imports' ? 'active' : ''}
          onClick={() => {
            if (!route.focus) onPick(true);
          }}
        >
          Neighbourhood
        </button>
      </fieldset>
      {mode === 'imports' ? (
        <>
          <input
            type="search"
            placeholder="path prefix, e.g. src/lib/"
            aria-label="Path prefix"
            value={prefixText}
            onChange={(e) => setPrefixText(e.target.value)}
          />
          <LimitSelect
            value={route.limit ?? 300}
            options={IMPORT_LIMITS}
            onChange={(limit) => navigate({ ...route, limit }, { replace: true })}
          />
        </>
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
  const [relaid, setRelaid] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version and relaid mark changes inside the graph.
  const nodes = useMemo(
    () =>
      graph
        .mapNodes((key, attributes) => ({ key, label: attributes.label, kind: attributes.kind }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [graph, version, relaid],
  );
  const kinds = useMemo(() => [...new Set(nodes.map((n) => n.kind))].sort(), [nodes]);
  const focusMissing = scope.mode === 'neighbourhood' && !picture.loading && !graph.hasNode(scope.focus);

  return (
    <div className="graph-layout">
      <div className="graph-stage">
        <SigmaCanvas
          graph={graph}
          flashes={picture.flashes}
          version={version + relaid}
          onClickNode={(key) => {
            window.location.hash = hrefOfKey(key, graph.getNodeAttribute(key, 'kind'));
          }}
        />
        {picture.loading && graph.order === 0 ? <div className="stage-note">Loading the picture…</div> : null}
        {!picture.loading && !picture.error && graph.order === 0 ? (
          <div className="stage-note">
            {scope.mode === 'imports' ? 'No files here (yet).' : 'Nothing to draw.'}
          </div>
        ) : null}
      </div>
      <aside className="graph-side">
        {picture.error ? <ErrorMessage error={picture.error} title="Could not load the picture" /> : null}
        {focusMissing && !picture.error ? (
          <ErrorMessage
            error="The focused node is not in the graph (any more)."
            title="Nothing to focus on"
          />
        ) : null}
        <div className="graph-stats">
          <span data-testid="graph-node-count">{graph.order}</span> nodes ·{' '}
          <span data-testid="graph-edge-count">{graph.size}</span> edges
          {picture.truncated ? <span className="tag tag-warning">limit reached</span> : null}
          {picture.skipped > 0 ? <span className="muted"> · {picture.skipped} new left out</span> : null}
          {picture.loading ? <span className="muted"> · loading…</span> : null}
        </div>
        <div className="legend">
          {kinds.map((kind) => (
            <KindBadge key={kind} kind={kind} />
          ))}
        </div>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            layoutPicture(graph, scope.mode === 'neighbourhood' ? scope.focus : undefined);
            setRelaid((n) => n + 1);
          }}
        >
          Lay out again
        </button>
        <h3>Recent changes</h3>
        {picture.recent.length === 0 ? (
          <p className="muted small">Changes to what is shown appear here, and flash in the picture.</p>
        ) : (
          <ul className="recent" data-testid="graph-recent">
            {picture.recent.map((change) => (
              <li key={change.id} className={`op-${change.op}`}>
                <span className="op">
                  {change.op === 'added' ? '+' : change.op === 'updated' ? '~' : '−'}
                </span>
                {change.op === 'removed' ? (
                  <span className="removed-key">{change.label}</span>
                ) : (
                  <a href={hrefOfKey(change.key)}>{change.label}</a>
                )}
                {change.revision > 0 ? <span className="muted small"> r{change.revision}</span> : null}
              </li>
            ))}
          </ul>
        )}
        <details className="node-list">
          <summary>All {nodes.length} nodes in the picture</summary>
          <ul data-testid="graph-nodes">
            {nodes.map((node) => (
              <li key={node.key} data-key={node.key}>
                <a href={hrefOfKey(node.key, node.kind)}>{node.label}</a>
              </li>
            ))}
          </ul>
        </details>
      </aside>
    </div>
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
