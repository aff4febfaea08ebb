import { afterAll, describe, expect, it } from 'vitest';
import type { SemanticChange } from '../../server/semantic/index.ts';
import { removeCopies } from '../helpers/fixtures.ts';
import { addRenamedToPlus, semanticProject } from '../helpers/semantic.ts';

afterAll(removeCopies);

const PROJECT: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler' },
    include: ['src'],
  }),
  'src/math.ts': `export function add(a: number, b: number): number {
  return a + b;
}

export function mul(a: number, b: number): number {
  return a * b;
}

function helper(x: number): number {
  return x;
}

export function format(value: string): string;
export function format(value: number): string;
export function format(value: unknown): string {
  return String(helper(value as number));
}

export default function shout(text: string): string {
  return text.toUpperCase();
}
`,
  'src/calc.ts': `import { add } from './math';

export function total(values: number[]): number {
  return values.reduce((sum, value) => add(sum, value), 0);
}
`,
  'src/app.ts': `import shout from './math';
import { Cart } from './cart';

export function run(): string {
  new Cart().size();
  return shout('hi');
}
`,
  'src/cart.ts': `export class Cart {
  items: string[] = [];
  size(): number {
    return this.items.length;
  }
}

export const EMPTY = 0;
`,
  'src/a.ts': `import { b } from './b';
export const a = () => b();
`,
  'src/b.ts': `export function b(): number {
  return 1;
}
`,
};

/** The project on disk, analyzed into a memory store; each edit is one revision with its semantic changes. */
const project = () => semanticProject(PROJECT);

/** `KIND key` lines: what a reader of the log sees first. */
const lines = (changes: readonly SemanticChange[]) => changes.map((c) => `${c.kind} ${c.key}`);

