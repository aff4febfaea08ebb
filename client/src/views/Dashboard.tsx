import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { EventLogView } from '../components/EventLogView.tsx';
import { KindBadge } from '../components/KindBadge.tsx';
import { Loading, Panel } from '../components/Panel.tsx';
import { graphql } from '../gql/index.ts';
import type { AnalysisProgress } from '../live/live-stream.ts';
import { useLive } from '../useLive.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import { useReadiness } from '../useReadiness.ts';

const DashboardQuery = graphql(`
  query Dashboard {
    stats {
      files
      symbols
      edges
      revision
      nodesByKind {
        kind
        count
      }
      edgesByType {
        kind
        count
      }
    }
    analysis {
      ...AnalysisFields
    }
  }
`);

export function Dashboard() {
  const [{ data, error, fetching }] = useLiveQuery({ query: DashboardQuery });
  const liveAnalysis = useLive((s) => s.analysis);
  const analysis = liveAnalysis ?? data?.analysis;
  const stats = data?.stats;

  return (
    <div className="dashboard">
      {error ? <ErrorMessage error={error} title="Could not load the graph's counts" /> : null}
      <section className="counts" aria-label="Counts">
        <Count label="Files" value={stats?.files} testId="count-files" />
        <Count label="Symbols" value={stats?.symbols} testId="count-symbols" />
        <Count label="Edges" value={stats?.edges} testId="count-edges" />
        <Count label="Revision" value={stats?.revision} testId="count-revision" />
      </section>
      <div className="dashboard-grid">
        <div className="dashboard-side">
          <Panel title="Analysis" testId="analysis-panel">
            {analysis ? <AnalysisView analysis={analysis} /> : fetching ? <Loading /> : null}
          </Panel>
          <ServerPanel />
          <Panel title="Graph by kind">
            {stats ? (
              <BreakdownTable rows={stats.nodesByKind} total={stats.files + stats.symbols} badge />
            ) : fetching ? (
              <Loading />
            ) : null}
            {stats && stats.edgesByType.length > 0 ? (
              <BreakdownTable rows={stats.edgesByType} total={stats.edges} />
            ) : null}
          </Panel>
        </div>
        <EventLogView />
      </div>
    </div>
  );
}

function Count({ label, value, testId }: { label: string; value: number | undefined; testId: string }) {
  return (
    <div className="count">
      <div className="count-value" data-testid={testId}>
        {value === undefined ? '–' : value.toLocaleString('en-US')}
      </div>
      <div className="count-label">{label}</div>
    </div>
  );
}

function AnalysisView({ analysis }: { analysis: AnalysisProgress }) {
  const percent = analysis.filesTotal > 0 ? Math.round((analysis.filesDone / analysis.filesTotal) * 100) : 0;
  return (
    <div className="analysis" data-testid="analysis-state" data-state={analysis.state}>
      <div className="analysis-line">
        <span className={`state state-${analysis.state.toLowerCase()}`}>{analysis.state.toLowerCase()}</span>
        <span className="muted">{analysis.phase.toLowerCase()}</span>
        <span className="muted">{formatDuration(analysis.durationMs)}</span>
      </div>
      {analysis.state === 'RUNNING' ? (
        <div
          className="progress"
          role="progressbar"
          aria-valuenow={percent}
          aria-valuemin={0}
          aria-valuemax={100}
        >
          <div className="progress-bar" style={{ width: `${percent}%` }} />
          <span className="progress-text">
            {analysis.filesDone} / {analysis.filesTotal} files
          </span>
        </div>
      ) : (
        // Of the last pass: the first analysis, or an update of a few files (the project's own
        // count is under Graph).
        <div className="muted" data-testid="analysis-last-pass">
          last pass: {analysis.filesTotal.toLocaleString('en-US')}{' '}
          {analysis.filesTotal === 1 ? 'file' : 'files'}
        </div>
      )}
      {analysis.message ? (
        <div className={analysis.state === 'FAILED' ? 'error-text' : 'muted'}>{analysis.message}</div>
      ) : null}
    </div>
  );
}

function ServerPanel() {
  const connection = useLive((s) => s.connection);
  const { readiness, error, stale } = useReadiness();
  const components = readiness?.components ?? {};
  return (
    <Panel
      title="Server"
      testId="server-panel"
      actions={stale && readiness ? <span className="muted">last known, while unreachable</span> : undefined}
    >
      <dl className="facts">
        <dt>subscription</dt>
        <dd>
          <span className={`state state-${connection}`}>{connection}</span>
        </dd>
        {Object.entries(components).map(([name, component]) => (
          <Fact
            key={name}
            name={name === 'pubsub' ? 'pub/sub' : name}
            state={component.state}
            message={component.message}
          />
        ))}
      </dl>
      {error && connection === 'live' ? <p className="error-text">{error}</p> : null}
    </Panel>
  );
}

function Fact({ name, state, message }: { name: string; state: string; message?: string | undefined }) {
  return (
    <>
      <dt>{name}</dt>
      <dd data-testid={`component-${name}`}>
        <span className={`state state-${state.toLowerCase()}`}>{state.toLowerCase()}</span>
        {message ? <span className="muted"> {message}</span> : null}
      </dd>
    </>
  );
}

function BreakdownTable({
  rows,
  total,
  badge,
}: {
  rows: readonly { kind: string; count: number }[];
  total: number;
  badge?: boolean;
}) {
  const sorted = rows.filter((row) => row.count > 0).sort((a, b) => b.count - a.count);
  return (
    <table className="breakdown">
      <tbody>
        {sorted.map((row) => (
          <tr key={row.kind}>
            <td>{badge ? <KindBadge kind={row.kind} /> : <code>{row.kind}</code>}</td>
            <td className="num">{row.count.toLocaleString('en-US')}</td>
            <td className="bar-cell">
              <span
                className="bar"
                style={{ width: `${total > 0 ? Math.max(2, (row.count / total) * 100) : 0}%` }}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
