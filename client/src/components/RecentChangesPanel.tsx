/**
 * A symbol's recent semantic changes (`semanticChanges` of the last revisions, under its file):
 * renamed, re-signed, export removed, calls to it broken, newest first.
 */
import { useCallback, useMemo } from 'react';
import { graphql } from '../gql/index.ts';
import { fileOfKey } from '../live/keys.ts';
import type { RevisionEvent } from '../live/revision.ts';
import { useLive } from '../useLive.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Panel } from './Panel.tsx';
import { SemanticLine } from './SemanticLine.tsx';

const RecentSemanticChangesQuery = graphql(`
  query RecentSemanticChanges($since: Int!, $pathPrefix: String) {
    semanticChanges(since: $since, pathPrefix: $pathPrefix) {
      revision
      ...SemanticChangeFields
    }
  }
`);

/** How many revisions back "recent" reaches (rounded, so that `since` stays put between revisions). */
const RECENT_REVISIONS = 200;

/** Whether a change is about `key`: the symbol itself (now or before a rename or move) or a call to it. */
function concernsKey(change: { key: string; previousKey?: string | null }, key: string): boolean {
  return change.key === key || change.previousKey === key;
}

export function RecentChangesPanel({ nodeKey }: { nodeKey: string }) {
  const revision = useLive((s) => s.revision);
  const since =
    revision === undefined ? 0 : Math.max(0, Math.floor((revision - RECENT_REVISIONS) / 100) * 100);
  const file = fileOfKey(nodeKey);
  const touchedBy = useCallback(
    (event: RevisionEvent) => (event.semantic ?? []).some((c) => concernsKey(c, nodeKey)),
    [nodeKey],
  );
  const [{ data, error }] = useLiveQuery({
    query: RecentSemanticChangesQuery,
    variables: { since, pathPrefix: file ?? null },
    touchedBy,
    pause: revision === undefined,
  });
  const changes = useMemo(
    () => (data?.semanticChanges ?? []).filter((c) => concernsKey(c, nodeKey)).reverse(),
    [data, nodeKey],
  );
  // Shown only when there is something to tell: most symbols have no recent change.
  if (!error && changes.length === 0) return null;
  return (
    <Panel title={`Recent changes (${changes.length})`} className="span-2" testId="recent-changes">
      {error && !data ? <ErrorMessage error={error} title="Could not read the recent changes" /> : null}
      {changes.length > 0 ? (
        <ul className="recent-semantic">
          {changes.map((change) => (
            <SemanticLine
              key={`${change.revision}:${change.kind}:${change.key}`}
              change={change}
              revision={change.revision ?? undefined}
            />
          ))}
        </ul>
      ) : null}
    </Panel>
  );
}
