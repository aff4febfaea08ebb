import { CALL_EDGES, fileProps, type GraphNode } from '../server/model/index.ts';
import { contentsOf, getFile, listFiles } from '../server/queries/index.ts';
import { quote } from '../server/util/quote.ts';
import { checkPathArg } from './args.ts';
import { builder } from './builder.ts';
import { loaderOf } from './code-node.ts';
import { userError } from './errors.ts';
import { listComplexity } from './list-sizes.ts';
import { edgesVia, nodesVia } from './neighbours.ts';
import { connectionOf, countedConnection, pageArgs, pageSizeOf } from './pagination.ts';
import { CallSiteRef, CodeNodeRef, CodeSymbolRef, ExternalModuleRef, FileRef, ImportRef } from './refs.ts';

const DiagnosticRef = builder.simpleObject('Diagnostic', {
  description: 'A finding about an analyzed file: a syntax error, an unreadable file, an unresolved import.',
  fields: (t) => ({
    line: t.int(),
    column: t.int(),
    message: t.string(),
    code: t.string({
      description:
        '`TS1005` for TypeScript errors, else codenav’s own (`BINARY_FILE`, `UNRESOLVED_IMPORT`, …).',
    }),
    severity: t.string({ description: '`error` or `warning`.' }),
  }),
});

builder.node(FileRef, {
  description: 'A source file of the analyzed project.',
  interfaces: [CodeNodeRef],
  isTypeOf: (value) => (value as GraphNode).kind === 'FILE',
  id: { resolve: (n) => n.key },
  loadMany: loaderOf('FILE'),
  fields: (t) => ({
    path: t.string({ description: 'Root-relative, posix.', resolve: (n) => n.key }),
    language: t.string({
      description: '`typescript`, `tsx`, `javascript` or `jsx`.',
      resolve: (n) => fileProps(n).language ?? 'typescript',
    }),
    lines: t.int({ resolve: (n) => fileProps(n).lines ?? 0 }),
    hash: t.string({ description: 'A hash of the content.', resolve: (n) => fileProps(n).hash ?? '' }),
    isTest: t.boolean({ resolve: (n) => fileProps(n).isTest === true }),
    isDeclaration: t.boolean({
      description: 'A `.d.ts` file.',
      resolve: (n) => fileProps(n).isDeclaration === true,
    }),
    entryPoint: t.boolean({
      description:
        "An entry point of a package of the project (its package.json's `main`, `exports`, `bin`, …, mapped from build output to sources): what it exports, directly or through re-exports, is public API.",
      resolve: (n) => fileProps(n).entryPoint === true,
    }),
    diagnosticCount: t.int({ resolve: (n) => fileProps(n).diagnosticCount ?? 0 }),
    diagnostics: t.field({
      type: [DiagnosticRef],
      description: 'Syntax errors and analysis findings (at most 50; `diagnosticCount` has the total).',
      complexity: { field: 1, multiplier: 50 },
      resolve: (n) => [...(fileProps(n).diagnostics ?? [])],
    }),
    unresolvedCalls: t.int({
      description: 'Unresolved call sites in top-level code.',
      resolve: (n) => fileProps(n).unresolvedCalls ?? 0,
    }),
    symbols: t.field({
      type: [CodeSymbolRef],
      description: 'Its top-level symbols, in source order (members are under `members`).',
      complexity: listComplexity(['CONTAINS'], 'OUT', 'FILE'),
      resolve: (n, _, ctx) => contentsOf(ctx.loaders.batched, n.key),
    }),
    imports: t.field({
      type: [ImportRef],
      description: 'Files and external modules it imports.',
      ...edgesVia(['IMPORTS'], 'OUT', 'FILE'),
    }),
    importedBy: t.field({
      type: [ImportRef],
      description: 'Files that import it.',
      ...edgesVia(['IMPORTS'], 'IN', 'FILE'),
    }),
    externalDependencies: t.field({
      type: [ExternalModuleRef],
      description: 'External modules (npm packages, Node builtins) it imports.',
      ...nodesVia(['IMPORTS'], 'OUT', 'FILE', (m) => m.kind === 'EXTERNAL_MODULE'),
    }),
    calls: t.field({
      type: [CallSiteRef],
      description: 'Calls made by its top-level code.',
      ...edgesVia(CALL_EDGES, 'OUT', 'FILE'),
    }),
  }),
});

const FileConnection = countedConnection(FileRef, 'File');

builder.queryFields((t) => ({
  file: t.field({
    type: FileRef,
    nullable: true,
    description: 'A file by its root-relative path.',
    args: { path: t.arg.string({ required: true }) },
    resolve: async (_, args, ctx) => {
      const path = checkPathArg(ctx, args.path, 'path');
      const node = path === undefined ? undefined : await getFile(ctx.loaders.batched, path);
      if (!node) throw userError('NOT_FOUND', `no analyzed file at ${quote(path ?? '')}`);
      return node;
    },
  }),

  files: t.connection(
    {
      type: FileRef,
      description: 'Files, in path order.',
      args: { pathPrefix: t.arg.string() },
      complexity: (args) => ({ field: 1, multiplier: pageSizeOf(args) }),
      resolve: async (_, args, ctx) =>
        connectionOf(
          await listFiles(
            ctx.loaders.batched,
            checkPathArg(ctx, args.pathPrefix, 'pathPrefix'),
            pageArgs(args),
          ),
        ),
    },
    FileConnection,
  ),
}));
