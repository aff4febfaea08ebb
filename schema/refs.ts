/**
 * The references of the schema's object and interface types over graph records, declared once
 * so that the file of each type can point at the others without import cycles. Each is
 * implemented in the file named after it (`CodeSymbolRef` in `code-symbol.ts`).
 */
import type { GraphEdge, GraphNode } from '../server/model/index.ts';
import { builder } from './builder.ts';

export const CodeNodeRef = builder.interfaceRef<GraphNode>('CodeNode');
export const CodeSymbolRef = builder.interfaceRef<GraphNode>('CodeSymbol');
export const FileRef = builder.objectRef<GraphNode>('File');
export const ExternalModuleRef = builder.objectRef<GraphNode>('ExternalModule');
/** Any edge, with its properties. */
export const RelationRef = builder.objectRef<GraphEdge>('Relation');
/** A `CALLS` or `INSTANTIATES` edge. */
export const CallSiteRef = builder.objectRef<GraphEdge>('CallSite');
/** An `IMPORTS` edge. */
export const ImportRef = builder.objectRef<GraphEdge>('Import');
