import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { FileLink } from '../components/Links.tsx';
import { Empty, Loading, Panel } from '../components/Panel.tsx';
import { graphql } from '../gql/index.ts';
import type { RevisionEvent } from '../live/revision.ts';
import { hrefOf, type Route } from '../router.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import { useNavigate } from '../useRoute.ts';

const ImportCyclesQuery = graphql(`
  query ImportCycles($typeOnly: Boolean) {
    importCycles(includeTypeOnly: $typeOnly) {
      files {
        key
        path
      }
    }
  }
`);

/** Cycles change only when imports or files do. */
const touchesImports = (event: RevisionEvent) =>
  event.changes.some((c) => c.kind === 'IMPORTS' || (c.kind === 'FILE' && c.op !== 'NODE_UPDATED'));

export function CyclesPage({ route }: { route: Extract<Route, { page: 'cycles' }> }) {
  const navigate = useNavigate();
  const typeOnly = route.typeOnly ?? false;
  const [{ data, error, fetching }] = useLiveQuery({
    query: ImportCyclesQuery,
    variables: { typeOnly },
    touchedBy: touchesImports,
  });
  const cycles = data?.importCycles;
  return (
    <Panel
      title={cycles ? `Import cycles (${cycles.length})` : 'Import cycles'}
      testId="cycles"
      actions={
        <label className="inline-field">
          <input
            type="checkbox"
            checked={typeOnly}
            onChange={(e) => navigate({ page: 'cycles', typeOnly: e.target.checked }, { replace: true })}
          />
          include type-only imports
        </label>
      }
    >
      <p className="muted">Groups of files that import each other, directly or not.</p>
      {error ? <ErrorMessage error={error} title="Could not find the import cycles" /> : null}
      {!cycles && fetching ? <Loading /> : null}
      {cycles && cycles.length === 0 ? <Empty>No import cycles. 🎉</Empty> : null}
      <ol className="cycles">
        {cycles?.map((cycle) => (
          <li key={cycle.files.map((f) => f.key).join('|')} className="cycle">
            <span className="muted">{cycle.files.length} files</span>
            <a href={hrefOf({ page: 'graph', focus: cycle.files[0]?.key, types: ['IMPORTS'], depth: 2 })}>
              graph
            </a>
            <ul className="cycle-files">
              {cycle.files.map((file) => (
                <li key={file.key}>
                  <FileLink path={file.path} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </Panel>
  );
}
