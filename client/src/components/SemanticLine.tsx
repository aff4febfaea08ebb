import type { SemanticChange } from '../live/revision.ts';
import { hrefOf } from '../router.ts';
import { NodeLink } from './Links.tsx';

/** What a change means, as a sentence; breaking ones marked; the symbol linked while it exists. */
export function SemanticLine({ change, revision }: { change: SemanticChange; revision?: number }) {
  const gone = change.kind === 'SYMBOL_REMOVED';
  const cycle = change.kind === 'CYCLE_INTRODUCED' || change.kind === 'CYCLE_RESOLVED';
  return (
    <li className={`semantic${change.breaking ? ' semantic-breaking' : ''}`} data-kind={change.kind}>
      {revision !== undefined ? <span className="log-rev">r{revision}</span> : null}
      {change.breaking ? (
        <span className="breaking-mark" title="code in the graph depended on what changed">
          breaking
        </span>
      ) : null}
      <span className="semantic-message">{change.message}</span>
      {cycle ? (
        <a href={hrefOf({ page: 'cycles' })}>cycles</a>
      ) : gone ? null : (
        <NodeLink nodeKey={change.key} showKind={false} />
      )}
    </li>
  );
}
