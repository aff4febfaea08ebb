import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Edits a copy of the `incremental` fixture the way files change while codenav is down: a
 * function added to src/math.ts, a new src/extra.ts that calls it, src/calc.ts deleted.
 */
export function editIncremental(root: string): void {
  appendFileSync(
    path.join(root, 'src/math.ts'),
    '\nexport function sub(a: number, b: number): number {\n  return a - b;\n}\n',
  );
  writeFileSync(
    path.join(root, 'src/extra.ts'),
    "import { sub } from './math';\nexport const five = sub(7, 2);\n",
  );
  rmSync(path.join(root, 'src/calc.ts'));
}
