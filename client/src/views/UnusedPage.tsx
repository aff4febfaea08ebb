import { useState } from 'react';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Empty, Loading, Panel } from '../components/Panel.tsx';
import { SymbolList } from '../components/SymbolList.tsx';
import { graphql } from '../gql/index.ts';
import type { Route } from '../router.ts';
import { useAddressText } from '../useDebounced.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import { useNavigate } from '../useRoute.ts';

const UnusedExportsQuery = graphql(`
  query UnusedExports($pathPrefix: String, $publicApi: Boolean, $first: Int!, $after: String) {
    unusedExports(pathPrefix: $pathPrefix, includePublicApi: $publicApi, first: $first, after: $after) {
      ...SymbolPageFields
    }
  }
`);

const PAGE_SIZE = 50;

export function UnusedPage({ route }: { route: Extract<Route, { page: 'unused' }> }) {
  const navigate = useNavigate();
  const prefix = route.prefix ?? '';
  const publicApi = route.publicApi ?? false;
  const [prefixText, setPrefixText] = useAddressText(
    prefix,
    (next) =>
      navigate({ page: 'unused', prefix: next || undefined, publicApi: route.publicApi }, { replace: true }),
    250,
  );
  // The pages loaded so far, for one question (prefix and public API).
  const question = `${publicApi}:${prefix}`;
  const [pages, setPages] = useState<{ question: string; cursors: (string | null)[] }>({
    question,
    cursors: [null],
  });
  const cursors = pages.question === question ? pages.cursors : [null];
  return (
    <Panel
      title="Unused exports"
      testId="unused"
      actions={
        <>
          <input
            type="search"
            placeholder="path prefix, e.g. src/"
            aria-label="Path prefix"
            value={prefixText}
            onChange={(e) => setPrefixText(e.target.value)}
          />
          <label className="inline-field">
            <input
              type="checkbox"
              checked={publicApi}
              onChange={(e) =>
                navigate(
                  { page: 'unused', prefix: route.prefix, publicApi: e.target.checked || undefined },
                  { replace: true },
                )
              }
            />
            include public API
          </label>
        </>
      }
    >
      <p className="muted">
        Exported symbols that nothing outside their file calls, instantiates, references, extends, implements
        or imports by name. A package's public API — what the entry points of its package.json export, or
        re-export — is left out unless included.
      </p>
      {cursors.map((after, index) => (
        <UnusedPageOf
          key={`${question}:${after ?? 'first'}`}
          prefix={prefix}
          publicApi={publicApi}
          after={after}
          first={index === 0}
          last={index === cursors.length - 1}
          onMore={(cursor) => setPages({ question, cursors: [...cursors, cursor] })}
        />
      ))}
    </Panel>
  );
}

function UnusedPageOf(props: {
  prefix: string;
  publicApi: boolean;
  after: string | null;
  first: boolean;
  last: boolean;
  onMore: (cursor: string) => void;
}) {
  const [{ data, error, fetching }] = useLiveQuery({
    query: UnusedExportsQuery,
    variables: {
      pathPrefix: props.prefix || null,
      publicApi: props.publicApi,
      first: PAGE_SIZE,
      after: props.after,
    },
  });
  if (error) return <ErrorMessage error={error} title="Could not list the unused exports" />;
  if (!data) return fetching ? <Loading /> : null;
  const { unusedExports } = data;
  return (
    <>
      {props.first ? (
        <p className="result-count">{unusedExports.totalCount.toLocaleString('en-US')} unused exports</p>
      ) : null}
      {props.first && unusedExports.edges.length === 0 ? (
        <Empty>Every export is used.</Empty>
      ) : (
        <SymbolList rows={unusedExports.edges.map((e) => e.node)} />
      )}
      {props.last && unusedExports.pageInfo.hasNextPage && unusedExports.pageInfo.endCursor ? (
        <button
          type="button"
          className="more"
          onClick={() => props.onMore(unusedExports.pageInfo.endCursor!)}
        >
          Load {PAGE_SIZE} more
        </button>
      ) : null}
    </>
  );
}
