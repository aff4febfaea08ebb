/**
 * Before any test: builds dist/ and client/dist/ when they are missing or were built from other
 * sources (a hash of the inputs, see scripts/build.mjs). The tests that spawn `bin/codenav.mjs`
 * run the compiled server, so a stale dist/ would test old code; the rest import the sources.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  execFileSync(
    process.execPath,
    [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url)), '--if-stale'],
    {
      stdio: 'inherit',
    },
  );
}
