import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of codenav's own package.json, the same whether this file runs from its source
 * (`server/`) or compiled (`dist/server/`): the nearest folder above that holds a package.json.
 * `client/dist/` (the web UI) and package.json (the version) are found from it.
 */
export const packageRoot: string = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`codenav: no package.json above ${from}`);
  }
}
