import { useState } from 'react';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Empty, Loading, Panel } from '../components/Panel.tsx';
import { SymbolList } from '../components/SymbolList.tsx';
import { SymbolKind } from '../gql/graphql.ts';
import { graphql } from '../gql/index.ts';
import { isSymbolKey } from '../live/keys.ts';
import { isEdgeChange, type RevisionEvent } from '../live/revision.ts';
import type { Route } from '../router.ts';
import { useAddressText } from '../useDebounced.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import { useNavigate } from '../useRoute.ts';

const SearchSymbolsQuery = graphql(`
  query SearchSymbols($query: String, $kinds: [SymbolKind!], $exported: Boolean, $first: Int!, $after: String) {
    symbols(query: $query, kinds: $kinds, exported: $exported, first: $first, after: $after) {
      ...SymbolPageFields
      edges {
        node {
          exported
        }
      }
    }
  }
`);

/** Every symbol kind of the schema, from its generated enum. */
const KINDS: readonly SymbolKind[] = Object.values(SymbolKind);
const PAGE_SIZE = 25;

/** Search results change when symbols appear, vanish or change. */
const touchesSymbols = (event: RevisionEvent) =>
  event.changes.some((c) => !isEdgeChange(c) && isSymbolKey(c.key));

export function Explorer({ route }: { route: Extract<Route, { page: 'explore' }> }) {
  const navigate = useNavigate();
  const query = route.query;
  const kind = KINDS.find((k) => k === route.kind);
  const exported = route.exported ?? false;
  // Pages loaded so far, for this search only: a new search starts from its first page.
  const searchKey = JSON.stringify([query, kind, exported]);
  const [pages, setPages] = useState<{ key: string; cursors: (string | null)[] }>({
    key: searchKey,
    cursors: [null],
  });
  const cursors = pages.key === searchKey ? pages.cursors : [null];
  // The address holds the search (replaced as you type, not stacked in the history).
  const [text, setText] = useAddressText(query, (q) =>
    navigate({ page: 'explore', query: q, kind, exported }, { replace: true }),
  );

  return (
    <div className="explorer">
      <Panel title="Explore symbols" actions={<ExplorerLinks />}>
        <form className="search" onSubmit={(e) => e.preventDefault()}>
          <input
            type="search"
            className="search-input"
            placeholder="Search symbols by name…"
            aria-label="Search symbols"
            // biome-ignore lint/a11y/noAutofocus: the explorer is a search page; typing is what it is for.
            autoFocus
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="search-input"
          />
          <select
            aria-label="Kind"
            value={kind ?? ''}
            onChange={(e) =>
              navigate(
                { page: 'explore', query, kind: e.target.value || undefined, exported },
                { replace: true },
              )
            }
          >
            <option value="">all kinds</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k.toLowerCase().replace('_', ' ')}
              </option>
            ))}
          </select>
          <label className="inline-field">
            <input
              type="checkbox"
              checked={exported}
              onChange={(e) =>
                navigate({ page: 'explore', query, kind, exported: e.target.checked }, { replace: true })
              }
            />
            exported only
          </label>
        </form>
        <div className="results" data-testid="search-results">
          {cursors.map((after, index) => (
            <SearchPage
              key={after ?? 'first'}
              query={query}
              kinds={kind ? [kind] : undefined}
              exported={exported || undefined}
              after={after}
              first={index === 0}
              last={index === cursors.length - 1}
              onMore={(cursor) => setPages({ key: searchKey, cursors: [...cursors, cursor] })}
            />
          ))}
        </div>
      </Panel>
    </div>
  );
}

function ExplorerLinks() {
  return (
    <span className="muted">
      also: <a href="#/cycles">import cycles</a> · <a href="#/unused">unused exports</a>
    </span>
  );
}

function SearchPage(props: {
  query: string;
  kinds: SymbolKind[] | undefined;
  exported: boolean | undefined;
  after: string | null;
  first: boolean;
  last: boolean;
  onMore: (cursor: string) => void;
}) {
  const [{ data, error, fetching }] = useLiveQuery({
    query: SearchSymbolsQuery,
    variables: {
      query: props.query || null,
      kinds: props.kinds ?? null,
      exported: props.exported ?? null,
      first: PAGE_SIZE,
      after: props.after,
    },
    touchedBy: touchesSymbols,
  });
  if (error) return <ErrorMessage error={error} title="The search failed" />;
  if (!data) return fetching ? <Loading what="symbols" /> : null;
  const { symbols } = data;
  return (
    <>
      {props.first ? (
        <p className="result-count" data-testid="search-count">
          {symbols.totalCount.toLocaleString('en-US')} {symbols.totalCount === 1 ? 'symbol' : 'symbols'}
          {props.query ? (
            <>
              {' '}
              matching <q>{props.query}</q>
            </>
          ) : null}
        </p>
      ) : null}
      {symbols.edges.length === 0 && props.first ? (
        <Empty>No symbol matches. Names match exactly, then by prefix, then anywhere.</Empty>
      ) : (
        <SymbolList rows={symbols.edges.map((e) => e.node)} />
      )}
      {props.last && symbols.pageInfo.hasNextPage && symbols.pageInfo.endCursor ? (
        <button type="button" className="more" onClick={() => props.onMore(symbols.pageInfo.endCursor!)}>
          Load {PAGE_SIZE} more
        </button>
      ) : null}
    </>
  );
}
