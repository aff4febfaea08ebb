import * as fs from 'node:fs';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Analyzer } from '../../server/analysis/index.ts';
import { createRootedFileSystem } from '../../server/analysis/rooted-file-system.ts';
import type { GraphNode } from '../../server/model/index.ts';
import { removeCopies, tempDir } from '../helpers/fixtures.ts';
import { changeLines, edgesFrom, nodeByKey } from '../helpers/graph.ts';

afterAll(removeCopies);

function project(files: Record<string, string | Buffer>): string {
  const root = tempDir('codenav-untrusted-');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

/** `text` in UTF-16, little- or big-endian, with its byte-order mark, as Windows tools write it. */
function utf16(text: string, order: 'le' | 'be'): Buffer {
  const bytes = Buffer.from(`\ufeff${text}`, 'utf16le');
  return order === 'le' ? bytes : bytes.swap16();
}

const diagnosticCodes = (node: GraphNode) =>
  (node.props.diagnostics as { code: string }[]).map((d) => d.code);

describe('untrusted code', () => {
  it('analyzes a binary file as empty, with a diagnostic, and goes on', () => {
    const root = project({
      'src/image.ts': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a, 0xff]),
      'src/ok.ts': 'export const ok = 1;\n',
    });
    const analyzer = new Analyzer({ root });
    analyzer.analyze();
    const { nodes } = analyzer.graph();
    expect(diagnosticCodes(nodeByKey(nodes, 'src/image.ts'))).toEqual(['BINARY_FILE']);
    expect(nodes.filter((n) => n.key.startsWith('src/image.ts#'))).toEqual([]);
    expect(nodeByKey(nodes, 'src/ok.ts#ok').kind).toBe('VARIABLE');
  });

  it('analyzes a file over the size limit as empty, with a diagnostic', () => {
    const big = `export const big = [${'1, '.repeat(40_000)}];\nexport function f() {}\n`;
    const root = project({ 'src/big.ts': big, 'src/ok.ts': 'export const ok = 1;\n' });
    const analyzer = new Analyzer({ root, maxFileBytes: 64 * 1024 });
    analyzer.analyze();
    const { nodes } = analyzer.graph();
    expect(diagnosticCodes(nodeByKey(nodes, 'src/big.ts'))).toEqual(['FILE_TOO_LARGE']);
    expect(nodes.filter((n) => n.key.startsWith('src/big.ts#'))).toEqual([]);
  });

  it('decodes invalid UTF-8 leniently and says so', () => {
    const bytes = Buffer.concat([
      Buffer.from('export const s = "'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('";\nexport function after() { return s; }\n'),
    ]);
    const root = project({ 'src/latin.ts': bytes });
    const analyzer = new Analyzer({ root });
    analyzer.analyze();
    const { nodes, edges } = analyzer.graph();
    expect(diagnosticCodes(nodeByKey(nodes, 'src/latin.ts'))).toEqual(['INVALID_UTF8']);
    expect(
      edges.some(
        (e) => e.type === 'REFERENCES' && e.from === 'src/latin.ts#after' && e.to === 'src/latin.ts#s',
      ),
    ).toBe(true);
  });

  it('reads UTF-16 files with a byte-order mark (LE and BE) as TypeScript does, and analyzes them like any file', () => {
    const le =
      'import { shout } from "./be";\n\n/** Says hello. */\nexport function greet(name: string): string {\n  return shout("héllo " + name + " 👋");\n}\n';
    const be = 'export function shout(text: string): string {\n  return text.toUpperCase();\n}\n';
    const root = project({
      'src/le.ts': utf16(le, 'le'),
      'src/be.ts': utf16(be, 'be'),
      'src/main.ts': 'import { greet } from "./le";\nexport const main = () => greet("you");\n',
    });
    const analyzer = new Analyzer({ root });
    analyzer.analyze();
    const { nodes, edges } = analyzer.graph();
    const fileSymbols = (file: string) =>
      nodes
        .filter((n) => n.key.startsWith(`${file}#`))
        .map((n) => `${n.kind} ${n.key}`)
        .sort();
    expect(fileSymbols('src/le.ts')).toEqual(['FUNCTION src/le.ts#greet']);
    expect(fileSymbols('src/be.ts')).toEqual(['FUNCTION src/be.ts#shout']);
    for (const file of ['src/le.ts', 'src/be.ts'])
      expect(diagnosticCodes(nodeByKey(nodes, file))).toEqual([]);
    // Positions, signature and JSDoc come from the decoded text (the mark is no character of it).
    const greet = nodeByKey(nodes, 'src/le.ts#greet').props;
    expect([greet.startLine, greet.startColumn, greet.endLine]).toEqual([4, 1, 6]);
    expect(greet.signature).toBe('export function greet(name: string): string');
    expect(greet.docs).toBe('Says hello.');
    expect(nodeByKey(nodes, 'src/be.ts#shout').props.startLine).toBe(1);
    // Imports and calls between them are resolved like any file's.
    expect(edgesFrom(edges, 'src/le.ts#greet', 'CALLS')).toEqual([
      'CALLS src/le.ts#greet -> src/be.ts#shout',
    ]);
    expect(edgesFrom(edges, 'src/main.ts', 'IMPORTS')).toEqual(['IMPORTS src/main.ts -> src/le.ts']);
    expect(edgesFrom(edges, 'src/le.ts', 'IMPORTS')).toEqual(['IMPORTS src/le.ts -> src/be.ts']);
  });

  it('still takes a binary file that begins with a UTF-16 byte-order mark for binary, and says when UTF-16 is invalid', () => {
    const root = project({
      // FF FE, then bytes that decode to NUL characters: no text.
      'src/blob.ts': Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x00, 0x00, 0x89, 0x50, 0x4e, 0x47]),
      // A lone surrogate (D800) in the middle of UTF-16 LE text.
      'src/broken.ts': Buffer.concat([
        utf16('export const before = "', 'le'),
        Buffer.from([0x00, 0xd8]),
        utf16('";\nexport function after() { return before; }\n', 'le').subarray(2),
      ]),
    });
    const analyzer = new Analyzer({ root });
    analyzer.analyze();
    const { nodes, edges } = analyzer.graph();
    expect(diagnosticCodes(nodeByKey(nodes, 'src/blob.ts'))).toEqual(['BINARY_FILE']);
    expect(nodes.filter((n) => n.key.startsWith('src/blob.ts#'))).toEqual([]);
    expect(diagnosticCodes(nodeByKey(nodes, 'src/broken.ts'))).toEqual(['INVALID_UTF16']);
    expect(edgesFrom(edges, 'src/broken.ts#after', 'REFERENCES')).toEqual([
      'REFERENCES src/broken.ts#after -> src/broken.ts#before',
    ]);
  });

  it('survives symlink loops and never reads through a symlink that leaves the root', () => {
    const outside = tempDir('codenav-outside-');
    writeFileSync(path.join(outside, 'secret.ts'), 'export function secret() { return "s3cr3t"; }\n');
    const root = project({
      'tsconfig.json': JSON.stringify({ include: ['src'] }),
      'src/a.ts': "import { secret } from './leak/secret';\nexport const a = () => secret();\n",
    });
    symlinkSync('.', path.join(root, 'src/loop'));
    symlinkSync(outside, path.join(root, 'src/leak'));
    symlinkSync(path.join(outside, 'secret.ts'), path.join(root, 'src/direct.ts'));
    const analyzer = new Analyzer({ root });
    analyzer.analyze();
    const { nodes } = analyzer.graph();
    expect(analyzer.files()).toEqual(['src/a.ts']);
    expect(nodes.some((n) => n.key.includes('secret'))).toBe(false);
    expect(diagnosticCodes(nodeByKey(nodes, 'src/a.ts'))).toEqual(['UNRESOLVED_IMPORT']);
  });

  it('records a file that vanishes between being listed and being read', () => {
    const root = project({
      'src/gone.ts': 'export const gone = 1;\n',
      'src/stays.ts': 'export const stays = 1;\n',
    });
    const real = createRootedFileSystem(root);
    const gone = path.join(real.root, 'src/gone.ts');
    // The race made deterministic: the file is deleted right after the analyzer listed it.
    const racing = {
      ...real,
      readDirSync(dir: string) {
        const entries = real.readDirSync(dir);
        if (entries.some((e) => e.name === gone)) rmSync(gone);
        return entries;
      },
    };
    const analyzer = new Analyzer({ root, fileSystem: racing });
    const summary = analyzer.analyze();
    const { nodes } = analyzer.graph();
    expect(summary.files).toBe(2);
    expect(diagnosticCodes(nodeByKey(nodes, 'src/gone.ts'))).toEqual(['VANISHED']);
    expect(nodeByKey(nodes, 'src/stays.ts#stays').kind).toBe('VARIABLE');
  });

  it('passes on a stack overflow while resolving a real path, instead of taking the path as it is', () => {
    const root = project({ 'src/a.ts': 'export const a = 1;\n' });
    const host = createRootedFileSystem(root);
    const file = path.join(host.root, 'src/a.ts');
    const realpath = fs.realpathSync.native;
    let calls = 0;
    // TypeScript recursed deep before it asked: the second look at the path overflows.
    const spy = vi.spyOn(fs.realpathSync, 'native').mockImplementation(((p: string) => {
      if (p === file && ++calls === 2) throw new RangeError('Maximum call stack size exceeded');
      return realpath(p);
    }) as typeof fs.realpathSync.native);
    try {
      expect(() => host.realpathSync(file)).toThrow(/call stack/);
      expect(host.realpathSync(file)).toBe(file);
    } finally {
      spy.mockRestore();
    }
  });

  it('turns syntax errors into diagnostics and keeps what it can parse', () => {
    const root = project({
      'src/bad.ts': 'export function ok() {}\nexport function bad( {\n  return ok(;\n}\n',
    });
    const analyzer = new Analyzer({ root });
    analyzer.analyze();
    const { nodes } = analyzer.graph();
    expect(diagnosticCodes(nodeByKey(nodes, 'src/bad.ts')).every((c) => c.startsWith('TS'))).toBe(true);
    expect(nodeByKey(nodes, 'src/bad.ts#ok').kind).toBe('FUNCTION');
  });

  describe('deeply nested code', () => {
    /** `"a" + "a" + …`: nested 20,000 deep on the left, like generated code. */
    const concat = (terms: number) => `export const long = ${Array(terms).fill('"a"').join(' + ')};\n`;
    /** `((((…1…))))`: deeper than TypeScript's own recursive parser can go. */
    const parens = (depth: number) => `export const p = ${'('.repeat(depth)}1${')'.repeat(depth)};\n`;
    const others = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, include: ['src'] }),
      'src/util.ts': 'export function twice(n: number) { return n * 2; }\n',
      'src/main.ts': "import { twice } from './util';\nexport const four = () => twice(2);\n",
    };
    /** The graph of the files in `others`, without the deep one. */
    const graphOfOthers = (graph: ReturnType<Analyzer['graph']>) => ({
      nodes: graph.nodes.filter((n) => !n.key.startsWith('src/deep')),
      edges: graph.edges.filter((e) => !e.from.startsWith('src/deep') && !e.to.startsWith('src/deep')),
    });
    const clean = () => {
      const analyzer = new Analyzer({ root: project(others) });
      analyzer.analyze();
      return analyzer.graph();
    };

    it('analyzes an expression of 20,000 terms in full: the walks keep their own stack', () => {
      const analyzer = new Analyzer({ root: project({ ...others, 'src/deep.ts': concat(20_000) }) });
      analyzer.analyze();
      const graph = analyzer.graph();
      expect(diagnosticCodes(nodeByKey(graph.nodes, 'src/deep.ts'))).toEqual([]);
      expect(nodeByKey(graph.nodes, 'src/deep.ts#long')).toMatchObject({
        kind: 'VARIABLE',
        props: { endLine: 1, exported: true },
      });
      expect(graphOfOthers(graph)).toEqual(clean());
    });

    it('analyzes a file TypeScript cannot parse as empty, with a diagnostic, and every other file as if it were not there', () => {
      const analyzer = new Analyzer({ root: project({ ...others, 'src/deep.ts': parens(20_000) }) });
      const summary = analyzer.analyze();
      const graph = analyzer.graph();
      expect(summary.files).toBe(3);
      const deep = nodeByKey(graph.nodes, 'src/deep.ts');
      expect(deep.props.diagnostics).toEqual([
        {
          line: 1,
          column: 1,
          code: 'ANALYSIS_FAILED',
          severity: 'error',
          message:
            "TypeScript cannot parse this file: its code nests too deeply for the compiler's stack; analyzed as empty",
        },
      ]);
      expect(graph.nodes.filter((n) => n.key.startsWith('src/deep.ts#'))).toEqual([]);
      expect(graphOfOthers(graph)).toEqual(clean());
    });

    it('applies a legitimate edit saved with a too deep file in one update, and tries the deep file again once it changes', () => {
      const root = project(others);
      const analyzer = new Analyzer({ root });
      analyzer.analyze();
      writeFileSync(path.join(root, 'src/deep.ts'), parens(20_000));
      writeFileSync(path.join(root, 'src/util.ts'), 'export function twice(n: number) { return n + n; }\n');
      const changeSet = analyzer.update(['src/deep.ts', 'src/util.ts']);
      expect(changeLines(changeSet.changes)).toEqual(
        expect.arrayContaining([
          'NODE_ADDED src/deep.ts',
          'NODE_UPDATED src/util.ts',
          'NODE_UPDATED src/util.ts#twice',
        ]),
      );
      const deep = nodeByKey(analyzer.graph().nodes, 'src/deep.ts');
      expect(diagnosticCodes(deep)).toEqual(['ANALYSIS_FAILED']);

      // Fixed: analyzed again, in full.
      writeFileSync(
        path.join(root, 'src/deep.ts'),
        "import { twice } from './util';\nexport const p = twice(1);\n",
      );
      analyzer.update(['src/deep.ts']);
      const graph = analyzer.graph();
      expect(diagnosticCodes(nodeByKey(graph.nodes, 'src/deep.ts'))).toEqual([]);
      expect(edgesFrom(graph.edges, 'src/deep.ts#p', 'CALLS')).toEqual([
        'CALLS src/deep.ts#p -> src/util.ts#twice',
      ]);
    });
  });
});
