import { afterAll, describe, expect, it } from 'vitest';
import type { SemanticChange } from '../../server/semantic/index.ts';
import { removeCopies } from '../helpers/fixtures.ts';
import { semanticProject } from '../helpers/semantic.ts';

afterAll(removeCopies);

const BYE = "export function bye(name: string): string {\n  return 'bye ' + name;\n}\n";
const BOX =
  'export class Box {\n  open(): number {\n    return 1;\n  }\n  close(): number {\n    return 2;\n  }\n}\n';

/** A library used from two files: `one` calls greet and bye, `two` calls greet and Box.open. */
const LIB: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler' },
    include: ['src'],
  }),
  'src/lib.ts': `export function greet(name: string): string {
  return 'hi ' + name;
}

${BYE}
${BOX}`,
  'src/use1.ts': `import { greet, bye } from './lib';
export function one(): string {
  return greet('a') + bye('b');
}
`,
  'src/use2.ts': `import { greet, Box } from './lib';
export function two(): number {
  greet('x');
  return new Box().open();
}
`,
};

const lines = (changes: readonly SemanticChange[]) => changes.map((c) => `${c.kind} ${c.key}`);

describe('semantic changes of edits a user makes', () => {
  it('reports an optional parameter added as SIGNATURE_CHANGED that breaks no caller', async () => {
    const p = await semanticProject(LIB);
    p.edit('src/lib.ts', 'greet(name: string)', 'greet(name: string, loud?: boolean)');
    expect(await p.update('src/lib.ts')).toEqual([
      {
        kind: 'SIGNATURE_CHANGED',
        key: 'src/lib.ts#greet',
        before: 'export function greet(name: string): string',
        after: 'export function greet(name: string, loud?: boolean): string',
        breaking: false,
        affected: ['src/use1.ts#one', 'src/use2.ts#two'],
        message:
          'Changed the signature of function greet in src/lib.ts from `export function greet(name: string): string` to `export function greet(name: string, loud?: boolean): string`; 2 dependents, every call still fits.',
      },
    ]);
  });

  describe('a trailing optional parameter added, then removed again', () => {
    const ADD = ['greet(name: string)', 'greet(name: string, loud?: boolean)'] as const;
    const resigned = (breaking: boolean, message: string) => [
      {
        kind: 'SIGNATURE_CHANGED',
        key: 'src/lib.ts#greet',
        before: 'export function greet(name: string, loud?: boolean): string',
        after: 'export function greet(name: string): string',
        breaking,
        affected: ['src/use1.ts#one', 'src/use2.ts#two'],
        message: `Changed the signature of function greet in src/lib.ts from \`export function greet(name: string, loud?: boolean): string\` to \`export function greet(name: string): string\`; 2 dependents, ${message}.`,
      },
    ];

    it('breaks nothing when removed while no caller passes it', async () => {
      const p = await semanticProject(LIB);
      p.edit('src/lib.ts', ...ADD);
      expect(await p.update('src/lib.ts')).toMatchObject([{ kind: 'SIGNATURE_CHANGED', breaking: false }]);
      p.edit('src/lib.ts', ADD[1], ADD[0]);
      expect(await p.update('src/lib.ts')).toEqual(resigned(false, 'every call still fits'));
    });

    it('breaks the caller that passes it when removed, naming every dependent', async () => {
      const p = await semanticProject(LIB);
      p.edit('src/lib.ts', ...ADD);
      p.edit('src/use1.ts', "greet('a')", "greet('a', true)");
      expect(await p.update('src/lib.ts', 'src/use1.ts')).toMatchObject([
        { kind: 'SIGNATURE_CHANGED', breaking: false },
      ]);
      p.edit('src/lib.ts', ADD[1], ADD[0]);
      expect(await p.update('src/lib.ts')).toEqual(
        resigned(true, '1 of them may no longer fit (listed first)'),
      );
    });

    it('breaks no barrel that re-exports it, nor a caller reaching it through the barrel that does not pass it', async () => {
      const p = await semanticProject({
        ...LIB,
        'src/index.ts': "export { greet } from './lib';\n",
        'src/use1.ts': LIB['src/use1.ts']!.replace(
          "import { greet, bye } from './lib';",
          "import { bye } from './lib';\nimport { greet } from './index';",
        ),
      });
      p.edit('src/lib.ts', ...ADD);
      await p.update('src/lib.ts');
      p.edit('src/lib.ts', ADD[1], ADD[0]);
      expect(await p.update('src/lib.ts')).toMatchObject([
        {
          kind: 'SIGNATURE_CHANGED',
          breaking: false,
          affected: ['src/index.ts', 'src/use1.ts#one', 'src/use2.ts#two'],
        },
      ]);
    });

    it('breaks a caller whose spread hides how many arguments it passes, and no code that passes the function on', async () => {
      const p = await semanticProject(LIB);
      p.edit('src/lib.ts', ...ADD);
      p.edit('src/use1.ts', "greet('a')", "greet(...(['a'] as const))");
      p.edit(
        'src/use2.ts',
        "greet('x');",
        "const hello: (name: string, loud?: boolean) => string = greet;\n  hello('x');",
      );
      await p.update('src/lib.ts', 'src/use1.ts', 'src/use2.ts');
      p.edit('src/lib.ts', ADD[1], ADD[0]);
      expect(await p.update('src/lib.ts')).toEqual(
        resigned(true, '1 of them may no longer fit (listed first)'),
      );
      // Without the spread, nothing breaks: use2 only passes greet on (a function taking fewer
      // parameters fits where more are expected).
      p.edit('src/use1.ts', "greet(...(['a'] as const))", "greet('a')");
      await p.update('src/use1.ts');
      p.edit('src/lib.ts', ...ADD);
      await p.update('src/lib.ts');
      p.edit('src/lib.ts', ADD[1], ADD[0]);
      expect(await p.update('src/lib.ts')).toEqual(resigned(false, 'every call still fits'));
    });
  });

  it('reports a required parameter added as breaking, and a changed default value as not', async () => {
    const p = await semanticProject(LIB);
    p.edit('src/lib.ts', 'greet(name: string)', 'greet(name: string, times: number)');
    expect(await p.update('src/lib.ts')).toMatchObject([{ kind: 'SIGNATURE_CHANGED', breaking: true }]);
    p.edit('src/lib.ts', 'times: number', 'times: number = 1');
    expect(await p.update('src/lib.ts')).toMatchObject([{ kind: 'SIGNATURE_CHANGED', breaking: false }]);
    p.edit('src/lib.ts', 'times: number = 1', 'times: number = 2');
    expect(await p.update('src/lib.ts')).toMatchObject([
      {
        kind: 'SIGNATURE_CHANGED',
        after: 'export function greet(name: string, times: number = 2): string',
        breaking: false,
        affected: ['src/use1.ts#one', 'src/use2.ts#two'],
      },
    ]);
  });

  it('reports a changed return or parameter type as breaking', async () => {
    const p = await semanticProject(LIB);
    p.edit('src/lib.ts', 'greet(name: string): string', 'greet(name: string): number');
    expect(await p.update('src/lib.ts')).toMatchObject([{ kind: 'SIGNATURE_CHANGED', breaking: true }]);
    p.edit('src/lib.ts', 'greet(name: string)', 'greet(name: string[])');
    expect(await p.update('src/lib.ts')).toMatchObject([{ kind: 'SIGNATURE_CHANGED', breaking: true }]);
  });

  it('reports a rename with a new required parameter as breaking for the callers that followed the name too', async () => {
    const p = await semanticProject(LIB);
    p.edit('src/lib.ts', 'function greet(name: string)', 'function hello(name: string, loud: boolean)');
    p.edit('src/use1.ts', 'import { greet, bye }', 'import { hello, bye }');
    p.edit('src/use1.ts', "greet('a')", "hello('a', true)");
    const changes = await p.update('src/lib.ts', 'src/use1.ts');
    expect(lines(changes)).toEqual(['SYMBOL_RENAMED src/lib.ts#hello', 'SIGNATURE_CHANGED src/lib.ts#hello']);
    expect(changes[0]).toMatchObject({ breaking: true, affected: ['src/use2.ts#two'] });
    expect(changes[1]).toMatchObject({
      before: 'export function greet(name: string): string',
      after: 'export function hello(name: string, loud: boolean): string',
      breaking: true,
      affected: ['src/use1.ts#one', 'src/use2.ts#two'],
    });
  });

  it('reports a removed function whose only caller stopped calling it in the same revision as not breaking', async () => {
    const p = await semanticProject(LIB);
    p.edit('src/lib.ts', BYE, '');
    p.write(
      'src/use1.ts',
      "import { greet } from './lib';\nexport function one(): string {\n  return greet('a');\n}\n",
    );
    expect(await p.update('src/lib.ts', 'src/use1.ts')).toEqual([
      {
        kind: 'SYMBOL_REMOVED',
        key: 'src/lib.ts#bye',
        before: 'export function bye(name: string): string',
        breaking: false,
        affected: [],
        message: 'Removed function bye from src/lib.ts.',
      },
    ]);
  });

  it('keeps a removed function breaking for a caller edited in the same revision that still calls it', async () => {
    const p = await semanticProject(LIB);
    p.edit('src/lib.ts', BYE, '');
    p.edit(
      'src/use1.ts',
      "return greet('a') + bye('b');",
      "const text = greet('a') + bye('b');\n  return text;",
    );
    expect(await p.update('src/lib.ts', 'src/use1.ts')).toMatchObject([
      { kind: 'SYMBOL_REMOVED', key: 'src/lib.ts#bye', breaking: true, affected: ['src/use1.ts#one'] },
    ]);
  });

  it('reports a function moved to another file and renamed, its caller following, as one SYMBOL_MOVED', async () => {
    const p = await semanticProject(LIB);
    p.edit('src/lib.ts', BYE, '');
    p.write('src/farewell.ts', BYE.replace('function bye', 'function farewell'));
    p.write(
      'src/use1.ts',
      "import { greet } from './lib';\nimport { farewell } from './farewell';\nexport function one(): string {\n  return greet('a') + farewell('b');\n}\n",
    );
    expect(await p.update('src/lib.ts', 'src/farewell.ts', 'src/use1.ts')).toEqual([
      {
        kind: 'SYMBOL_MOVED',
        key: 'src/farewell.ts#farewell',
        previousKey: 'src/lib.ts#bye',
        before: 'src/lib.ts',
        after: 'src/farewell.ts',
        breaking: false,
        affected: [],
        message: 'Moved function farewell from src/lib.ts to src/farewell.ts.',
      },
    ]);
  });

  it('reports a file renamed with a function re-signed, its caller following, as SYMBOL_MOVED and SIGNATURE_CHANGED', async () => {
    const p = await semanticProject(LIB);
    p.rename('src/lib.ts', 'src/library.ts');
    p.edit('src/library.ts', 'bye(name: string)', 'bye(name: string, times: number)');
    p.edit('src/use1.ts', "from './lib'", "from './library'");
    p.edit('src/use1.ts', "bye('b')", "bye('b', 2)");
    p.edit('src/use2.ts', "from './lib'", "from './library'");
    const changes = await p.update('src/lib.ts', 'src/library.ts', 'src/use1.ts', 'src/use2.ts');
    expect(lines(changes)).toEqual([
      'SYMBOL_MOVED src/library.ts#Box',
      'SYMBOL_MOVED src/library.ts#bye',
      'SYMBOL_MOVED src/library.ts#greet',
      'SIGNATURE_CHANGED src/library.ts#bye',
    ]);
    expect(changes.map((c) => c.breaking)).toEqual([false, false, false, true]);
    expect(changes[3]).toMatchObject({
      before: 'export function bye(name: string): string',
      after: 'export function bye(name: string, times: number): string',
      affected: ['src/use1.ts#one'],
    });
  });

  it('reports a member re-signed or removed along with its class moving, not only the move', async () => {
    const p = await semanticProject(LIB);
    p.edit('src/lib.ts', BOX, '');
    p.write(
      'src/box.ts',
      BOX.replace('open(): number', 'open(force: boolean): number').replace(
        '  close(): number {\n    return 2;\n  }\n',
        '',
      ),
    );
    p.edit(
      'src/use2.ts',
      "import { greet, Box } from './lib';",
      "import { greet } from './lib';\nimport { Box } from './box';",
    );
    const changes = await p.update('src/lib.ts', 'src/box.ts', 'src/use2.ts');
    expect(lines(changes)).toEqual([
      'SYMBOL_REMOVED src/lib.ts#Box.close',
      'SYMBOL_MOVED src/box.ts#Box',
      'SIGNATURE_CHANGED src/box.ts#Box.open',
    ]);
    expect(changes[0]).toMatchObject({ breaking: false, affected: [] });
    expect(changes[1]).toMatchObject({ previousKey: 'src/lib.ts#Box', breaking: false });
    expect(changes[2]).toMatchObject({
      before: 'open(): number',
      after: 'open(force: boolean): number',
      breaking: true,
      affected: ['src/use2.ts#two'],
    });
  });

  describe('a function declared with overloads', () => {
    const OVERLOADED: Record<string, string> = {
      ...LIB,
      'src/lib.ts': `export function parse(text: string): number;
export function parse(text: string, radix: number): number;
export function parse(text: string, radix?: number): number {
  return Number.parseInt(text, radix ?? 10);
}
`,
      'src/use1.ts': `import { parse } from './lib';
export function one(): number {
  return parse('1') + parse('ff', 16);
}
`,
      'src/use2.ts': `import { parse } from './lib';
export function two(): number {
  return parse('2');
}
`,
    };

    it('reports nothing when only the implementation’s header changes: no caller can see it', async () => {
      const p = await semanticProject(OVERLOADED);
      p.edit(
        'src/lib.ts',
        'parse(text: string, radix?: number): number {',
        'parse(text: string, radix = 10): number {',
      );
      expect(await p.update('src/lib.ts')).toEqual([]);
    });

    it('reports an overload removed as breaking for a caller that passes its arguments, naming every caller', async () => {
      const p = await semanticProject(OVERLOADED);
      p.edit('src/lib.ts', 'export function parse(text: string, radix: number): number;\n', '');
      expect(await p.update('src/lib.ts')).toEqual([
        {
          kind: 'SIGNATURE_CHANGED',
          key: 'src/lib.ts#parse',
          before:
            'export function parse(text: string): number\nexport function parse(text: string, radix: number): number',
          after: 'export function parse(text: string): number',
          breaking: true,
          affected: ['src/use1.ts#one', 'src/use2.ts#two'],
          message:
            'Changed the signature of function parse in src/lib.ts from `export function parse(text: string): number; export function parse(text: string, radix: number): number` to `export function parse(text: string): number`; 2 dependents, 1 of them may no longer fit (listed first).',
        },
      ]);
    });

    it('reports an overload removed as breaking nothing while no caller passes its arguments', async () => {
      const p = await semanticProject(OVERLOADED);
      p.edit('src/use1.ts', " + parse('ff', 16)", '');
      await p.update('src/use1.ts');
      p.edit('src/lib.ts', 'export function parse(text: string, radix: number): number;\n', '');
      expect(await p.update('src/lib.ts')).toMatchObject([
        { kind: 'SIGNATURE_CHANGED', breaking: false, affected: ['src/use1.ts#one', 'src/use2.ts#two'] },
      ]);
    });

    it('reports an overload added as a signature change that breaks no caller', async () => {
      const p = await semanticProject(OVERLOADED);
      p.edit(
        'src/lib.ts',
        'export function parse(text: string, radix?: number)',
        'export function parse(text: bigint): number;\nexport function parse(text: string | bigint, radix?: number)',
      );
      expect(await p.update('src/lib.ts')).toMatchObject([
        {
          kind: 'SIGNATURE_CHANGED',
          key: 'src/lib.ts#parse',
          breaking: false,
          affected: ['src/use1.ts#one', 'src/use2.ts#two'],
        },
      ]);
    });
  });

  describe('a file saved with a syntax error', () => {
    const GREET_END = "return 'hi ' + name;\n}";
    const UNCLOSED = "return 'hi ' + name;\n";

    it('reports nothing while an unclosed brace swallows the rest of the file, and nothing once it is closed', async () => {
      const p = await semanticProject(LIB);
      p.edit('src/lib.ts', GREET_END, UNCLOSED);
      expect(await p.update('src/lib.ts')).toEqual([]);
      p.edit('src/lib.ts', UNCLOSED, GREET_END);
      expect(await p.update('src/lib.ts')).toEqual([]);
    });

    it('reports, once the file parses again, what did not come back or came back changed', async () => {
      const p = await semanticProject(LIB);
      p.edit('src/lib.ts', GREET_END, UNCLOSED);
      expect(await p.update('src/lib.ts')).toEqual([]);
      p.edit('src/lib.ts', BYE, '');
      expect(await p.update('src/lib.ts')).toEqual([]);
      p.edit('src/lib.ts', UNCLOSED, GREET_END);
      p.edit('src/lib.ts', 'open(): number', 'open(force: boolean): number');
      const changes = await p.update('src/lib.ts');
      expect(lines(changes)).toEqual([
        'SYMBOL_REMOVED src/lib.ts#bye',
        'SIGNATURE_CHANGED src/lib.ts#Box.open',
      ]);
      expect(changes[0]).toMatchObject({ breaking: true, affected: ['src/use1.ts#one'] });
      expect(changes[1]).toMatchObject({ breaking: true, affected: ['src/use2.ts#two'] });
    });

    it('reports the symbols it held as removed when the broken file is deleted', async () => {
      const p = await semanticProject(LIB);
      p.edit('src/lib.ts', GREET_END, UNCLOSED);
      expect(await p.update('src/lib.ts')).toEqual([]);
      p.remove('src/lib.ts');
      const changes = await p.update('src/lib.ts');
      expect(lines(changes)).toEqual([
        'SYMBOL_REMOVED src/lib.ts#Box',
        'SYMBOL_REMOVED src/lib.ts#bye',
        'SYMBOL_REMOVED src/lib.ts#greet',
      ]);
      expect(changes[1]).toMatchObject({ breaking: true, affected: ['src/use1.ts#one'] });
    });

    it('reports a function moved out of a file that an unclosed brace breaks as moved, and not removed later', async () => {
      const p = await semanticProject(LIB);
      p.edit('src/lib.ts', GREET_END, UNCLOSED);
      p.edit('src/lib.ts', BYE, '');
      p.write('src/bye.ts', BYE);
      p.edit(
        'src/use1.ts',
        "import { greet, bye } from './lib';",
        "import { greet } from './lib';\nimport { bye } from './bye';",
      );
      expect(lines(await p.update('src/lib.ts', 'src/bye.ts', 'src/use1.ts'))).toEqual([
        'SYMBOL_MOVED src/bye.ts#bye',
      ]);
      p.edit('src/lib.ts', UNCLOSED, GREET_END);
      expect(await p.update('src/lib.ts')).toEqual([]);
    });

    it('reports a removal from a file that was already broken before the revision', async () => {
      const p = await semanticProject({ ...LIB, 'src/lib.ts': `${LIB['src/lib.ts']}\nconst broken = (;\n` });
      p.edit('src/lib.ts', BYE, '');
      expect(await p.update('src/lib.ts')).toMatchObject([
        { kind: 'SYMBOL_REMOVED', key: 'src/lib.ts#bye', breaking: true, affected: ['src/use1.ts#one'] },
      ]);
    });
  });

  it('reports a cycle across three files that shrinks to two as resolved, naming the two still in a cycle', async () => {
    const p = await semanticProject({
      'tsconfig.json': LIB['tsconfig.json']!,
      'src/x.ts': "import { y } from './y';\nimport { z } from './z';\nexport const x = () => y() + z();\n",
      'src/y.ts': "import { x } from './x';\nexport const y = () => 1;\nexport const yy = () => x();\n",
      'src/z.ts': 'export const z = () => 1;\n',
    });
    p.write(
      'src/z.ts',
      "import { x } from './x';\nexport const z = () => 1;\nexport const zz = () => x();\n",
    );
    expect((await p.update('src/z.ts')).filter((c) => c.kind.startsWith('CYCLE'))).toEqual([
      {
        kind: 'CYCLE_INTRODUCED',
        key: 'src/x.ts',
        breaking: false,
        affected: ['src/x.ts', 'src/y.ts', 'src/z.ts'],
        message:
          'Import cycle introduced between 3 files: src/x.ts, src/y.ts, src/z.ts; 2 of them, src/x.ts, src/y.ts, were in a cycle already.',
      },
    ]);
    p.write('src/z.ts', 'export const z = () => 1;\n');
    expect((await p.update('src/z.ts')).filter((c) => c.kind.startsWith('CYCLE'))).toEqual([
      {
        kind: 'CYCLE_RESOLVED',
        key: 'src/x.ts',
        breaking: false,
        affected: ['src/x.ts', 'src/y.ts', 'src/z.ts'],
        message:
          'Import cycle between 3 files shrank: src/x.ts, src/y.ts, src/z.ts; src/x.ts, src/y.ts still form a cycle.',
      },
    ]);
  });

  describe('a member added to an interface', () => {
    const SHAPES = {
      'tsconfig.json': LIB['tsconfig.json']!,
      'src/shape.ts': 'export interface Shape {\n  area(): number;\n}\n',
      'src/square.ts': `import type { Shape } from './shape';
export class Square implements Shape {
  side = 1;
  area(): number {
    return this.side * this.side;
  }
}
`,
      'src/report.ts':
        "import type { Shape } from './shape';\nexport function report(shape: Shape): number {\n  return shape.area();\n}\n",
    };

    it('reports a required member as breaking for the classes that implement the interface without it', async () => {
      const p = await semanticProject(SHAPES);
      p.edit('src/shape.ts', 'area(): number;', 'area(): number;\n  name: string;');
      expect(await p.update('src/shape.ts')).toEqual([
        {
          kind: 'SYMBOL_ADDED',
          key: 'src/shape.ts#Shape.name',
          after: 'name: string',
          breaking: true,
          affected: ['src/square.ts#Square'],
          message: 'Added property Shape.name in src/shape.ts; 1 class implementing it lacks it.',
        },
      ]);
    });

    it('reports a required member as breaking for classes implementing it through an interface that extends it, and for subclasses lacking it', async () => {
      const p = await semanticProject({
        ...SHAPES,
        'src/polygon.ts': `import type { Shape } from './shape';
export interface Polygon extends Shape {
  sides: number;
}
export interface Labelled extends Shape {
  name: string;
}
`,
        'src/triangle.ts': `import type { Polygon, Labelled } from './polygon';
export class Triangle implements Polygon {
  sides = 3;
  area(): number {
    return 1;
  }
}
export class Tag implements Labelled {
  name = 'tag';
  area(): number {
    return 0;
  }
}
`,
        'src/big.ts': `import { Square } from './square';
import { Triangle } from './triangle';
export class BigSquare extends Square {}
export class NamedSquare extends Square {
  name = 'named';
}
export class HugeSquare extends BigSquare {}
export class Wedge extends Triangle {}
`,
      });
      p.edit('src/shape.ts', 'area(): number;', 'area(): number;\n  name: string;');
      expect(await p.update('src/shape.ts')).toEqual([
        {
          kind: 'SYMBOL_ADDED',
          key: 'src/shape.ts#Shape.name',
          after: 'name: string',
          breaking: true,
          affected: [
            'src/big.ts#BigSquare',
            'src/big.ts#HugeSquare',
            'src/big.ts#Wedge',
            'src/square.ts#Square',
            'src/triangle.ts#Triangle',
          ],
          message: 'Added property Shape.name in src/shape.ts; 5 classes implementing it lack it.',
        },
      ]);
    });

    it('does not count a class that inherits the member from its base class as lacking it', async () => {
      const p = await semanticProject({
        ...SHAPES,
        'src/circle.ts': `import type { Shape } from './shape';
export class Named {
  name = 'named';
}
export class Circle extends Named implements Shape {
  area(): number {
    return 3;
  }
}
`,
      });
      p.edit('src/shape.ts', 'area(): number;', 'area(): number;\n  name: string;');
      expect(await p.update('src/shape.ts')).toMatchObject([
        {
          kind: 'SYMBOL_ADDED',
          key: 'src/shape.ts#Shape.name',
          breaking: true,
          affected: ['src/square.ts#Square'],
        },
      ]);
    });

    it('reports an optional member, one the class has already, or one it gets in the same revision as not breaking', async () => {
      const p = await semanticProject(SHAPES);
      p.edit('src/shape.ts', 'area(): number;', 'area(): number;\n  label?: string;\n  side: number;');
      expect(await p.update('src/shape.ts')).toMatchObject([
        { kind: 'SYMBOL_ADDED', key: 'src/shape.ts#Shape.label', breaking: false, affected: [] },
        { kind: 'SYMBOL_ADDED', key: 'src/shape.ts#Shape.side', breaking: false, affected: [] },
      ]);
      p.edit('src/shape.ts', 'side: number;', 'side: number;\n  name: string;');
      p.edit('src/square.ts', 'side = 1;', "side = 1;\n  name = 'square';");
      const changes = await p.update('src/shape.ts', 'src/square.ts');
      expect(changes.find((c) => c.key === 'src/shape.ts#Shape.name')).toMatchObject({
        breaking: false,
        affected: [],
      });
    });
  });

  it('reports a constructor that needs arguments, added to a class built without any, as breaking for its `new`s', async () => {
    const p = await semanticProject(LIB);
    p.edit('src/lib.ts', 'export class Box {\n', 'export class Box {\n  constructor(size: number) {}\n');
    expect(await p.update('src/lib.ts')).toEqual([
      {
        kind: 'SYMBOL_ADDED',
        key: 'src/lib.ts#Box.constructor',
        after: 'constructor(size: number)',
        breaking: true,
        affected: ['src/use2.ts#two'],
        message:
          'Added method Box.constructor in src/lib.ts; 1 dependent instantiates or extends the class without arguments.',
      },
    ]);
    p.edit('src/lib.ts', 'constructor(size: number)', 'constructor(size: number = 1)');
    expect(await p.update('src/lib.ts')).toMatchObject([{ kind: 'SIGNATURE_CHANGED', breaking: false }]);
  });

  it('reports a constructor needing arguments as breaking for a generic class too (`<T extends object>` is no base class)', async () => {
    const p = await semanticProject(LIB);
    p.edit('src/lib.ts', 'export class Box {\n', 'export class Box<T extends object = object> {\n');
    await p.update('src/lib.ts');
    p.edit('src/lib.ts', 'object> {\n', 'object> {\n  constructor(size: number) {}\n');
    expect(await p.update('src/lib.ts')).toMatchObject([
      {
        kind: 'SYMBOL_ADDED',
        key: 'src/lib.ts#Box.constructor',
        breaking: true,
        affected: ['src/use2.ts#two'],
      },
    ]);
  });

  it('reports a `public constructor` whose parameters are all optional, added to a class, as not breaking', async () => {
    const p = await semanticProject(LIB);
    p.edit(
      'src/lib.ts',
      'export class Box {\n',
      'export class Box {\n  public constructor(size?: number) {}\n',
    );
    expect(await p.update('src/lib.ts')).toMatchObject([
      { kind: 'SYMBOL_ADDED', key: 'src/lib.ts#Box.constructor', breaking: false, affected: [] },
    ]);
  });

  it('reports a constructor whose parameters are all optional, added to a class, as not breaking', async () => {
    const p = await semanticProject(LIB);
    p.edit('src/lib.ts', 'export class Box {\n', 'export class Box {\n  constructor(size?: number) {}\n');
    expect(await p.update('src/lib.ts')).toMatchObject([
      { kind: 'SYMBOL_ADDED', key: 'src/lib.ts#Box.constructor', breaking: false, affected: [] },
    ]);
  });

  it('reports a local `export { x }`, `export { x as y }` or `export default x` of an imported x, dropped from a barrel, as CALLS_BROKEN', async () => {
    const p = await semanticProject({
      ...LIB,
      'src/index.ts':
        "import { greet, bye } from './lib';\nexport { greet };\nexport { bye as farewell };\nexport default greet;\n",
      'src/hello.ts':
        "import hello from './index';\nexport function e(): string {\n  return hello('q');\n}\n",
      'src/consumer.ts': `import { greet, farewell } from './index';
export function c(): string {
  return greet('z');
}
export function d(): string {
  return farewell('z');
}
`,
    });
    p.edit('src/index.ts', 'export { greet };\n', '');
    expect(await p.update('src/index.ts')).toEqual([
      {
        kind: 'CALLS_BROKEN',
        key: 'src/lib.ts#greet',
        breaking: true,
        affected: ['src/consumer.ts#c'],
        message: '1 call to greet (src/lib.ts) no longer resolves: from src/consumer.ts#c.',
      },
    ]);
    p.edit('src/index.ts', 'export { bye as farewell };\n', '');
    expect(await p.update('src/index.ts')).toEqual([
      {
        kind: 'CALLS_BROKEN',
        key: 'src/lib.ts#bye',
        breaking: true,
        affected: ['src/consumer.ts#d'],
        message: '1 call to bye (src/lib.ts) no longer resolves: from src/consumer.ts#d.',
      },
    ]);
    p.edit('src/index.ts', 'export default greet;\n', '');
    expect(await p.update('src/index.ts')).toMatchObject([
      { kind: 'CALLS_BROKEN', key: 'src/lib.ts#greet', breaking: true, affected: ['src/hello.ts#e'] },
    ]);
  });

  it('reports a class dropped from a barrel as one CALLS_BROKEN for its `new`s, its members’ calls folded in', async () => {
    const p = await semanticProject({
      ...LIB,
      'src/index.ts': "import { greet, Box } from './lib';\nexport { greet, Box };\n",
      'src/boxes.ts': `import { Box } from './index';
export function opened(): number {
  return new Box().open();
}
export function made(): Box {
  return new Box();
}
`,
    });
    p.edit('src/index.ts', 'export { greet, Box };', 'export { greet };');
    expect(await p.update('src/index.ts')).toEqual([
      {
        kind: 'CALLS_BROKEN',
        key: 'src/lib.ts#Box',
        breaking: true,
        affected: ['src/boxes.ts#made', 'src/boxes.ts#opened'],
        message:
          '2 calls to Box (src/lib.ts) no longer resolve: from src/boxes.ts#made, src/boxes.ts#opened.',
      },
    ]);
  });

  it('reports a re-export dropped from a barrel as CALLS_BROKEN for the callers that import it from there', async () => {
    const p = await semanticProject({
      ...LIB,
      'src/index.ts': "export { greet } from './lib';\nexport { bye } from './lib';\n",
      'src/consumer.ts':
        "import { greet } from './index';\nexport function c(): string {\n  return greet('z');\n}\n",
    });
    p.edit('src/index.ts', "export { greet } from './lib';\n", '');
    expect(await p.update('src/index.ts')).toEqual([
      {
        kind: 'CALLS_BROKEN',
        key: 'src/lib.ts#greet',
        breaking: true,
        affected: ['src/consumer.ts#c'],
        message: '1 call to greet (src/lib.ts) no longer resolves: from src/consumer.ts#c.',
      },
    ]);
  });
});
