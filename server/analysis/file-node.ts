import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { FileProps, GraphNode } from '../model/index.ts';
import { isTestFile } from './test-file.ts';

/** A finding about an analyzed file: a syntax error, an unreadable file, an unresolved import. */
export interface FileDiagnostic {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** `TS1005` for TypeScript's, else codenav's own (`BINARY_FILE`, `UNRESOLVED_IMPORT`, …). */
  readonly code: string;
  readonly severity: 'error' | 'warning';
}

/** At most this many diagnostics are kept per file; the count says how many there were. */
const MAX_DIAGNOSTICS = 50;

/**
 * The FILE node: name, path, language, lines, content hash, isTest, isDeclaration,
 * diagnosticCount and the diagnostics themselves (at most 50).
 */
export function fileNode(
  filePath: string,
  sourceFile: ts.SourceFile,
  diagnostics: readonly FileDiagnostic[],
): GraphNode {
  const text = sourceFile.text;
  const props: FileProps = {
    name: path.posix.basename(filePath),
    path: filePath,
    language: languageOf(filePath),
    lines: text.length === 0 ? 0 : sourceFile.getLineStarts().length,
    hash: createHash('sha256').update(text).digest('hex').slice(0, 16),
    isTest: isTestFile(filePath),
    isDeclaration: sourceFile.isDeclarationFile,
    diagnosticCount: diagnostics.length,
    diagnostics: diagnostics.slice(0, MAX_DIAGNOSTICS).map((d) => ({ ...d })),
  };
  return { key: filePath, kind: 'FILE', props };
}

/** TypeScript's syntax errors of a file, as diagnostics. */
export function syntaxDiagnostics(program: ts.Program, sourceFile: ts.SourceFile): FileDiagnostic[] {
  return program.getSyntacticDiagnostics(sourceFile).map((d) => {
    const position = sourceFile.getLineAndCharacterOfPosition(d.start ?? 0);
    return {
      line: position.line + 1,
      column: position.character + 1,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
      code: `TS${d.code}`,
      severity: 'error',
    };
  });
}

function languageOf(filePath: string): string {
  if (/\.tsx$/.test(filePath)) return 'tsx';
  if (/\.[cm]?ts$/.test(filePath)) return 'typescript';
  if (/\.jsx$/.test(filePath)) return 'jsx';
  return 'javascript';
}
