import { graphql } from '../gql/index.ts';
import { FileLink, NodeLink } from './Links.tsx';

/** The fields of a {@link SymbolRow}, for the queries whose results this list shows. */
export const SymbolRowFields = graphql(`
  fragment SymbolRowFields on CodeSymbol {
    key
    kind
    qualifiedName
    signature
    file {
      path
    }
    range {
      startLine
    }
  }
`);

/** A page of symbols with its total and where the next page starts, for the paged lists. */
export const SymbolPageFields = graphql(`
  fragment SymbolPageFields on CodeSymbolConnection {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...SymbolRowFields
      }
    }
  }
`);

export interface SymbolRow {
  readonly key: string;
  readonly kind: string;
  readonly qualifiedName: string;
  readonly signature?: string;
  readonly exported?: boolean;
  readonly file: { readonly path: string };
  readonly range: { readonly startLine: number };
}

/** Symbols as result rows: name (linked), kind, location, signature. */
export function SymbolList({ rows, testId }: { rows: readonly SymbolRow[]; testId?: string }) {
  return (
    <ul className="symbol-list" data-testid={testId}>
      {rows.map((row) => (
        <li key={row.key} className="symbol-row">
          <div className="symbol-row-head">
            <NodeLink nodeKey={row.key} kind={row.kind} label={row.qualifiedName} />
            {row.exported ? <span className="tag">exported</span> : null}
            <FileLink path={row.file.path} line={row.range.startLine} />
          </div>
          {row.signature ? <code className="signature-line">{row.signature}</code> : null}
        </li>
      ))}
    </ul>
  );
}
