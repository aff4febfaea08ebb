import { externalModuleProps, type GraphNode } from '../server/model/index.ts';
import { builder } from './builder.ts';
import { loaderOf } from './code-node.ts';
import { edgesVia } from './neighbours.ts';
import { CodeNodeRef, ExternalModuleRef, ImportRef } from './refs.ts';

builder.node(ExternalModuleRef, {
  description: 'A package or Node builtin the project imports (`npm:react`, `node:fs`).',
  interfaces: [CodeNodeRef],
  isTypeOf: (value) => (value as GraphNode).kind === 'EXTERNAL_MODULE',
  id: { resolve: (n) => n.key },
  loadMany: loaderOf('EXTERNAL_MODULE'),
  fields: (t) => ({
    builtin: t.boolean({
      description: 'A Node builtin module.',
      resolve: (n) => externalModuleProps(n).builtin === true,
    }),
    importedBy: t.field({
      type: [ImportRef],
      ...edgesVia(['IMPORTS'], 'IN', 'EXTERNAL_MODULE'),
    }),
  }),
});
