import { useCallback } from 'react';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { ImpactPanel } from '../components/ImpactPanel.tsx';
import { KindBadge } from '../components/KindBadge.tsx';
import { FileLink, NodeLink } from '../components/Links.tsx';
import { Empty, Loading, Panel } from '../components/Panel.tsx';
import { graphql } from '../gql/index.ts';
import { type RevisionEvent, revisionTouches } from '../live/revision.ts';
import { hrefOf } from '../router.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import { Names } from './NodePage.tsx';

const FilePageQuery = graphql(`
  query FilePage($path: String!) {
    # codeNode, not file(path): a missing file is null here, not a NOT_FOUND error (an HTTP 404).
    codeNode(key: $path) {
      __typename
      ... on File {
        key
        path
        language
        lines
        isTest
        isDeclaration
        entryPoint
        diagnosticCount
        unresolvedCalls
        symbols {
          key
          kind
          name
          signature
          exported
          range {
            startLine
          }
          members {
            key
            kind
            name
          }
        }
        imports {
          to {
            key
            kind
            name
          }
          names
          typeOnly
          dynamic
          reExport
          firstLine
        }
        importedBy {
          from {
            key
            path
          }
          names
          typeOnly
          dynamic
          reExport
          firstLine
        }
        externalDependencies {
          key
          name
          builtin
        }
        diagnostics {
          code
          message
          severity
          line
          column
        }
      }
    }
  }
`);

/** A file's page: its symbols, what it imports and what imports it, its diagnostics. */
export function FilePage({ path }: { path: string }) {
  // Any change in the file, or to an import edge with an end in it, touches this page.
  const touchedBy = useCallback(
    (event: RevisionEvent) => revisionTouches(event, { files: new Set([path]) }),
    [path],
  );
  const [{ data, error, fetching }] = useLiveQuery({ query: FilePageQuery, variables: { path }, touchedBy });

  if (error && !data) return <ErrorMessage error={error} title={`Could not load ${path}`} />;
  if (!data) return fetching ? <Loading what={path} /> : null;
  const file = data.codeNode?.__typename === 'File' ? data.codeNode : undefined;
  if (!file)
    return (
      <Panel title="Not in the graph">
        <Empty>
          There is no analyzed file <code>{path}</code> — it may have been deleted, or be outside the project.
        </Empty>
      </Panel>
    );

  return (
    <div className="page" data-testid="file-page">
      <header className="page-title">
        <KindBadge kind="FILE" />
        <h1>{file.path}</h1>
        <span className="tag">{file.language}</span>
        {file.isTest ? <span className="tag">test</span> : null}
        {file.isDeclaration ? <span className="tag">.d.ts</span> : null}
        {file.entryPoint ? (
          <span className="tag" title="An entry point of its package: what it exports is public API">
            entry point
          </span>
        ) : null}
        <span className="muted">{file.lines} lines</span>
      </header>
      {error ? <ErrorMessage error={error} title="Could not refresh this page" /> : null}
      <p>
        <a href={hrefOf({ page: 'graph', focus: file.key })}>Show it in the graph →</a>
      </p>
      <div className="page-grid">
        <Panel title={`Symbols (${file.symbols.length})`} className="span-2" testId="file-symbols">
          {file.symbols.length === 0 ? (
            <Empty>No top-level declarations.</Empty>
          ) : (
            <ul className="symbol-list">
              {[...file.symbols]
                .sort((a, b) => a.range.startLine - b.range.startLine)
                .map((symbol) => (
                  <li key={symbol.key} className="symbol-row">
                    <div className="symbol-row-head">
                      <NodeLink nodeKey={symbol.key} kind={symbol.kind} label={symbol.name} />
                      {symbol.exported ? <span className="tag">exported</span> : null}
                      <span className="muted">line {symbol.range.startLine}</span>
                    </div>
                    <code className="signature-line">{symbol.signature}</code>
                    {symbol.members.length > 0 ? (
                      <div className="members">
                        {symbol.members.map((m) => (
                          <NodeLink
                            key={m.key}
                            nodeKey={m.key}
                            kind={m.kind}
                            label={m.name}
                            showKind={false}
                          />
                        ))}
                      </div>
                    ) : null}
                  </li>
                ))}
            </ul>
          )}
        </Panel>
        <Panel title={`Imports (${file.imports.length})`}>
          {file.imports.length === 0 ? (
            <Empty>It imports nothing.</Empty>
          ) : (
            <ul className="plain-list">
              {file.imports.map((i) => (
                <li key={i.to.key}>
                  <NodeLink
                    nodeKey={i.to.key}
                    kind={i.to.kind}
                    label={i.to.kind === 'FILE' ? i.to.key : i.to.name}
                  />{' '}
                  <Names names={i.names} typeOnly={i.typeOnly} />
                  {i.dynamic ? <span className="tag">dynamic</span> : null}
                  {i.reExport ? <span className="tag">re-export</span> : null}
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title={`Imported by (${file.importedBy.length})`}>
          {file.importedBy.length === 0 ? (
            <Empty>No file imports it.</Empty>
          ) : (
            <ul className="plain-list">
              {file.importedBy.map((i) => (
                <li key={i.from.key}>
                  <FileLink path={i.from.path} line={i.firstLine} />{' '}
                  <Names names={i.names} typeOnly={i.typeOnly} />
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title={`External dependencies (${file.externalDependencies.length})`}>
          {file.externalDependencies.length === 0 ? (
            <Empty>None.</Empty>
          ) : (
            <ul className="plain-list">
              {file.externalDependencies.map((m) => (
                <li key={m.key}>
                  <NodeLink nodeKey={m.key} kind="EXTERNAL_MODULE" label={m.name} />
                  {m.builtin ? <span className="tag">builtin</span> : null}
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title={`Diagnostics (${file.diagnosticCount})`}>
          {file.diagnostics.length === 0 ? (
            <Empty>None.</Empty>
          ) : (
            <table className="diagnostics">
              <tbody>
                {file.diagnostics.map((d) => (
                  <tr key={`${d.line}:${d.column}:${d.code}`}>
                    <td className={`severity severity-${d.severity}`}>{d.severity}</td>
                    <td>
                      <FileLink path={file.path} line={d.line} />
                    </td>
                    <td>
                      <code>{d.code}</code>
                    </td>
                    <td>{d.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {file.unresolvedCalls > 0 ? (
            <p className="muted">
              {file.unresolvedCalls} call sites in top-level code could not be resolved.
            </p>
          ) : null}
        </Panel>
        <ImpactPanel nodeKey={file.key} />
      </div>
    </div>
  );
}