describe('semantic changes of a revision', () => {
  it('reports an added symbol as SYMBOL_ADDED, nothing else', async () => {
    const p = await project();
    p.edit(
      'src/math.ts',
      'function helper',
      'export function sub(a: number, b: number): number {\n  return a - b;\n}\n\nfunction helper',
    );
    const changes = await p.update('src/math.ts');
    expect(changes).toEqual([
      {
        kind: 'SYMBOL_ADDED',
        key: 'src/math.ts#sub',
        after: 'export function sub(a: number, b: number): number',
        breaking: false,
        affected: [],
        message: 'Added exported function sub in src/math.ts.',
      },
    ]);
  });

  it('reports a removed symbol nobody uses as SYMBOL_REMOVED, not breaking', async () => {
    const p = await project();
    p.edit('src/math.ts', 'export function mul(a: number, b: number): number {\n  return a * b;\n}\n', '');
    const changes = await p.update('src/math.ts');
    expect(lines(changes)).toEqual(['SYMBOL_REMOVED src/math.ts#mul']);
    expect(changes[0]).toMatchObject({ breaking: false, affected: [] });
  });

  it('reports a removed symbol that callers use as breaking, with the callers', async () => {
    const p = await project();
    p.edit('src/math.ts', 'export function add(a: number, b: number): number {\n  return a + b;\n}\n', '');
    const changes = await p.update('src/math.ts');
    expect(lines(changes)).toEqual(['SYMBOL_REMOVED src/math.ts#add']);
    expect(changes[0]).toMatchObject({
      breaking: true,
      affected: ['src/calc.ts#total'],
      message: 'Removed function add from src/math.ts; 1 dependent still uses it.',
    });
  });

  it('reports a rename as one SYMBOL_RENAMED, breaking while a caller still uses the old name', async () => {
    const p = await project();
    p.edit('src/math.ts', 'export function add(', 'export function plus(');
    const changes = await p.update('src/math.ts');
    expect(changes).toEqual([
      addRenamedToPlus(
        ['src/calc.ts#total'],
        'Renamed function add to plus in src/math.ts; 1 dependent still uses the old name.',
      ),
    ]);
  });

  it('reports a rename its callers followed in the same revision as not breaking', async () => {
    const p = await project();
    p.edit('src/math.ts', 'export function add(', 'export function plus(');
    p.edit('src/calc.ts', "import { add } from './math';", "import { plus } from './math';");
    p.edit('src/calc.ts', 'add(sum, value)', 'plus(sum, value)');
    const changes = await p.update('src/math.ts', 'src/calc.ts');
    expect(lines(changes)).toEqual(['SYMBOL_RENAMED src/math.ts#plus']);
    expect(changes[0]).toMatchObject({ breaking: false, affected: [] });
  });

  it('reports a renamed default export as SYMBOL_RENAMED (its importers keep their own name for it)', async () => {
    const p = await project();
    p.edit('src/math.ts', 'export default function shout(', 'export default function yell(');
    const changes = await p.update('src/math.ts');
    expect(changes).toEqual([
      expect.objectContaining({
        kind: 'SYMBOL_RENAMED',
        key: 'src/math.ts#yell',
        previousKey: 'src/math.ts#shout',
        breaking: false,
        affected: [],
      }),
    ]);
  });

  it('reports a file renamed with its symbols as one SYMBOL_MOVED per symbol (members fold into their class)', async () => {
    const p = await project();
    p.rename('src/cart.ts', 'src/basket.ts');
    p.edit('src/app.ts', "from './cart'", "from './basket'");
    const changes = await p.update('src/cart.ts', 'src/basket.ts', 'src/app.ts');
    expect(changes).toEqual([
      {
        kind: 'SYMBOL_MOVED',
        key: 'src/basket.ts#Cart',
        previousKey: 'src/cart.ts#Cart',
        before: 'src/cart.ts',
        after: 'src/basket.ts',
        breaking: false,
        affected: [],
        message: 'Moved class Cart from src/cart.ts to src/basket.ts.',
      },
      expect.objectContaining({
        kind: 'SYMBOL_MOVED',
        key: 'src/basket.ts#EMPTY',
        previousKey: 'src/cart.ts#EMPTY',
      }),
    ]);
  });

  it('reports a move its importer did not follow as breaking', async () => {
    const p = await project();
    p.rename('src/cart.ts', 'src/basket.ts');
    const changes = await p.update('src/cart.ts', 'src/basket.ts');
    expect(changes[0]).toMatchObject({
      kind: 'SYMBOL_MOVED',
      key: 'src/basket.ts#Cart',
      breaking: true,
      affected: ['src/app.ts#run'],
    });
  });

  it('reports a required parameter added as SIGNATURE_CHANGED with before and after, breaking for its callers', async () => {
    const p = await project();
    p.edit(
      'src/math.ts',
      'add(a: number, b: number): number',
      'add(a: number, b: number, c: number): number',
    );
    const changes = await p.update('src/math.ts');
    expect(changes).toEqual([
      {
        kind: 'SIGNATURE_CHANGED',
        key: 'src/math.ts#add',
        before: 'export function add(a: number, b: number): number',
        after: 'export function add(a: number, b: number, c: number): number',
        breaking: true,
        affected: ['src/calc.ts#total'],
        message:
          'Changed the signature of function add in src/math.ts from `export function add(a: number, b: number): number` to `export function add(a: number, b: number, c: number): number`; 1 dependent.',
      },
    ]);
  });

  it('reports nothing for a body edit', async () => {
    const p = await project();
    p.edit('src/math.ts', 'return a + b;', 'const sum = a + b;\n  return sum;');
    expect(await p.update('src/math.ts')).toEqual([]);
  });

  it('judges a class method implementing or overriding a re-signed member as TypeScript does (TS2416), not as a value use', async () => {
    const p = await semanticProject({
      'tsconfig.json': PROJECT['tsconfig.json']!,
      'src/handler.ts': `export interface Req { url: string }
export interface Res { status: number }
export interface Handler {
  handle(req: Req, res: Res): void;
}
`,
      'src/impl.ts': `import type { Handler, Req, Res } from './handler';
export class Impl implements Handler {
  handle(req: Req, res: Res): void {}
}
`,
    });
    // The implementation requires two arguments; the member now provides one: TS2416.
    p.edit('src/handler.ts', 'handle(req: Req, res: Res): void;', 'handle(req: Req): void;');
    const dropped = await p.update('src/handler.ts');
    expect(lines(dropped)).toEqual(['SIGNATURE_CHANGED src/handler.ts#Handler.handle']);
    expect(dropped[0]).toMatchObject({ breaking: true, affected: ['src/impl.ts#Impl.handle'] });
    // An implementation declaring fewer parameters than the member is one: a parameter added to
    // the member breaks no implementer (its callers would be another matter).
    p.edit('src/impl.ts', 'handle(req: Req, res: Res): void {}', 'handle(req: Req): void {}');
    await p.update('src/impl.ts');
    p.edit('src/handler.ts', 'handle(req: Req): void;', 'handle(req: Req, res: Res): void;');
    const added = await p.update('src/handler.ts');
    expect(lines(added)).toEqual(['SIGNATURE_CHANGED src/handler.ts#Handler.handle']);
    expect(added[0]).toMatchObject({ breaking: false, affected: ['src/impl.ts#Impl.handle'] });
  });

  it('reports nothing for reformatting', async () => {
    const p = await project();
    p.write(
      'src/math.ts',
      p
        .read('src/math.ts')
        .replace('add(a: number, b: number): number {', 'add(\n  a:number,\n  b:number,\n):number\n{')
        .replace('return a * b;', 'return a*b')
        .replace(/\n\n/g, '\n\n\n'),
    );
    expect(await p.update('src/math.ts')).toEqual([]);
  });

  it('reports nothing when two symbols swap places', async () => {
    const p = await project();
    const add = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
    const mul = 'export function mul(a: number, b: number): number {\n  return a * b;\n}\n';
    p.write('src/math.ts', p.read('src/math.ts').replace(`${add}\n${mul}`, `${mul}\n${add}`));
    expect(await p.update('src/math.ts')).toEqual([]);
  });

  it('reports an overload added as a signature change that breaks nothing, not a new symbol', async () => {
    const p = await project();
    p.edit(
      'src/math.ts',
      'export function format(value: unknown)',
      'export function format(value: boolean): string;\nexport function format(value: unknown)',
    );
    const changes = await p.update('src/math.ts');
    expect(lines(changes)).toEqual(['SIGNATURE_CHANGED src/math.ts#format']);
    expect(changes[0]).toMatchObject({ breaking: false });
  });

  it('shows the overloads as the signature, not the implementation callers cannot call', async () => {
    const p = await project();
    p.edit(
      'src/math.ts',
      'export function format(value: unknown): string {',
      'export function format(value: boolean): string;\nexport function format(value: unknown, radix?: number): string {',
    );
    const changes = await p.update('src/math.ts');
    expect(lines(changes)).toEqual(['SIGNATURE_CHANGED src/math.ts#format']);
    expect(changes[0]).toMatchObject({
      before: 'export function format(value: string): string\nexport function format(value: number): string',
      after:
        'export function format(value: string): string\nexport function format(value: number): string\nexport function format(value: boolean): string',
      breaking: false,
    });
  });

  it('reports EXPORT_ADDED for a symbol now exported', async () => {
    const p = await project();
    p.edit('src/math.ts', 'function helper(', 'export function helper(');
    const changes = await p.update('src/math.ts');
    expect(changes).toEqual([
      {
        kind: 'EXPORT_ADDED',
        key: 'src/math.ts#helper',
        breaking: false,
        affected: [],
        message: 'Function helper is now exported from src/math.ts.',
      },
    ]);
  });

  it('reports EXPORT_REMOVED, breaking for the other files that use it (one event, not also CALLS_BROKEN)', async () => {
    const p = await project();
    p.edit('src/math.ts', 'export function add(', 'function add(');
    const changes = await p.update('src/math.ts');
    expect(lines(changes)).toEqual(['EXPORT_REMOVED src/math.ts#add']);
    expect(changes[0]).toMatchObject({ breaking: true, affected: ['src/calc.ts#total'] });
  });

  it('reports CALLS_BROKEN when a call that resolved no longer does', async () => {
    const p = await project();
    p.edit('src/app.ts', 'new Cart().size();', '(new Cart() as any).size();');
    const changes = await p.update('src/app.ts');
    expect(changes).toEqual([
      {
        kind: 'CALLS_BROKEN',
        key: 'src/cart.ts#Cart.size',
        breaking: true,
        affected: ['src/app.ts#run'],
        message: '1 call to Cart.size (src/cart.ts) no longer resolves: from src/app.ts#run.',
      },
    ]);
  });

  it('reports CALLS_BROKEN when an import is pointed at a module that is not there', async () => {
    const p = await project();
    p.edit('src/calc.ts', "from './math'", "from './maths'");
    const changes = await p.update('src/calc.ts');
    expect(changes).toEqual([
      {
        kind: 'CALLS_BROKEN',
        key: 'src/math.ts#add',
        breaking: true,
        affected: ['src/calc.ts#total'],
        message: '1 call to add (src/math.ts) no longer resolves: from src/calc.ts#total.',
      },
    ]);
  });

  it('reports CALLS_RESTORED, not breaking, when a call that no longer resolved resolves again', async () => {
    const p = await project();
    p.edit('src/app.ts', 'new Cart().size();', '(new Cart() as any).size();');
    expect(lines(await p.update('src/app.ts'))).toEqual(['CALLS_BROKEN src/cart.ts#Cart.size']);
    p.edit('src/app.ts', '(new Cart() as any).size();', 'new Cart().size();');
    expect(await p.update('src/app.ts')).toEqual([
      {
        kind: 'CALLS_RESTORED',
        key: 'src/cart.ts#Cart.size',
        breaking: false,
        affected: ['src/app.ts#run'],
        message: '1 call to Cart.size (src/cart.ts) resolves again: from src/app.ts#run.',
      },
    ]);
  });

  it('reports CALLS_RESTORED when an import pointed at a module that is not there is put right', async () => {
    const p = await project();
    p.edit('src/calc.ts', "from './math'", "from './maths'");
    expect(lines(await p.update('src/calc.ts'))).toEqual(['CALLS_BROKEN src/math.ts#add']);
    p.edit('src/calc.ts', "from './maths'", "from './math'");
    expect(await p.update('src/calc.ts')).toEqual([
      {
        kind: 'CALLS_RESTORED',
        key: 'src/math.ts#add',
        breaking: false,
        affected: ['src/calc.ts#total'],
        message: '1 call to add (src/math.ts) resolves again: from src/calc.ts#total.',
      },
    ]);
  });

  it('reports nothing restored when nothing was broken: a call added, or an unresolved call now resolving to what the caller called already', async () => {
    const p = await project();
    p.edit('src/app.ts', 'new Cart().size();', 'new Cart().size();\n  (new Cart() as any).size();');
    expect(await p.update('src/app.ts')).toEqual([]);
    // The call resolves now, but to the callee of an edge that was there: no call resolves again.
    p.edit('src/app.ts', '(new Cart() as any).size();', 'new Cart().size();');
    expect(await p.update('src/app.ts')).toEqual([]);
    p.edit('src/calc.ts', 'add(sum, value)', 'add(sum, value) + mul(1, 1)');
    expect(await p.update('src/calc.ts')).toEqual([]);
  });

  it('reports nothing for a call removed from the code', async () => {
    const p = await project();
    p.edit('src/calc.ts', 'add(sum, value)', 'sum + value');
    expect(await p.update('src/calc.ts')).toEqual([]);
  });

  it('reports CYCLE_INTRODUCED, then CYCLE_RESOLVED, with the files of the cycle', async () => {
    const p = await project();
    p.write('src/b.ts', "import { a } from './a';\nexport function b(): number {\n  return a.length;\n}\n");
    expect(await p.update('src/b.ts')).toEqual([
      {
        kind: 'CYCLE_INTRODUCED',
        key: 'src/a.ts',
        breaking: false,
        affected: ['src/a.ts', 'src/b.ts'],
        message: 'Import cycle introduced between 2 files: src/a.ts, src/b.ts.',
      },
    ]);
    p.write('src/b.ts', PROJECT['src/b.ts']!);
    expect(await p.update('src/b.ts')).toEqual([
      {
        kind: 'CYCLE_RESOLVED',
        key: 'src/a.ts',
        breaking: false,
        affected: ['src/a.ts', 'src/b.ts'],
        message: 'Import cycle between 2 files resolved: src/a.ts, src/b.ts.',
      },
    ]);
  });

  it('leaves type-only imports out of cycles', async () => {
    const p = await project();
    p.write(
      'src/b.ts',
      "import type { a } from './a';\nexport function b(): number {\n  return 1;\n}\nexport type A = typeof a;\n",
    );
    expect(lines(await p.update('src/b.ts'))).toEqual(['SYMBOL_ADDED src/b.ts#A']);
  });
});
