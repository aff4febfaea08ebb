import type { LogEntry, RevisionEntry } from '../live/event-log.ts';
import { labelOfKey } from '../live/keys.ts';
import type { GraphChange } from '../live/revision.ts';
import { useLive } from '../useLive.ts';
import { NodeLink } from './Links.tsx';
import { Empty, Panel } from './Panel.tsx';
import { SemanticLine } from './SemanticLine.tsx';

/** Revisions as they stream in, newest first: what they mean first, their raw changes behind a toggle. */
export function EventLogView() {
  const log = useLive((s) => s.log);
  return (
    <Panel
      title="Event log"
      className="event-log"
      testId="event-log"
      actions={
        <span className="muted">
          {log.entries.length} entries{log.dropped > 0 ? ` · ${log.dropped} older dropped` : ''}
        </span>
      }
    >
      {log.entries.length === 0 ? (
        <Empty>No revisions yet. Edit a file of the project: its changes appear here.</Empty>
      ) : (
        <ol className="log-entries">
          {log.entries.map((entry) => (
            <li key={entry.id}>
              {entry.type === 'notice' ? <Notice entry={entry} /> : <Revision entry={entry} />}
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}

function Notice({ entry }: { entry: Extract<LogEntry, { type: 'notice' }> }) {
  return (
    <div className={`log-notice log-notice-${entry.level}`}>
      <time>{formatTime(entry.timestamp)}</time> {entry.message}
    </div>
  );
}

function Revision({ entry }: { entry: RevisionEntry }) {
  const { counts } = entry;
  const names = entry.changes.filter((c) => c.op.startsWith('NODE_')).slice(0, 4);
  const total =
    counts.nodesAdded + counts.nodesUpdated + counts.nodesRemoved + counts.edgesAdded + counts.edgesRemoved;
  return (
    <div className="log-revision" data-revision={entry.revision}>
      <div className="log-head">
        <span className="log-rev">r{entry.revision}</span>
        <time>{formatTime(entry.timestamp)}</time>
        <span className="log-files" title={entry.files.join('\n')}>
          {entry.files.length === 0
            ? 'analysis'
            : entry.files.length <= 2
              ? entry.files.join(', ')
              : `${entry.files.slice(0, 2).join(', ')} +${entry.files.length - 2}`}
        </span>
        <span className="log-counts">
          {chip('+', counts.nodesAdded, 'added')}
          {chip('~', counts.nodesUpdated, 'updated')}
          {chip('−', counts.nodesRemoved, 'removed')}
          {counts.edgesAdded + counts.edgesRemoved > 0 ? (
            <span className="chip chip-edge">
              {counts.edgesAdded > 0 ? `+${counts.edgesAdded}` : ''}
              {counts.edgesAdded > 0 && counts.edgesRemoved > 0 ? ' ' : ''}
              {counts.edgesRemoved > 0 ? `−${counts.edgesRemoved}` : ''} edges
            </span>
          ) : null}
        </span>
        <span className="log-names">
          {names.map((c) => (
            <span key={c.key} className={`log-name op-${opClass(c.op)}`}>
              {labelOfKey(c.key)}
            </span>
          ))}
        </span>
      </div>
      {entry.semantic.length > 0 ? (
        <ul className="log-semantic" data-testid="log-semantic">
          {entry.semantic.map((change) => (
            <SemanticLine key={`${change.kind}:${change.key}`} change={change} />
          ))}
          {entry.omittedSemantic > 0 ? <li className="muted">…and {entry.omittedSemantic} more</li> : null}
        </ul>
      ) : null}
      <details className="log-raw">
        <summary>
          {entry.semantic.length > 0 ? 'raw changes' : 'changes'} ({total})
        </summary>
        <ul className="log-changes">
          {entry.changes.map((change) => (
            <ChangeLine key={`${change.op}:${change.key}`} change={change} />
          ))}
          {entry.omittedChanges > 0 ? (
            <li className="muted">…and {entry.omittedChanges} more changes</li>
          ) : null}
        </ul>
      </details>
    </div>
  );
}

function ChangeLine({ change }: { change: GraphChange }) {
  const op = opClass(change.op);
  if (change.op === 'EDGE_ADDED' || change.op === 'EDGE_REMOVED') {
    return (
      <li className={`change op-${op}`}>
        <span className="op">{change.op === 'EDGE_ADDED' ? '+' : '−'}</span>
        <code className="edge-type">{change.kind}</code>
        {change.from ? <NodeLink nodeKey={change.from} showKind={false} /> : null}
        <span className="muted"> → </span>
        {change.to ? <NodeLink nodeKey={change.to} showKind={false} /> : null}
      </li>
    );
  }
  return (
    <li className={`change op-${op}`}>
      <span className="op">{op === 'added' ? '+' : op === 'updated' ? '~' : '−'}</span>
      {change.op === 'NODE_REMOVED' ? (
        <span className="removed-key" title={change.key}>
          {labelOfKey(change.key)}
        </span>
      ) : (
        <NodeLink nodeKey={change.key} kind={change.kind} />
      )}
      <span className="muted key">{change.key}</span>
    </li>
  );
}

function chip(sign: string, count: number, kind: string) {
  if (count === 0) return null;
  return (
    <span className={`chip chip-${kind}`} title={`${count} nodes ${kind}`}>
      {sign}
      {count}
    </span>
  );
}

function opClass(op: GraphChange['op']): 'added' | 'updated' | 'removed' {
  if (op === 'NODE_ADDED' || op === 'EDGE_ADDED') return 'added';
  if (op === 'NODE_UPDATED') return 'updated';
  return 'removed';
}

function formatTime(timestamp: number): string {
  return new Date(timestamp).toLocaleTimeString('en-GB', { hour12: false });
}
