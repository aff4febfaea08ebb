#!/usr/bin/env node
// The `codenav` command: runs the compiled server in dist/ (`npm run build`; `npm ci` in a clone
// and `npm pack` build it).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  // Only a clone can lack it: the package always carries dist/.
  process.stderr.write('codenav: dist/ is not built: run `npm run build` (npm ci does it too)\n');
  process.exit(1);
}

// A one-shot analysis runs the type checker on this thread; it makes much short-lived garbage,
// and a larger young generation spends about a sixth less time in GC. The server gets the
// same from its analysis worker's resource limits.
if (process.argv[2] === 'analyze' && !process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) {
  const run = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      '--max-semi-space-size=32',
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  process.exit(run.status ?? 1);
}

// graphql-js runs extra checks on every value unless in production: they halve request throughput.
process.env.NODE_ENV ??= 'production';

await import(main.href);
