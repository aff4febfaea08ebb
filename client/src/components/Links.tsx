import { labelOfKey } from '../live/keys.ts';
import { hrefOf, hrefOfKey } from '../router.ts';
import { KindBadge } from './KindBadge.tsx';

/**
 * A link to a node's page, labelled by its qualified name (or path), with its kind; `hint` is
 * the end of its file's path, for a name that is ambiguous in the list around it.
 */
export function NodeLink({
  nodeKey,
  kind,
  label,
  hint,
  showKind = true,
}: {
  nodeKey: string;
  kind?: string;
  label?: string;
  hint?: string;
  showKind?: boolean;
}) {
  return (
    <span className="node-link">
      {showKind && kind ? <KindBadge kind={kind} /> : null}
      <a href={hrefOfKey(nodeKey, kind)} title={nodeKey}>
        {label ?? labelOfKey(nodeKey)}
      </a>
      {hint ? <span className="name-hint"> {hint}</span> : null}
    </span>
  );
}

export function FileLink({ path, line }: { path: string; line?: number }) {
  return (
    <a className="file-link" href={hrefOf({ page: 'file', path })} title={path}>
      {path}
      {line !== undefined ? <span className="muted">:{line}</span> : null}
    </a>
  );
}
