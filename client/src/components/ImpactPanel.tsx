/**
 * "What depends on this": the `impact` of a symbol or a file, grouped by file with counts,
 * test files marked, the depth selectable, and a link that draws it in the graph picture.
 */
import { useMemo, useState } from 'react';
import { graphql } from '../gql/index.ts';
import { fileOfKey } from '../live/keys.ts';
import { hrefOf } from '../router.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import { DepthSelect } from './DepthSelect.tsx';
import { ErrorMessage } from './ErrorMessage.tsx';
import { FileLink, NodeLink } from './Links.tsx';
import { Empty, Loading, Panel } from './Panel.tsx';

const ImpactQuery = graphql(`
  query Impact($key: String!, $depth: Int!) {
    impactWalk(keys: [$key], depth: $depth) {
      totalCount
      truncated
      nodes {
        depth
        node {
        key
        kind
        name
        ... on CodeSymbol {
          qualifiedName
          file {
            path
            isTest
          }
        }
        ... on File {
          path
          isTest
        }
      }
      }
    }
  }
`);

interface Dependent {
  readonly key: string;
  readonly kind: string;
  readonly label: string;
  readonly depth: number;
}

interface FileGroup {
  readonly path: string;
  readonly isTest: boolean;
  /** The nearest dependent's distance. */
  readonly depth: number;
  readonly dependents: Dependent[];
}

export function ImpactPanel({ nodeKey }: { nodeKey: string }) {
  const [depth, setDepth] = useState(2);
  const [{ data, error, fetching }] = useLiveQuery({
    query: ImpactQuery,
    variables: { key: nodeKey, depth },
  });
  const groups = useMemo(() => {
    const byFile = new Map<string, FileGroup>();
    for (const { node, depth: distance } of data?.impactWalk.nodes ?? []) {
      const file = 'file' in node ? node.file : 'path' in node ? node : undefined;
      const path = file?.path ?? fileOfKey(node.key) ?? node.key;
      const group = byFile.get(path) ?? {
        path,
        isTest: file?.isTest ?? false,
        depth: distance,
        dependents: [],
      };
      group.dependents.push({
        key: node.key,
        kind: node.kind,
        label: 'qualifiedName' in node ? node.qualifiedName : node.name,
        depth: distance,
      });
      byFile.set(path, { ...group, depth: Math.min(group.depth, distance) });
    }
    return [...byFile.values()].sort((a, b) => a.depth - b.depth || a.path.localeCompare(b.path));
  }, [data]);
  const walk = data?.impactWalk;
  const total = walk?.nodes.length ?? 0;
  const tests = groups.filter((g) => g.isTest).length;

  return (
    <Panel
      title={
        walk
          ? `Impact (${walk.truncated ? `${total} of ${walk.totalCount}+` : total} in ${groups.length} files)`
          : 'Impact'
      }
      actions={<DepthSelect value={depth} onChange={setDepth} max={5} />}
      className="span-2"
      testId="impact"
    >
      <p className="muted">
        What depends on it, directly or not: what may break when it changes.
        {tests > 0 ? ` ${tests} of the files are tests.` : ''}{' '}
        <a href={hrefOf({ page: 'graph', impact: nodeKey, depth })}>Draw it in the graph →</a>
      </p>
      {walk?.truncated ? (
        <p className="muted small" data-testid="impact-cut">
          The nearest {total} of at least {walk.totalCount} within depth {depth}: the server stops there.
          {depth > 1 ? ' A lower depth lists all of the nearer ones.' : ''}
        </p>
      ) : null}
      {error ? <ErrorMessage error={error} title="Could not compute the impact" /> : null}
      {!data && fetching ? <Loading /> : null}
      {data && total === 0 ? <Empty>Nothing depends on it.</Empty> : null}
      <div className="impact-files" data-testid="impact-files">
        {groups.map((group) => (
          <details key={group.path} className="impact-file" open={groups.length <= 8} data-file={group.path}>
            <summary>
              <FileLink path={group.path} /> <span className="muted">{group.dependents.length}</span>
              {group.isTest ? <span className="tag">test</span> : null}
              <span className="muted small"> nearest at {group.depth}</span>
            </summary>
            <ul className="plain-list">
              {group.dependents
                .sort((a, b) => a.depth - b.depth || a.label.localeCompare(b.label))
                .map((item) => (
                  <li key={item.key}>
                    <span className="depth" title="distance">
                      {item.depth}
                    </span>
                    {item.kind === 'FILE' ? (
                      <span className="muted">the file itself (imports)</span>
                    ) : (
                      <NodeLink nodeKey={item.key} kind={item.kind} label={item.label} />
                    )}
                  </li>
                ))}
            </ul>
          </details>
        ))}
      </div>
    </Panel>
  );
}
